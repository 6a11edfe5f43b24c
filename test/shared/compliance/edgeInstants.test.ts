/**
 * decide() at edge instants on real numbers (area code → state rule + every candidate zone), each row
 * stating the rule it checks from /work/shared/reference/compliance.md.
 */
import { describe, expect, it } from 'vitest';
import { decide, type Decision, type ReasonCode } from '../../../shared/compliance';
import { analyzePhone } from '../../../shared/phone';

const S = 1000;
const phone = (n: string) => analyzePhone(n)!;
const run = (n: string, now: number): Decision =>
  decide({ now, phone: phone(n), channel: 'sms', classification: 'informational', consent: 'informational' });
const codes = (d: Decision): ReasonCode[] => d.reasons.map((r) => r.code);
const at = (s: string): number => Date.parse(s);

/** [rule, number, instant, expected notBefore (null → send now)] */
type Row = [string, string, number, string | null];

function check(n: string, now: number, expected: string | null): void {
  const d = run(n, now);
  if (expected === null) {
    expect(d.verdict).toBe('send');
    expect(d.notBefore).toBeNull();
  } else {
    expect(d.verdict).toBe('defer');
    expect(d.notBefore).toBe(expected);
  }
}

const NYC = '+12125550123', FL_PANHANDLE = '+18505550123', TX_432 = '+14325550123', ID = '+12085550123';

describe('§1.1 TCPA 08:00–21:00 recipient local time, on the DST days of 2026 and 2027', () => {
  it.each<Row>([
    // 2026-03-08 spring forward: 08:00 EDT = 12:00Z
    ['07:59:59 EDT waits for 08:00 EDT', NYC, at('2026-03-08T12:00:00Z') - S, '2026-03-08T12:00:00.000Z'],
    ['08:00 EDT is allowed', NYC, at('2026-03-08T12:00:00Z'), null],
    ['20:59:59 EDT is allowed', NYC, at('2026-03-09T01:00:00Z') - S, null],
    ['21:00 EDT waits for 08:00 EDT next day', NYC, at('2026-03-09T01:00:00Z'), '2026-03-09T12:00:00.000Z'],
    ['02:30 in the spring-forward gap waits for 08:00 EDT', NYC, at('2026-03-08T07:30:00Z'), '2026-03-08T12:00:00.000Z'],
    // 2026-11-01 fall back: 08:00 EST = 13:00Z
    ['07:59:59 EST waits for 08:00 EST', NYC, at('2026-11-01T13:00:00Z') - S, '2026-11-01T13:00:00.000Z'],
    ['01:30 EST (second pass of the repeated hour) waits for 08:00 EST', NYC, at('2026-11-01T06:30:00Z'), '2026-11-01T13:00:00.000Z'],
    ['20:59:59 EST is allowed', NYC, at('2026-11-02T02:00:00Z') - S, null],
    ['21:00 EST waits for 08:00 EST next day', NYC, at('2026-11-02T02:00:00Z'), '2026-11-02T13:00:00.000Z'],
    // 2027-03-14 and 2027-11-07
    ['2027 spring forward: 07:59:59 EDT', NYC, at('2027-03-14T12:00:00Z') - S, '2027-03-14T12:00:00.000Z'],
    ['2027 fall back: 21:00 EST on the 25-hour day', NYC, at('2027-11-08T02:00:00Z'), '2027-11-08T13:00:00.000Z'],
  ])('%s', (_rule, n, now, expected) => check(n, now, expected));
});

describe('§5.2/§5.3 multi-zone area codes: notBefore is allowed in every candidate zone', () => {
  it.each<Row>([
    // 850 (ET + CT) under Florida 08–20: opens at 08:00 CT, closes at 20:00 ET
    ['850 on spring-forward day: 08:00 EDT is 07:00 CDT → waits for 08:00 CDT', FL_PANHANDLE, at('2027-03-14T12:00:00Z'), '2027-03-14T13:00:00.000Z'],
    ['850: 19:59:59 EDT is allowed', FL_PANHANDLE, at('2027-03-15T00:00:00Z') - S, null],
    ['850: 20:00 EDT (19:00 CDT) waits for 08:00 CDT', FL_PANHANDLE, at('2027-03-15T00:00:00Z'), '2027-03-15T13:00:00.000Z'],
    // 432 (CT + MT) under Texas: Sunday 12–21, weekdays 09–21
    ['432 Sunday 12:00 CDT is 11:00 MDT → waits for 12:00 MDT', TX_432, at('2027-03-14T17:00:00Z'), '2027-03-14T18:00:00.000Z'],
    ['432 Sunday 20:59:59 CDT is allowed', TX_432, at('2027-03-15T02:00:00Z') - S, null],
    ['432 Sunday 21:00 CDT waits for Monday 09:00 MDT', TX_432, at('2027-03-15T02:00:00Z'), '2027-03-15T15:00:00.000Z'],
    // 208 (Boise/Denver MT + Los Angeles PT) federal only
    ['208: 08:00 MDT is 07:00 PDT → waits for 08:00 PDT', ID, at('2027-07-14T14:00:00Z'), '2027-07-14T15:00:00.000Z'],
    ['208: 20:59:59 MDT is allowed', ID, at('2027-07-15T03:00:00Z') - S, null],
  ])('%s', (_rule, n, now, expected) => check(n, now, expected));
});

