import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide, type DecideInput, type Decision, type ReasonCode } from '../../../shared/compliance';
import { analyzePhone } from '../../../shared/phone';
import { iso, mk, utc } from './helpers';

const H = 3_600_000;
const NY = 'America/New_York', CHI = 'America/Chicago', DEN = 'America/Denver', LA = 'America/Los_Angeles';

const nyc = mk('US-NY', [NY]); // no state rule: federal 08–21 only
const miami = mk('US-FL', [NY]);

function run(now: number, phone: DecideInput['phone'], over: Partial<DecideInput> = {}): Decision {
  return decide({ now, phone, channel: 'sms', classification: 'informational', consent: 'informational', ...over });
}
const codes = (d: Decision): ReasonCode[] => d.reasons.map((r) => r.code);

/** [label, phone, now, expected notBefore (null → send now)] */
type Row = [string, DecideInput['phone'], number, string | null];

function check(phone: DecideInput['phone'], now: number, expected: string | null, over: Partial<DecideInput> = {}): void {
  const d = run(now, phone, over);
  if (expected === null) {
    expect(d.verdict).toBe('send');
    expect(codes(d)).toEqual(['ALLOWED']);
    expect(d.notBefore).toBeNull();
  } else {
    expect(d.verdict).toBe('defer');
    expect(d.notBefore).toBe(expected);
  }
}

describe('federal window (TCPA 08–21 local)', () => {
  it.each<Row>([
    ['07:59 is too early', nyc, utc('2027-01-13T07:59', -5), '2027-01-13T13:00:00.000Z'],
    ['08:00 is allowed', nyc, utc('2027-01-13T08:00', -5), null],
    ['20:59 is allowed', nyc, utc('2027-01-13T20:59', -5), null],
    ['21:00 is too late → 08:00 next day', nyc, utc('2027-01-13T21:00', -5), '2027-01-14T13:00:00.000Z'],
    ['Sunday noon is allowed', nyc, utc('2027-01-17T12:00', -5), null],
    ['a federal holiday is allowed (no federal holiday rule)', nyc, utc('2027-11-25T12:00', -5), null],
  ])('%s', (_l, phone, now, expected) => check(phone, now, expected));
});

// state windows on Wed 2027-01-13 (standard time): [state, zone, offset, start, end]
const STATES: [string, string, number, string, string][] = [
  ['US-FL', NY, -5, '08:00', '20:00'], ['US-OK', CHI, -6, '08:00', '20:00'], ['US-MD', NY, -5, '08:00', '20:00'],
  ['US-TX', CHI, -6, '09:00', '21:00'], ['US-WA', LA, -8, '08:00', '20:00'], ['US-LA', CHI, -6, '08:00', '20:00'],
  ['US-AL', CHI, -6, '08:00', '20:00'], ['US-UT', DEN, -7, '08:00', '21:00'], ['US-CT', NY, -5, '09:00', '20:00'],
  ['US-NJ', NY, -5, '08:00', '20:00'], ['US-GA', NY, -5, '08:00', '21:00'], ['US-PA', NY, -5, '09:00', '19:00'],
  ['US-RI', NY, -5, '09:00', '18:00'], ['US-OR', LA, -8, '08:00', '20:00'], ['US-VA', NY, -5, '08:00', '21:00'],
  ['US-KY', NY, -5, '10:00', '21:00'], ['US-WY', DEN, -7, '08:00', '20:00'], ['US-MA', NY, -5, '08:00', '20:00'],
  ['US-MI', 'America/Detroit', -5, '09:00', '21:00'], ['US-MN', CHI, -6, '09:00', '21:00'],
  ['US-NM', DEN, -7, '09:00', '21:00'], ['US-IL', CHI, -6, '09:00', '21:00'], ['US-SD', CHI, -6, '09:00', '21:00'],
  ['US-ME', NY, -5, '09:00', '17:00'], ['US-MS', CHI, -6, '08:00', '20:00'],
];
const minus1 = (hhmm: string): string => {
  const m = Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3)) - 1;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};

