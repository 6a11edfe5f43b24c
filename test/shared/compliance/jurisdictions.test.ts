import { describe, expect, it } from 'vitest';
import { JURISDICTIONS, JURISDICTION_BY_ID } from '../../../shared/compliance/jurisdictions';
import { isoToDay } from '../../../shared/compliance/zoneClock';

// every row of compliance.md §2's table, plus federal/national/provincial rules and the courtesy default
const EXPECTED_IDS = [
  'US', 'US-FL', 'US-OK', 'US-MD', 'US-TX', 'US-WA', 'US-LA', 'US-AL', 'US-MS', 'US-UT', 'US-CT', 'US-NJ', 'US-GA',
  'US-PA', 'US-RI', 'US-OR', 'US-VA', 'US-KY', 'US-WY', 'US-MA', 'US-MI', 'US-MN', 'US-NM', 'US-IL', 'US-SD', 'US-ME',
  'US-AZ', 'CA', 'CA-BC', 'FR', 'DEFAULT',
];

describe('jurisdiction table', () => {
  it('has exactly the expected rules, each id once', () => {
    expect(JURISDICTIONS.map((r) => r.id).sort()).toEqual([...EXPECTED_IDS].sort());
    expect(JURISDICTION_BY_ID.size).toBe(JURISDICTIONS.length);
  });

  it.each(JURISDICTIONS.map((r) => [r.id, r] as const))('%s cites a source with an evidence tag on the rule and every version', (_id, rule) => {
    const tagged = /\[(R|S|U)[^\]]*\]|product policy/i;
    expect(rule.source).toMatch(tagged);
    for (const v of rule.versions) expect(v.source).toMatch(tagged);
  });

  it.each(JURISDICTIONS.flatMap((r) => r.versions.map((v, i) => [`${r.id}#${i}`, v] as const)))(
    '%s has sorted, disjoint windows inside one day and consistent channels',
    (_id, v) => {
      expect(v.windows).toHaveLength(7);
      for (const day of v.windows) {
        let prevEnd = 0;
        for (const [s, e] of day) {
          expect(s).toBeGreaterThanOrEqual(prevEnd);
          expect(e).toBeGreaterThan(s);
          expect(e).toBeLessThanOrEqual(24 * 60);
          prevEnd = e;
        }
      }
      expect(v.channels).toContain('voice');
      if (v.textsCovered === 'yes') expect(v.channels).toContain('sms');
    },
  );

  it('gives every holiday-banning version a calendar', () => {
    for (const r of JURISDICTIONS) {
      if (r.versions.some((v) => v.holidaysBanned)) expect(r.holidayCalendar).not.toBeNull();
    }
  });

  it('switches Pennsylvania to Act 47 on 2026-10-18 without a gap or overlap', () => {
    const [before, after] = JURISDICTION_BY_ID.get('US-PA')!.versions;
    expect(before!.effectiveUntil).toBe('2026-10-18');
    expect(after!.effectiveFrom).toBe('2026-10-18');
    expect(isoToDay(after!.effectiveFrom!)).toBe(isoToDay(before!.effectiveUntil!));
    expect(after!.windows[0]).toEqual([]); // Sundays banned
    expect(after!.windows[3]).toEqual([[9 * 60, 19 * 60]]);
  });

  it.each([
    ['US-FL', 3], ['US-OK', 3], ['US-MD', 3], ['US-OR', 3],
  ])('caps %s at %i per 24 h', (id, max) => {
    expect(JURISDICTION_BY_ID.get(id)!.cap).toEqual({ max, hours: 24 });
  });

  it('keeps New Jersey at 08–20 every day, one hour under N.J.S.A. 56:8-128(c) (compliance.md §2 [U] → conservative)', () => {
    const nj = JURISDICTION_BY_ID.get('US-NJ')!;
    expect(nj.versions).toHaveLength(1);
    for (const day of nj.versions[0]!.windows) expect(day).toEqual([[8 * 60, 20 * 60]]);
  });

  it('bans Oklahoma holidays (compliance.md §2 [U] → conservative) with its own calendar', () => {
    const ok = JURISDICTION_BY_ID.get('US-OK')!;
    expect(ok.holidayCalendar).toBe('US-OK');
    expect(ok.versions.every((v) => v.holidaysBanned)).toBe(true);
  });

  it('allows South Dakota weekdays only (SDCL 37-30-28 "weekdays between 9 a.m. and 9 p.m.")', () => {
    const w = JURISDICTION_BY_ID.get('US-SD')!.versions[0]!.windows;
    expect(w[0]).toEqual([]);
    expect(w[6]).toEqual([]);
    for (let d = 1; d <= 5; d++) expect(w[d]).toEqual([[9 * 60, 21 * 60]]);
  });

  it('evaluates Mississippi also in fixed Central Standard Time', () => {
    expect(JURISDICTION_BY_ID.get('US-MS')!.fixedZones).toEqual(['Etc/GMT+6']);
  });

  it('gives France a lunch break and no weekends', () => {
    const fr = JURISDICTION_BY_ID.get('FR')!.versions[0]!;
    expect(fr.windows[2]).toEqual([[600, 780], [840, 1200]]);
    expect(fr.windows[0]).toEqual([]);
    expect(fr.windows[6]).toEqual([]);
  });
});