describe('§2 / §2.1 Sundays and holidays on weekends, New Year, July 4, Thanksgiving, Christmas', () => {
  it.each<Row>([
    // AL: no Sundays or holidays; Jul 4 2027 is a Sunday, observed Monday Jul 5 (Ala. Code § 1-3-8)
    ['AL Sat Jul 3 2027 20:00 CDT skips Sunday Jul 4 and observed Monday → Tue 08:00', '+12055550123', at('2027-07-04T01:00:00Z'), '2027-07-06T13:00:00.000Z'],
    // UT: no legal holidays: Thanksgiving 2027
    ['UT Thanksgiving 2027 → Friday 08:00 MST', '+18015550123', at('2027-11-25T17:00:00Z'), '2027-11-26T15:00:00.000Z'],
    // OK [U] holidays banned: Thanksgiving and the day after
    ['OK Thanksgiving 2027 → Saturday 08:00 CST', '+14055550123', at('2027-11-25T18:00:00Z'), '2027-11-27T14:00:00.000Z'],
    // RI: New Year 2028 is a Saturday: Fri Dec 31 (federal observed), Sat, Sun, Mon Jan 3 (R.I. observed) banned
    ['RI Thu Dec 30 2027 18:00 EST → Tue Jan 4 2028 09:00', '+14015550123', at('2027-12-30T23:00:00Z'), '2028-01-04T14:00:00.000Z'],
    // PA after Act 47: 09–19, no Sundays, legal holidays; Christmas 2027 is a Saturday, observed Friday
    ['PA Thu Dec 23 2027 19:00 EST → Mon Dec 27 09:00', '+12155550123', at('2027-12-24T00:00:00Z'), '2027-12-27T14:00:00.000Z'],
    // federal: no holiday rule (§6) → New Year's Day and July 4 are ordinary days in New York
    ['NY New Year’s Day 2027 08:00 EST is allowed', NYC, at('2027-01-01T13:00:00Z'), null],
    ['NY July 4 2027 (Sunday) 12:00 EDT is allowed', NYC, at('2027-07-04T16:00:00Z'), null],
    // §4 CRTC: weekends 10:00–18:00 called party's time
    ['Toronto Saturday 09:59:59 EST waits for 10:00', '+14165550123', at('2027-03-13T15:00:00Z') - S, '2027-03-13T15:00:00.000Z'],
    ['Toronto Saturday 17:59:59 EST is allowed', '+14165550123', at('2027-03-13T23:00:00Z') - S, null],
  ])('%s', (_rule, n, now, expected) => check(n, now, expected));
});

describe('§2 Illinois: autodialer hours 09:00–21:00 (815 ILCS 305/15), the stricter of the two Illinois windows', () => {
  const CHICAGO = '+13125550123';
  it.each<Row>([
    ['08:59:59 CST waits for 09:00', CHICAGO, at('2027-01-13T15:00:00Z') - S, '2027-01-13T15:00:00.000Z'],
    ['08:00 CST (live-call start) is still too early for an automated text', CHICAGO, at('2027-01-13T14:00:00Z'), '2027-01-13T15:00:00.000Z'],
    ['09:00 CST is allowed', CHICAGO, at('2027-01-13T15:00:00Z'), null],
    ['20:59:59 CST is allowed', CHICAGO, at('2027-01-14T03:00:00Z') - S, null],
  ])('%s', (_rule, n, now, expected) => check(n, now, expected));

  it('names Illinois as the rule that defers', () => {
    const d = run(CHICAGO, at('2027-01-13T14:30:00Z'));
    expect(codes(d)).toEqual(['QUIET_HOURS']);
    expect(d.reasons[0]!.message).toContain('US-IL');
  });
});

describe('§2 Louisiana: no Sundays or legal holidays (PSC GO R-29617 § V(A); La. R.S. 1:55)', () => {
  const NEW_ORLEANS = '+15045550123';
  it.each<Row>([
    ['MLK Day 2027 → Tuesday 08:00 CST', NEW_ORLEANS, at('2027-01-18T18:00:00Z'), '2027-01-19T14:00:00.000Z'],
    ["All Saints' Day 2027 (Monday) → Tuesday 08:00 CDT (DST ends Nov 7)", NEW_ORLEANS, at('2027-11-01T18:00:00Z'), '2027-11-02T13:00:00.000Z'],
    ['Huey P. Long Day 2027 (Monday) → Tuesday 08:00 CDT', NEW_ORLEANS, at('2027-08-30T17:00:00Z'), '2027-08-31T13:00:00.000Z'],
    ['Sat Aug 29 2026 20:00 CDT skips Sunday Aug 30 and observed Monday → Tue 08:00', NEW_ORLEANS, at('2026-08-30T01:00:00Z'), '2026-09-01T13:00:00.000Z'],
    ['an ordinary Tuesday is allowed', NEW_ORLEANS, at('2027-01-19T18:00:00Z'), null],
  ])('%s', (_rule, n, now, expected) => check(n, now, expected));

  it('gives the holiday as the reason', () => {
    const d = run(NEW_ORLEANS, at('2027-01-18T18:00:00Z'));
    expect(codes(d)).toEqual(['HOLIDAY']);
    expect(d.reasons[0]!.message).toContain('US-LA');
  });
});