describe('state windows on a Wednesday', () => {
  it.each(STATES)('%s: one minute before the start defers to the start', (id, zone, off, start) => {
    check(mk(id, [zone]), utc(`2027-01-13T${minus1(start)}`, off), iso(utc(`2027-01-13T${start}`, off)));
  });
  it.each(STATES)('%s: the start and the last minute are allowed', (id, zone, off, start, end) => {
    check(mk(id, [zone]), utc(`2027-01-13T${start}`, off), null);
    check(mk(id, [zone]), utc(`2027-01-13T${minus1(end)}`, off), null);
  });
  it.each(STATES)('%s: the end defers to the next morning', (id, zone, off, start, end) => {
    check(mk(id, [zone]), utc(`2027-01-13T${end}`, off), iso(utc(`2027-01-14T${start}`, off)));
  });
});

describe('Sunday, Saturday and holiday bans', () => {
  it.each<Row>([
    ['TX Sunday 11:59 waits for noon', mk('US-TX', [CHI]), utc('2027-01-17T11:59', -6), '2027-01-17T18:00:00.000Z'],
    ['TX Sunday noon is allowed', mk('US-TX', [CHI]), utc('2027-01-17T12:00', -6), null],
    ['RI Saturday 09:59 waits for 10:00', mk('US-RI', [NY]), utc('2027-01-16T09:59', -5), '2027-01-16T15:00:00.000Z'],
    ['RI Saturday 16:59 is allowed', mk('US-RI', [NY]), utc('2027-01-16T16:59', -5), null],
    ['RI Saturday 17:00 skips Sunday and MLK Day → Tue 09:00', mk('US-RI', [NY]), utc('2027-01-16T17:00', -5), '2027-01-19T14:00:00.000Z'],
    ['UT Sunday skips to Tuesday (Monday is MLK Day, a Utah legal holiday)', mk('US-UT', [DEN]), utc('2027-01-17T10:00', -7), '2027-01-19T15:00:00.000Z'],
    ['AL Sunday skips to Tuesday (Monday is R. E. Lee / MLK Day)', mk('US-AL', [CHI]), utc('2027-01-17T10:00', -6), '2027-01-19T14:00:00.000Z'],
    ['LA Sunday skips to Tuesday (Monday is MLK Day, a La. R.S. 1:55 legal holiday)', mk('US-LA', [CHI]), utc('2027-01-17T10:00', -6), '2027-01-19T14:00:00.000Z'],
    ['MS Sunday → Monday 08:00', mk('US-MS', [CHI]), utc('2027-01-17T10:00', -6), '2027-01-18T14:00:00.000Z'],
    ['SD Sunday → Monday 09:00', mk('US-SD', [CHI]), utc('2027-01-17T10:00', -6), '2027-01-18T15:00:00.000Z'],
    ['ME Saturday → Monday 09:00', mk('US-ME', [NY]), utc('2027-01-16T10:00', -5), '2027-01-18T14:00:00.000Z'],
    ['PA Sunday before Act 47 is allowed', mk('US-PA', [NY]), utc('2026-10-11T12:00', -4), null],
    ['PA Saturday 20:30 on the last day of the old rule is allowed', mk('US-PA', [NY]), utc('2026-10-17T20:30', -4), null],
    ['PA Sunday 2026-10-18 (Act 47) → Monday 09:00', mk('US-PA', [NY]), utc('2026-10-18T12:00', -4), '2026-10-19T13:00:00.000Z'],
    ['PA 20:30 before Act 47 is allowed', mk('US-PA', [NY]), utc('2026-10-14T20:30', -4), null],
    ['PA 20:30 after Act 47 → 09:00 next day', mk('US-PA', [NY]), utc('2026-10-21T20:30', -4), '2026-10-22T13:00:00.000Z'],
    ['PA Flag Day → Tuesday 09:00', mk('US-PA', [NY]), utc('2027-06-14T12:00', -4), '2027-06-15T13:00:00.000Z'],
    ['PA Election Day (still EDT) → Wednesday 09:00', mk('US-PA', [NY]), utc('2027-11-02T12:00', -4), '2027-11-03T13:00:00.000Z'],
    ['PA Good Friday 2026 (old rule, holiday ban) → Saturday 08:00', mk('US-PA', [NY]), utc('2026-04-03T12:00', -4), '2026-04-04T12:00:00.000Z'],
    ['RI Thanksgiving → Friday 09:00', mk('US-RI', [NY]), utc('2027-11-25T12:00', -5), '2027-11-26T14:00:00.000Z'],
    ['RI Victory Day → Tuesday 09:00', mk('US-RI', [NY]), utc('2026-08-10T12:00', -4), '2026-08-11T13:00:00.000Z'],
    ['RI observed July 4 (Mon Jul 5 2027) → Tuesday 09:00', mk('US-RI', [NY]), utc('2027-07-05T12:00', -4), '2027-07-06T13:00:00.000Z'],
    ['UT Pioneer Day (Fri 2026-07-24) → Saturday 08:00', mk('US-UT', [DEN]), utc('2026-07-24T12:00', -6), '2026-07-25T14:00:00.000Z'],
    ['LA day after Thanksgiving → Saturday 08:00', mk('US-LA', [CHI]), utc('2026-11-27T12:00', -6), '2026-11-28T14:00:00.000Z'],
    ['BC Canada Day → Friday 09:00', mk('CA-BC', ['America/Vancouver']), utc('2027-07-01T12:00', -7), '2027-07-02T16:00:00.000Z'],
    ['ON has no holiday ban on Canada Day', mk('CA-ON', ['America/Toronto']), utc('2027-07-01T12:00', -4), null],
    ['CA Saturday 18:00 → Sunday 10:00', mk('CA-ON', ['America/Toronto']), utc('2027-01-16T18:00', -5), '2027-01-17T15:00:00.000Z'],
    ['CA weekday 21:29 is allowed', mk('CA-ON', ['America/Toronto']), utc('2027-01-13T21:29', -5), null],
    ['FR Easter Monday → Tuesday 10:00', mk('FR', ['Europe/Paris']), utc('2027-03-29T11:00', 2), '2027-03-30T08:00:00.000Z'],
    ['FR lunch break → 14:00', mk('FR', ['Europe/Paris']), utc('2027-03-30T13:30', 2), '2027-03-30T12:00:00.000Z'],
    ['FR Saturday → Monday 10:00', mk('FR', ['Europe/Paris']), utc('2027-04-03T11:00', 2), '2027-04-05T08:00:00.000Z'],
    ['GB courtesy window 07:30 → 08:00', mk('GB', ['Europe/London']), utc('2027-01-13T07:30', 0), '2027-01-13T08:00:00.000Z'],
  ])('%s', (_l, phone, now, expected) => check(phone, now, expected));

  it('names the holiday, the weekday ban and the quiet hours as reasons', () => {
    expect(codes(run(utc('2027-11-25T12:00', -5), mk('US-RI', [NY])))).toEqual(['HOLIDAY']);
    expect(codes(run(utc('2027-01-17T10:00', -7), mk('US-UT', [DEN])))).toEqual(['DAY_BANNED']);
    expect(codes(run(utc('2027-01-13T22:00', -5), miami))).toEqual(['QUIET_HOURS', 'QUIET_HOURS']); // US and US-FL
    const holidaySunday = run(utc('2027-07-04T12:00', -4), mk('US-RI', [NY]));
    expect(codes(holidaySunday)).toEqual(['HOLIDAY', 'DAY_BANNED']);
    expect(holidaySunday.reasons[0]!.message).toContain('US-RI');
    expect(holidaySunday.reasons[0]!.message).toContain('2027-07-04 12:00');
  });

  it('bans caller-supplied governor-proclaimed days for that jurisdiction only', () => {
    const now = utc('2027-07-02T12:00', -5);
    const extraHolidays = { 'US-LA': ['2027-07-02'] };
    check(mk('US-LA', [CHI]), now, '2027-07-03T13:00:00.000Z', { extraHolidays });
    check(mk('US-TX', [CHI]), now, null, { extraHolidays });
  });
});

