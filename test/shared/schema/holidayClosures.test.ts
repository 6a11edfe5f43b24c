import { describe, expect, it } from 'vitest';
import { HOLIDAY_CALENDARS, holidaysFor } from '../../../shared/compliance/holidays';
import { HOLIDAY_CALENDAR_LABELS, closureOn, holidayCalendarForZone, holidayClosures, parseSequenceTemplate } from '../../../shared/schema';
import { cleanTemplate } from '../lint/fixtures';

const froms = (cs: readonly { from: string }[]) => cs.map((c) => c.from);

describe('holidayClosures', () => {
  const usFed = holidayClosures('US-FED', '2026-11-30', []);

  it('starts today: Thanksgiving 2026 (Nov 26) is past, Christmas 2026 is in', () => {
    expect(froms(usFed)).not.toContain('2026-11-26');
    expect(usFed[0]).toEqual({ from: '2026-12-25', reason: 'Christmas Day' });
  });

  it('adds a Sunday holiday and its observed Monday as two closures (July 4, 2027)', () => {
    expect(usFed.filter((c) => c.from.startsWith('2027-07'))).toEqual([
      { from: '2027-07-04', reason: 'Independence Day' },
      { from: '2027-07-05', reason: 'Independence Day (observed)' },
    ]);
  });

  it('covers the 12 months from today, single days in date order, one per holiday', () => {
    // 2027-11-25 (Thanksgiving) is inside; Christmas 2027 (Sat, observed Fri 12-24) and New Year 2028 (observed 2027-12-31) are not
    expect(usFed.at(-1)).toEqual({ from: '2027-11-25', reason: 'Thanksgiving Day' });
    expect(froms(usFed)).toEqual([...froms(usFed)].sort());
    expect(new Set(froms(usFed)).size).toBe(usFed.length);
    expect(usFed.every((c) => c.to === undefined && c.reason)).toBe(true);
    // every US federal holiday in the window, as listed by the calendar itself
    const expected = [...holidaysFor('US-FED', 2026), ...holidaysFor('US-FED', 2027)].filter((h) => h.date >= '2026-11-30' && h.date < '2027-11-30');
    expect(usFed).toEqual(expected.map((h) => ({ from: h.date, reason: h.name })));
  });

  it('stops at the month bound (end exclusive, day of month clamped)', () => {
    expect(holidayClosures('US-FED', '2026-11-30', [], 1)).toEqual([{ from: '2026-12-25', reason: 'Christmas Day' }]);
    expect(holidayClosures('US-FED', '2026-12-25', [], 1)).toEqual([{ from: '2026-12-25', reason: 'Christmas Day' }, { from: '2027-01-01', reason: "New Year's Day" }, { from: '2027-01-18', reason: 'Birthday of Martin Luther King, Jr.' }]);
    // Jan 31 + 1 month ends on Feb 28 (exclusive): Washington's Birthday 2027-02-15 in, nothing of March
    expect(froms(holidayClosures('US-FED', '2027-01-31', [], 1))).toEqual(['2027-02-15']);
    expect(holidayClosures('US-FED', '2026-11-30', [], 0)).toEqual([]);
    expect(froms(holidayClosures('US-FED', '2026-11-30', [], 24))).toContain('2028-07-04');
  });

  it('skips holidays an existing closure already covers and is idempotent', () => {
    const existing = [{ from: '2026-12-24', to: '2026-12-26', reason: 'Christmas break' }, { from: '2027-07-05' }];
    const added = holidayClosures('US-FED', '2026-11-30', existing);
    expect(froms(added)).not.toContain('2026-12-25');
    expect(froms(added)).not.toContain('2027-07-05');
    expect(froms(added)).toContain('2027-07-04');
    expect(added).toHaveLength(usFed.length - 2);
    expect(holidayClosures('US-FED', '2026-11-30', [...existing, ...added])).toEqual([]);
    expect(usFed.every((c) => closureOn(usFed, c.from) === c)).toBe(true);
  });

  it('gives valid closures for every calendar, with a label each', () => {
    for (const cal of HOLIDAY_CALENDARS) {
      const closures = holidayClosures(cal, '2026-11-30', []);
      expect(closures.length, cal).toBeGreaterThan(5);
      expect(HOLIDAY_CALENDAR_LABELS[cal], cal).toMatch(/\w/);
      const t = cleanTemplate();
      (t.business as { closures?: unknown }).closures = closures;
      expect(parseSequenceTemplate(t).success, cal).toBe(true);
    }
    expect(holidayClosures('FR', '2026-11-30', []).find((c) => c.from === '2027-07-14')?.reason).toBe('Fête nationale');
    expect(new Set(Object.values(HOLIDAY_CALENDAR_LABELS)).size).toBe(HOLIDAY_CALENDARS.length);
  });

  it('picks a default calendar from the time zone', () => {
    expect(holidayCalendarForZone('Europe/Paris')).toBe('FR');
    expect(holidayCalendarForZone('America/Vancouver')).toBe('CA-BC');
    expect(holidayCalendarForZone('America/Chicago')).toBe('US-FED');
  });

  it('rejects a today that is not a YYYY-MM-DD date', () => {
    expect(() => holidayClosures('US-FED', '30/11/2026', [])).toThrow(RangeError);
  });
});
