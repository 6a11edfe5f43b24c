import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../../shared/compliance/zoneClock';
import { isOpenAt, nextOpeningAt, NEXT_OPENING_SEARCH_DAYS, type BusinessHours, type OpeningHours } from '../../../shared/hours';
import { DEFAULT_OPENING_HOURS, type BusinessClosure } from '../../../shared/schema';
import { fourTouch } from '../../../shared/templates';

const at = (iso: string) => Date.parse(iso);
const CLOSED: OpeningHours = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
const biz = (timeZone: string, openingHours: OpeningHours | undefined, closures: BusinessClosure[] = []): BusinessHours => ({ timeZone, openingHours, closures });
// Chicago, Mon–Fri 07:30–18:00, Sat 09:00–13:00
const chicago = fourTouch.business;
const newYork = biz('America/New_York', DEFAULT_OPENING_HOURS); // Mon–Fri 09:00–17:00

describe('nextOpeningAt', () => {
  it.each([
    ['open now: now itself', '2027-01-14T17:00:00Z', '2027-01-14T17:00:00Z'],
    ['later the same local day', '2027-01-14T12:00:00Z', '2027-01-14T13:30:00Z'], // Thu 06:00 → 07:30
    ['the next local day, after closing', '2027-01-14T00:30:00Z', '2027-01-14T13:30:00Z'], // Wed 18:30 → Thu 07:30
    ['the next local day when it is already tomorrow in UTC', '2027-01-15T05:30:00Z', '2027-01-15T13:30:00Z'], // Thu 23:30 → Fri 07:30
    ['Saturday’s short hours', '2027-01-16T01:00:00Z', '2027-01-16T15:00:00Z'], // Fri 19:00 → Sat 09:00
    ['over Sunday to Monday', '2027-01-16T20:00:00Z', '2027-01-18T13:30:00Z'], // Sat 14:00 → Mon 07:30
  ])('finds %s (Chicago)', (_n, now, want) => {
    expect(nextOpeningAt(chicago, at(now))).toBe(at(want));
  });

  it('takes the second period of a split day', () => {
    const b = biz('America/Chicago', { ...CLOSED, mon: ['13:00-17:00', '08:00-12:00'] });
    expect(nextOpeningAt(b, at('2027-01-11T18:30:00Z'))).toBe(at('2027-01-11T19:00:00Z')); // Mon 12:30 → 13:00
  });

  it('skips closure days, from and to inclusive, in the business’s local dates', () => {
    const b = { ...chicago, closures: [{ from: '2027-12-24', to: '2027-12-27', reason: 'Christmas' }] };
    expect(nextOpeningAt(b, at('2027-12-24T01:00:00Z'))).toBe(at('2027-12-28T13:30:00Z')); // Thu 19:00 → Tue 07:30
    expect(nextOpeningAt({ ...b, closures: [{ from: '2027-12-24' }] }, at('2027-12-24T01:00:00Z'))).toBe(at('2027-12-25T15:00:00Z')); // single day → Sat 09:00
    expect(nextOpeningAt(b, at('2027-12-24T16:00:00Z'))).not.toBe(at('2027-12-24T16:00:00Z')); // inside hours but closed: not "now"
  });

  describe('across DST (America/New_York)', () => {
    it('opens at 9:00 EDT on the Monday after spring-forward', () => {
      expect(nextOpeningAt(newYork, at('2027-03-12T23:00:00Z'))).toBe(at('2027-03-15T13:00:00Z')); // Fri 18:00 EST → Mon 09:00 EDT
    });
    it('opens at 9:00 EDT on the spring-forward Sunday itself', () => {
      const b = biz('America/New_York', { ...CLOSED, sun: ['09:00-12:00'] });
      expect(nextOpeningAt(b, at('2027-03-14T01:00:00Z'))).toBe(at('2027-03-14T13:00:00Z')); // Sat 20:00 EST → Sun 09:00 EDT
    });
    it('opens at 9:00 EST on the Monday after fall-back', () => {
      expect(nextOpeningAt(newYork, at('2027-11-05T22:00:00Z'))).toBe(at('2027-11-08T14:00:00Z')); // Fri 18:00 EDT → Mon 09:00 EST
    });
    it('opens when the clock jumps over a start in the gap (02:30 → 03:00 EDT)', () => {
      const b = biz('America/New_York', { ...CLOSED, sun: ['02:30-05:00'] });
      expect(nextOpeningAt(b, at('2027-03-14T05:00:00Z'))).toBe(at('2027-03-14T07:00:00Z'));
    });
    it('skips a period that lies wholly in the gap', () => {
      const b = biz('America/New_York', { ...CLOSED, sun: ['02:00-02:45'] });
      expect(nextOpeningAt(b, at('2027-03-14T05:00:00Z'))).toBe(at('2027-03-21T06:00:00Z'));
    });
    it('opens at the first pass of a repeated hour, or the second when the first is over', () => {
      const b = biz('America/New_York', { ...CLOSED, sun: ['01:00-01:20'] });
      expect(nextOpeningAt(b, at('2027-11-07T04:00:00Z'))).toBe(at('2027-11-07T05:00:00Z')); // 00:00 EDT → 01:00 EDT
      expect(nextOpeningAt(b, at('2027-11-07T05:30:00Z'))).toBe(at('2027-11-07T06:00:00Z')); // 01:30 EDT → 01:00 EST
    });
  });

  it('uses the local date east of UTC (Auckland)', () => {
    const b = biz('Pacific/Auckland', DEFAULT_OPENING_HOURS);
    expect(nextOpeningAt(b, at('2027-01-08T05:00:00Z'))).toBe(at('2027-01-10T20:00:00Z')); // Fri 18:00 NZDT → Mon 09:00
  });

  it('returns null when never open, with no hours, or with an unknown zone', () => {
    expect(nextOpeningAt(biz('America/Chicago', CLOSED), at('2027-01-14T17:00:00Z'))).toBeNull();
    expect(nextOpeningAt(biz('America/Chicago', undefined), at('2027-01-14T17:00:00Z'))).toBeNull();
    expect(nextOpeningAt(biz('America/Chicago', { mon: ['9-5'] }), at('2027-01-14T17:00:00Z'))).toBeNull();
    expect(nextOpeningAt(biz('Mars/Olympus', DEFAULT_OPENING_HOURS), at('2027-01-14T17:00:00Z'))).toBeNull();
  });

  it(`gives up after ${NEXT_OPENING_SEARCH_DAYS} days of closure instead of looping`, () => {
    const now = at('2027-01-14T17:00:00Z');
    const until = (days: number) => new Date(now + days * DAY_MS).toISOString().slice(0, 10);
    expect(nextOpeningAt({ ...chicago, closures: [{ from: '2027-01-01', to: '2099-12-31' }] }, now)).toBeNull();
    expect(nextOpeningAt({ ...chicago, closures: [{ from: '2027-01-01', to: until(NEXT_OPENING_SEARCH_DAYS + 5) }] }, now)).toBeNull();
    const soon = nextOpeningAt({ ...chicago, closures: [{ from: '2027-01-01', to: until(300) }] }, now);
    expect(soon).toBeGreaterThan(now + 300 * DAY_MS);
  });

  it.each([
    ['America/New_York', { ...DEFAULT_OPENING_HOURS, sun: ['01:00-01:20', '02:30-05:00'] }, '2027-03-06T00:00:00Z'],
    ['America/New_York', { ...DEFAULT_OPENING_HOURS, sun: ['01:00-01:20', '02:30-05:00'] }, '2027-10-30T00:00:00Z'],
    ['Europe/Paris', { ...DEFAULT_OPENING_HOURS, sat: ['00:00-24:00'], sun: ['02:15-03:30'] }, '2027-03-22T00:00:00Z'],
    ['Pacific/Auckland', { mon: ['00:00-06:00', '22:00-24:00'], thu: ['12:00-12:30'] }, '2027-04-01T00:00:00Z'],
  ])('agrees with isOpenAt: closed from now until the result, open at it (%s from %s)', (zone, hours, from) => {
    const b = { ...biz(zone, hours, [{ from: from.slice(0, 10) }]), openingHours: hours };
    const step = 17 * 60_000;
    for (let now = at(from); now < at(from) + 12 * DAY_MS; now += 97 * 60_000) {
      const t = nextOpeningAt(b, now)!;
      expect(isOpenAt(b, t)).toBe(true);
      if (t === now) continue;
      expect(t).toBeGreaterThan(now);
      expect(isOpenAt(b, t - 60_000)).toBe(false);
      for (let x = now; x < t; x += step) expect(isOpenAt(b, x)).toBe(false);
    }
  });
});