// real numbers through analyzePhone: the area code decides the state rule and the zones
describe('reviewed state rules on real numbers (compliance.md §2, §2.1)', () => {
  const nj = analyzePhone('+12015550123'), ok = analyzePhone('+14055550123');
  const sd = analyzePhone('+16055550123'), ri = analyzePhone('+14015550123');
  it.each<Row>([
    ['NJ 20:30 EST is deferred to 08:00 next day (conservative 08–20)', nj, utc('2027-01-13T20:30', -5), '2027-01-14T13:00:00.000Z'],
    ['NJ 20:30 EDT is deferred to 08:00 EDT next day', nj, utc('2027-07-14T20:30', -4), '2027-07-15T12:00:00.000Z'],
    ['NJ 19:59 is allowed', nj, utc('2027-01-13T19:59', -5), null],
    ['OK Thanksgiving and the day after → Saturday 08:00', ok, utc('2026-11-26T12:00', -6), '2026-11-28T14:00:00.000Z'],
    ['OK Christmas Eve 2026 (Thu) skips Dec 24–26 → Sunday 08:00', ok, utc('2026-12-24T09:00', -6), '2026-12-27T14:00:00.000Z'],
    ['OK Sunday stays allowed', ok, utc('2027-01-17T12:00', -6), null],
    ['SD Saturday → Monday 09:00 in every SD zone (Mountain last)', sd, utc('2027-01-16T10:00', -6), '2027-01-18T16:00:00.000Z'],
    ['RI Independence Day (Tue 2027-05-04) → Wednesday 09:00', ri, utc('2027-05-04T12:00', -4), '2027-05-05T13:00:00.000Z'],
    ['RI Election Day 2026 → Wednesday 09:00', ri, utc('2026-11-03T12:00', -5), '2026-11-04T14:00:00.000Z'],
  ])('%s', (_l, phone, now, expected) => check(phone, now, expected));

  it('names New Jersey, not the federal rule, for a text at 20:30', () => {
    const d = run(utc('2027-01-13T20:30', -5), nj);
    expect(d.rules).toEqual(['US', 'US-NJ']);
    expect(codes(d)).toEqual(['QUIET_HOURS']);
    expect(d.reasons[0]!.message).toContain('US-NJ');
  });

  it('gives the Oklahoma holiday as the reason', () => {
    const d = run(utc('2026-11-27T12:00', -6), ok);
    expect(codes(d)).toEqual(['HOLIDAY']);
    expect(d.reasons[0]!.message).toContain('US-OK');
  });

  it('bans the Saturday in South Dakota as a weekday rule', () => {
    expect(codes(run(utc('2027-01-16T12:00', -6), sd))).toEqual(['DAY_BANNED']);
  });
});

