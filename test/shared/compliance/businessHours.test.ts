/**
 * The template's "Send during business hours only" (sendWindow.businessHoursOnly) as decide()'s
 * `businessHours`: a defer's notBefore must also fall in the business's opening hours (its own wall
 * clock, closures included), on top of the recipient's quiet hours in every candidate zone.
 */
import { describe, expect, it } from 'vitest';
import { decide, type BusinessWindow, type DecideInput, type Decision, type ReasonCode } from '../../../shared/compliance';
import { businessSendWindow } from '../../../shared/hours/businessSendWindow';
import { healthcareInformational } from '../../../shared/templates/healthcareInformational';
import { mk } from './helpers';

const NY = 'America/New_York', CHI = 'America/Chicago';
const nyc = mk('US-NY', [NY]);
const honolulu = mk('US-HI', ['Pacific/Honolulu']);

/** Chicago, Mon–Fri 09:00–17:00 */
const weekdays: BusinessWindow = {
  zone: CHI,
  windows: [[], [[540, 1020]], [[540, 1020]], [[540, 1020]], [[540, 1020]], [[540, 1020]], []],
};

function run(now: number, over: Partial<DecideInput> = {}): Decision {
  return decide({ now, phone: nyc, channel: 'sms', classification: 'informational', consent: 'informational', ...over });
}
const codes = (d: Decision): ReasonCode[] => d.reasons.map((r) => r.code);
const at = (s: string): number => Date.parse(s);

describe('decide() with the template’s business hours', () => {
  it.each<[string, number, Partial<DecideInput>, string | null]>([
    ['08:30 ET is inside the TCPA window but 07:30 in Chicago → 09:00 CT', at('2027-01-13T13:30:00Z'), {}, '2027-01-13T15:00:00.000Z'],
    ['12:00 ET is open → send', at('2027-01-13T17:00:00Z'), {}, null],
    ['Friday 17:00 CT → Monday 09:00 CT', at('2027-01-15T23:00:00Z'), {}, '2027-01-18T15:00:00.000Z'],
    ['email with windows off for email still waits for opening hours', at('2027-01-13T13:30:00Z'), { channel: 'email', windowsForEmail: false }, '2027-01-13T15:00:00.000Z'],
    ['SMS with state windows restricted still waits for opening hours', at('2027-01-13T13:30:00Z'), { stateWindowsForSms: false }, '2027-01-13T15:00:00.000Z'],
  ])('%s', (_l, now, over, expected) => {
    const d = run(now, { businessHours: weekdays, ...over });
    if (expected === null) {
      expect(d.verdict).toBe('send');
    } else {
      expect(d.verdict).toBe('defer');
      expect(d.notBefore).toBe(expected);
      expect(codes(d)).toContain('BUSINESS_HOURS');
    }
  });

  it('changes nothing without businessHours (the same instant is sent at once)', () => {
    expect(run(at('2027-01-13T13:30:00Z')).verdict).toBe('send');
  });

  it('skips closure days (Dec 24–26 2027) → Monday Dec 27 09:00 CT', () => {
    const d = run(at('2027-12-23T23:30:00Z'), { businessHours: { ...weekdays, closures: [{ from: '2027-12-24', to: '2027-12-26' }] } });
    expect(d.notBefore).toBe('2027-12-27T15:00:00.000Z');
    const onClosure = run(at('2027-12-24T18:00:00Z'), { businessHours: { ...weekdays, closures: [{ from: '2027-12-24' }] } });
    expect(onClosure.notBefore).toBe('2027-12-27T15:00:00.000Z');
    expect(onClosure.reasons.find((r) => r.code === 'BUSINESS_HOURS')!.message).toContain('closure day');
  });

  it('takes the later of business opening and the recipient’s 08:00 (Honolulu, business in New York)', () => {
    const ny917: BusinessWindow = { zone: NY, windows: [[], [[540, 1020]], [[540, 1020]], [[540, 1020]], [[540, 1020]], [[540, 1020]], []] };
    // 09:00 ET = 14:00Z is 04:00 HST; 08:00 HST = 18:00Z (13:00 ET, open)
    const d = run(at('2027-01-13T14:00:00Z'), { phone: honolulu, businessHours: ny917 });
    expect(d.notBefore).toBe('2027-01-13T18:00:00.000Z');
    expect(codes(d)).toEqual(['QUIET_HOURS']);
  });

  it('blocks when opening hours never meet the recipient’s window within the horizon', () => {
    const morningsNY: BusinessWindow = { zone: NY, windows: [[], [[540, 720]], [[540, 720]], [[540, 720]], [[540, 720]], [[540, 720]], []] };
    const d = run(at('2027-01-13T14:00:00Z'), { phone: honolulu, businessHours: morningsNY });
    expect(d.verdict).toBe('block');
    expect(codes(d)).toContain('NO_ALLOWED_INSTANT');
  });

  it('blocks an unknown business zone instead of ignoring the setting', () => {
    const d = run(at('2027-01-13T17:00:00Z'), { businessHours: { ...weekdays, zone: 'Mars/Base' } });
    expect(d.verdict).toBe('block');
    expect(codes(d)).toEqual(['UNKNOWN_ZONE']);
  });
});

describe('businessSendWindow (template business → decide input)', () => {
  const bw = businessSendWindow(healthcareInformational.business);
  it('maps mon … sun opening periods onto Sunday-first weekly windows', () => {
    expect(bw.zone).toBe(NY);
    expect(bw.windows[0]).toEqual([]);
    expect(bw.windows[1]).toEqual([[480, 720], [780, 1020]]);
    expect(bw.windows[5]).toEqual([[480, 720], [780, 960]]);
    expect(bw.windows[6]).toEqual([]);
  });

  it('defers a text in the clinic’s lunch break to 13:00 ET, and one on Friday 16:30 to Monday 08:00', () => {
    expect(run(at('2027-01-13T17:30:00Z'), { businessHours: bw }).notBefore).toBe('2027-01-13T18:00:00.000Z');
    expect(run(at('2027-01-15T21:30:00Z'), { businessHours: bw }).notBefore).toBe('2027-01-18T13:00:00.000Z');
  });

  it('turns no opening hours at all into "never open" (block), not "no restriction"', () => {
    const d = run(at('2027-01-13T17:00:00Z'), { businessHours: businessSendWindow({ timeZone: NY, openingHours: {} }) });
    expect(d.verdict).toBe('block');
  });
});