describe('Mississippi "Central Standard Time" (fixed UTC-6 as well as the local zone)', () => {
  it.each<Row>([
    ['08:30 CDT is 07:30 CST → waits for 09:00 CDT', mk('US-MS', [CHI]), utc('2027-07-14T08:30', -5), '2027-07-14T14:00:00.000Z'],
    ['19:59 CDT is allowed', mk('US-MS', [CHI]), utc('2027-07-14T19:59', -5), null],
    ['20:00 CDT is too late → 09:00 CDT', mk('US-MS', [CHI]), utc('2027-07-14T20:00', -5), '2027-07-15T14:00:00.000Z'],
  ])('%s', (_l, phone, now, expected) => check(phone, now, expected));

  it('lists the fixed zone among the zones considered', () => {
    expect(run(utc('2027-07-14T12:00', -5), mk('US-MS', [CHI])).zones).toEqual([CHI, 'Etc/GMT+6']);
  });
});

describe('multi-zone area codes (compliance.md §5.3, Wed 2027-01-13)', () => {
  const ALL_US = [NY, CHI, DEN, 'America/Phoenix', LA, 'America/Anchorage', 'America/Adak', 'Pacific/Honolulu'];
  it.each<[string, DecideInput['phone'], string, string]>([
    ['850 FL (ET + CT)', mk('US-FL', [NY, CHI]), '14:00', '01:00'],
    ['432 TX (CT + MT)', mk('US-TX', [CHI, DEN]), '16:00', '03:00'],
    ['208 ID federal (Boise, Denver, LA)', mk('US-ID', ['America/Boise', DEN, LA]), '16:00', '04:00'],
    ['all US zones incl. AK/HI, federal', mk('US', ALL_US), '18:00', '02:00'],
  ])('%s is allowed from %sZ to %sZ', (_l, phone, start, end) => {
    const day = '2027-01-13', next = '2027-01-14';
    check(phone, Date.parse(`${day}T${minus1(start)}:00Z`), `${day}T${start}:00.000Z`);
    check(phone, Date.parse(`${day}T${start}:00Z`), null);
    check(phone, Date.parse(`${next}T${minus1(end)}:00Z`), null);
    check(phone, Date.parse(`${next}T${end}:00Z`), `${next}T${start}:00.000Z`);
  });

  it('adds zones and jurisdictions from a known address', () => {
    const d = run(Date.parse('2027-01-13T14:30:00Z'), mk('US-FL', [NY]), { extraZones: [CHI], extraJurisdictions: ['US-TX'] });
    expect(d.zones).toEqual([NY, CHI]);
    expect(d.rules).toEqual(['US', 'US-FL', 'US-TX']);
    expect(d.notBefore).toBe('2027-01-13T15:00:00.000Z'); // TX 09:00 CT
  });
});

describe('DST changeovers (America/New_York)', () => {
  it.each<Row>([
    ['Sat 2026-03-07 22:00 EST → Sun 08:00 EDT', nyc, utc('2026-03-07T22:00', -5), '2026-03-08T12:00:00.000Z'],
    ['01:59 EST just before spring forward → 08:00 EDT', nyc, utc('2026-03-08T01:59', -5), '2026-03-08T12:00:00.000Z'],
    ['Sat 2026-10-31 22:00 EDT → Sun 08:00 EST', nyc, utc('2026-10-31T22:00', -4), '2026-11-01T13:00:00.000Z'],
    ['01:30 EDT (first pass of the repeated hour) → 08:00 EST', nyc, utc('2026-11-01T01:30', -4), '2026-11-01T13:00:00.000Z'],
    ['Miami 20:45 EST → 08:00 EST next day', miami, utc('2027-01-13T20:45', -5), '2027-01-14T13:00:00.000Z'],
    ['Miami 20:45 EDT → 08:00 EDT next day', miami, utc('2027-07-14T20:45', -4), '2027-07-15T12:00:00.000Z'],
    ['Paris Saturday before spring forward → Monday 10:00 CEST', mk('FR', ['Europe/Paris']), utc('2026-03-28T12:00', 1), '2026-03-30T08:00:00.000Z'],
    ['Paris Saturday before spring forward 2027 → Tuesday (Monday is Easter Monday)', mk('FR', ['Europe/Paris']), utc('2027-03-27T12:00', 1), '2027-03-30T08:00:00.000Z'],
  ])('%s', (_l, phone, now, expected) => check(phone, now, expected));
});

describe('frequency caps', () => {
  const now = utc('2027-01-13T10:00', -5); // 15:00Z, inside every window
  it.each<[string, DecideInput['phone'], Partial<DecideInput>, string | null]>([
    ['FL: 3 sends, instants unknown → now + 24 h', miami, { sentLast24h: 3 }, '2027-01-14T15:00:00.000Z'],
    ['FL: 2 sends → allowed', miami, { sentLast24h: 2 }, null],
    ['FL: 3 known sends → when the oldest leaves the window', miami, { recentSends: [now - 23 * H, now - 5 * H, now - H] }, '2027-01-13T16:00:00.000Z'],
    ['FL: sends older than 24 h do not count', miami, { recentSends: [now - 25 * H, now - 5 * H, now - H] }, null],
    ['FL: 4 known sends → two must leave; lands at 00:00 ET → 08:00 ET', miami, { recentSends: [now - 20 * H, now - 10 * H, now - 5 * H, now - H].map((t) => new Date(t)) }, '2027-01-14T13:00:00.000Z'],
    ['FL: count larger than the known instants → unknown ones count as now', miami, { sentLast24h: 4, recentSends: [now - 23 * H, now - 22 * H] }, '2027-01-13T17:00:00.000Z'],
    ['NY: no state cap', nyc, { sentLast24h: 10 }, null],
    ['NY: template cap 1 per 24 h', nyc, { maxPer24h: 1, recentSends: [now - 2 * H] }, '2027-01-14T13:00:00.000Z'],
    ['OK: cap 3', mk('US-OK', [CHI]), { sentLast24h: 3 }, '2027-01-14T15:00:00.000Z'],
    ['ME: 1 per 8 h', mk('US-ME', [NY]), { recentSends: [now - 7 * H] }, '2027-01-13T16:00:00.000Z'],
  ])('%s', (_l, phone, over, expected) => {
    check(phone, now, expected, over);
    if (expected !== null) expect(codes(run(now, phone, over))).toContain('CAP_REACHED');
  });

  it('ignores a statute’s cap for SMS when windows are restricted to covered channels and the statute may not cover texts', () => {
    check(miami, now, null, { sentLast24h: 3, stateWindowsForSms: false });
    check(miami, now, '2027-01-14T15:00:00.000Z', { sentLast24h: 3, stateWindowsForSms: false, channel: 'voice' });
  });
});

describe('channel options', () => {
  it.each<[string, DecideInput['phone'], number, Partial<DecideInput>, string | null]>([
    ['FL SMS 20:30 by default (conservative) → defer', miami, utc('2027-01-13T20:30', -5), {}, '2027-01-14T13:00:00.000Z'],
    ['FL SMS 20:30 with state windows restricted to covered channels → federal only → send', miami, utc('2027-01-13T20:30', -5), { stateWindowsForSms: false }, null],
    ['FL voice 20:30 with the restriction still defers', miami, utc('2027-01-13T20:30', -5), { stateWindowsForSms: false, channel: 'voice' }, '2027-01-14T13:00:00.000Z'],
    ['MD SMS 20:30 with the restriction still defers (statute covers texts)', mk('US-MD', [NY]), utc('2027-01-13T20:30', -5), { stateWindowsForSms: false }, '2027-01-14T13:00:00.000Z'],
    ['CA SMS Saturday 19:00 by default → defer', mk('CA-ON', ['America/Toronto']), utc('2027-01-16T19:00', -5), {}, '2027-01-17T15:00:00.000Z'],
    ['CA SMS Saturday 19:00 restricted (CASL has no window) → send', mk('CA-ON', ['America/Toronto']), utc('2027-01-16T19:00', -5), { stateWindowsForSms: false }, null],
    ['email at 03:00 by default → defer', nyc, utc('2027-01-13T03:00', -5), { channel: 'email' }, '2027-01-13T13:00:00.000Z'],
    ['email at 03:00 with windows off for email → send', nyc, utc('2027-01-13T03:00', -5), { channel: 'email', windowsForEmail: false }, null],
    ['now as a Date works like epoch ms', nyc, utc('2027-01-13T07:00', -5), { now: new Date(utc('2027-01-13T07:00', -5)) }, '2027-01-13T13:00:00.000Z'],
  ])('%s', (_l, phone, now, over, expected) => check(phone, now, expected, over));
});

describe('block and manual reasons', () => {
  const now = utc('2027-01-13T12:00', -5);
  it.each<[string, DecideInput['phone'], Partial<DecideInput>, Decision['verdict'], ReasonCode[]]>([
    ['an unparseable number', null, {}, 'block', ['INVALID_NUMBER', 'UNKNOWN_ZONE']],
    ['a number without zones', mk('US', []), {}, 'block', ['UNKNOWN_ZONE']],
    ['an unknown IANA zone', mk('US', ['Mars/Olympus_Mons']), {}, 'block', ['UNKNOWN_ZONE']],
    ['a landline by SMS', mk('US-NY', [NY], 'landline'), {}, 'block', ['LANDLINE_SMS']],
    ['a landline by voice', mk('US-NY', [NY], 'landline'), { channel: 'voice' }, 'send', ['ALLOWED']],
    ['a toll-free number by SMS', mk('US', [NY], 'toll_free'), {}, 'block', ['TOLL_FREE_SMS']],
    ['a premium-rate number by SMS', mk('US', [NY], 'premium'), {}, 'block', ['PREMIUM_OR_PAGER_SMS']],
    ['a pager by SMS', mk('US-NY', [NY], 'pager'), {}, 'block', ['PREMIUM_OR_PAGER_SMS']],
    ['a pager by email', mk('US-NY', [NY], 'pager'), { channel: 'email' }, 'send', ['ALLOWED']],
    ['an opted-out contact', nyc, { optedOut: true }, 'block', ['OPTED_OUT']],
    ['no consent', nyc, { consent: 'none' }, 'block', ['NO_CONSENT']],
    ['US marketing with informational consent', nyc, { classification: 'marketing' }, 'block', ['MARKETING_NEEDS_WRITTEN_CONSENT']],
    ['US marketing with (non-written) marketing consent', nyc, { classification: 'marketing', consent: 'marketing' }, 'block', ['MARKETING_NEEDS_WRITTEN_CONSENT']],
    ['US marketing with written consent', nyc, { classification: 'marketing', consent: 'written' }, 'send', ['ALLOWED']],
    ['AZ (from an address) marketing to a Canadian number without written consent', mk('CA-ON', ['America/Toronto']), { classification: 'marketing', consent: 'marketing', extraJurisdictions: ['US-AZ'] }, 'block', ['MARKETING_NEEDS_WRITTEN_CONSENT']],
    ['CA marketing with express consent', mk('CA-ON', ['America/Toronto']), { classification: 'marketing', consent: 'marketing' }, 'send', ['ALLOWED']],
    ['CA marketing with informational consent', mk('CA-ON', ['America/Toronto']), { classification: 'marketing' }, 'block', ['MARKETING_NEEDS_EXPRESS_CONSENT']],
    ['GB marketing with express consent', mk('GB', ['Europe/London']), { classification: 'marketing', consent: 'marketing', now: Date.parse('2027-01-13T12:00:00Z') }, 'send', ['ALLOWED']],
    ['GB marketing with informational consent', mk('GB', ['Europe/London']), { classification: 'marketing', now: Date.parse('2027-01-13T12:00:00Z') }, 'block', ['MARKETING_NEEDS_EXPRESS_CONSENT']],
    ['a sensitive industry', nyc, { sensitiveIndustry: true }, 'manual', ['SENSITIVE_INDUSTRY']],
    ['a high-value account', nyc, { highValueAccount: true }, 'manual', ['HIGH_VALUE_ACCOUNT']],
    ['a template cap of 0', nyc, { maxPer24h: 0 }, 'block', ['CAP_REACHED', 'NO_ALLOWED_INSTANT']],
  ])('%s', (_l, phone, over, verdict, expected) => {
    const d = run(now, phone, over);
    expect(d.verdict).toBe(verdict);
    expect(codes(d)).toEqual(expected);
    expect(d.notBefore).toBeNull();
    for (const r of d.reasons) expect(r.message.length).toBeGreaterThan(10);
  });
});

describe('precedence block > manual > defer > send, with every reason listed', () => {
  const night = utc('2027-01-13T22:00', -5);
  it.each<[string, Partial<DecideInput>, Decision['verdict'], ReasonCode[]]>([
    ['quiet hours + sensitive → manual', { sensitiveIndustry: true }, 'manual', ['SENSITIVE_INDUSTRY', 'QUIET_HOURS']],
    ['quiet hours + sensitive + opted out → block', { sensitiveIndustry: true, optedOut: true }, 'block', ['OPTED_OUT', 'SENSITIVE_INDUSTRY', 'QUIET_HOURS']],
    ['quiet hours + cap → defer', { sentLast24h: 5, maxPer24h: 2 }, 'defer', ['CAP_REACHED', 'QUIET_HOURS']],
    ['no consent + high value + quiet hours → block', { consent: 'none', highValueAccount: true }, 'block', ['NO_CONSENT', 'HIGH_VALUE_ACCOUNT', 'QUIET_HOURS']],
  ])('%s', (_l, over, verdict, expected) => {
    const d = run(night, nyc, over);
    expect(d.verdict).toBe(verdict);
    expect(codes(d)).toEqual(expected);
    expect(d.notBefore === null).toBe(verdict !== 'defer');
  });
});

describe('the template’s minimum consent (requiredConsent)', () => {
  const now = utc('2027-01-13T12:00', -5);
  const LEVELS = ['none', 'informational', 'marketing', 'written'] as const;
  // every (consent on record, template minimum): below the minimum blocks; none stays NO_CONSENT alone
  const cases = LEVELS.flatMap((consent, have) =>
    LEVELS.map((required, need): [DecideInput['consent'], DecideInput['consent'], ReasonCode[]] => [
      consent,
      required,
      consent === 'none' ? ['NO_CONSENT'] : have < need ? ['CONSENT_BELOW_TEMPLATE'] : ['ALLOWED'],
    ]),
  );
  it.each(cases)('consent %s against a minimum of %s → %j', (consent, requiredConsent, expected) => {
    const d = run(now, nyc, { consent, requiredConsent });
    expect(codes(d)).toEqual(expected);
    expect(d.verdict).toBe(expected[0] === 'ALLOWED' ? 'send' : 'block');
  });

  it('names the two levels in its reason', () => {
    expect(run(now, nyc, { consent: 'marketing', requiredConsent: 'written' }).reasons[0]!.message).toBe(
      'The contact’s consent on record is below the consent the sequence template requires. Template requires written; the contact has marketing.',
    );
  });

  const night = utc('2027-01-13T22:00', -5);
  it.each<[string, number, Partial<DecideInput>, Decision['verdict'], ReasonCode[]]>([
    ['no minimum: as before', night, {}, 'defer', ['QUIET_HOURS']],
    ['below the minimum at night: block, quiet hours still listed', night, { requiredConsent: 'written' }, 'block', ['CONSENT_BELOW_TEMPLATE', 'QUIET_HOURS']],
    ['opted out and below the minimum', now, { optedOut: true, requiredConsent: 'marketing' }, 'block', ['OPTED_OUT', 'CONSENT_BELOW_TEMPLATE']],
    ['below the minimum beats manual routing', now, { requiredConsent: 'written', highValueAccount: true }, 'block', ['CONSENT_BELOW_TEMPLATE', 'HIGH_VALUE_ACCOUNT']],
    ['marketing content: the law’s reason and the template’s', now, { classification: 'marketing', requiredConsent: 'written' }, 'block', ['MARKETING_NEEDS_WRITTEN_CONSENT', 'CONSENT_BELOW_TEMPLATE']],
    ['a minimum met leaves manual routing as it was', now, { consent: 'written', requiredConsent: 'written', sensitiveIndustry: true }, 'manual', ['SENSITIVE_INDUSTRY']],
  ])('%s', (_l, at, over, verdict, expected) => {
    const d = run(at, nyc, over);
    expect(d.verdict).toBe(verdict);
    expect(codes(d)).toEqual(expected);
  });
});

describe('no allowed instant within the horizon', () => {
  const satNight = utc('2027-01-16T22:00', -7); // UT: Sunday banned, Monday is MLK Day
  it.each<[number | undefined, Decision['verdict'], string | null]>([
    [1, 'block', null],
    [2, 'block', null],
    [3, 'defer', '2027-01-19T15:00:00.000Z'],
    [undefined, 'defer', '2027-01-19T15:00:00.000Z'],
  ])('with horizonDays %s the verdict is %s', (horizonDays, verdict, notBefore) => {
    const d = run(satNight, mk('US-UT', [DEN]), { horizonDays });
    expect(d.verdict).toBe(verdict);
    expect(d.notBefore).toBe(notBefore);
    if (verdict === 'block') expect(codes(d)).toContain('NO_ALLOWED_INSTANT');
  });
});

describe('notBefore is the earliest allowed instant (property)', () => {
  const PHONES = [
    miami, nyc, mk('US-FL', [NY, CHI]), mk('US-TX', [CHI, DEN]), mk('US-UT', [DEN]), mk('US-RI', [NY]),
    mk('US-PA', [NY]), mk('US-MS', [CHI]), mk('US-AL', [CHI]), mk('CA-BC', ['America/Vancouver']),
    mk('FR', ['Europe/Paris']), mk('GB', ['Europe/London', 'Europe/Isle_of_Man']), mk('US-AK', ['America/Anchorage', 'America/Adak']),
  ];
  it('is allowed itself, and one second earlier is not', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PHONES),
        fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2028, 11, 31) }),
        (phone, now) => {
          const d = run(now, phone);
          if (d.verdict === 'send') return;
          expect(d.verdict).toBe('defer');
          const nb = Date.parse(d.notBefore!);
          expect(nb).toBeGreaterThan(now);
          expect(run(nb, phone).verdict).toBe('send');
          if (nb - 1000 >= now) expect(run(nb - 1000, phone).verdict).toBe('defer');
        },
      ),
      { numRuns: 2000 },
    );
  });
});
