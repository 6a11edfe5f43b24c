import { describe, expect, it } from 'vitest';
import { firstAllowedInstant, nextAllowedInstant } from '../../../shared/compliance/allowedInstant';
import { JURISDICTION_BY_ID } from '../../../shared/compliance/jurisdictions';
import type { Interval, JurisdictionRule, WeeklyWindows } from '../../../shared/compliance/types';

const daily = (w: Interval): WeeklyWindows => [[w], [w], [w], [w], [w], [w], [w]];
const rule = (w: Interval): JurisdictionRule => ({
  id: 'TEST', name: 'test', kind: 'courtesy', holidayCalendar: null, cap: null, marketingConsent: 'express',
  versions: [{ windows: daily(w), holidaysBanned: false, channels: ['voice', 'sms'], textsCovered: 'yes', source: 'test [U]' }],
  source: 'test [U]',
});
const NY = 'America/New_York';
const t = (s: string): number => Date.parse(s);
const iso = (n: number): string => new Date(n).toISOString();

describe('nextAllowedInstant across DST', () => {
  it.each([
    ['a start in the spring-forward gap (02:30) moves to the first valid instant, 03:00 EDT', rule([150, 600]), '2026-03-08T05:00:00Z', '2026-03-08T07:00:00.000Z'],
    ['a start in the repeated hour (01:30) takes the later instant (01:30 EST)', rule([90, 600]), '2026-11-01T04:00:00Z', '2026-11-01T06:30:00.000Z'],
    ['an 08:00 start the day after spring forward is 08:00 EDT', rule([480, 1260]), '2026-03-08T03:00:00Z', '2026-03-08T12:00:00.000Z'],
    ['an 08:00 start the day after fall back is 08:00 EST', rule([480, 1260]), '2026-11-01T02:00:00Z', '2026-11-01T13:00:00.000Z'],
  ])('%s', (_l, r, from, expected) => {
    expect(iso(nextAllowedInstant(NY, r, t(from), 'all', null, 3))).toBe(expected);
  });

  it('returns t itself inside a window and Infinity when nothing opens within the scan', () => {
    const r = rule([480, 1260]);
    expect(nextAllowedInstant(NY, r, t('2027-01-13T15:00:00Z'), 'all', null, 3)).toBe(t('2027-01-13T15:00:00Z'));
    const never: JurisdictionRule = { ...r, versions: [{ ...r.versions[0]!, windows: [[], [], [], [], [], [], []] }] };
    expect(nextAllowedInstant(NY, never, t('2027-01-13T15:00:00Z'), 'all', null, 10)).toBe(Infinity);
  });

  it('binds nothing on days a version does not cover the channel', () => {
    const fl = JURISDICTION_BY_ID.get('US-FL')!;
    const night = t('2027-01-14T03:00:00Z');
    expect(nextAllowedInstant(NY, fl, night, 'sms', null, 3)).toBe(night);
    expect(iso(nextAllowedInstant(NY, fl, night, 'all', null, 3))).toBe('2027-01-14T13:00:00.000Z');
  });
});

describe('firstAllowedInstant', () => {
  it('intersects windows of several rules and zones', () => {
    const us = JURISDICTION_BY_ID.get('US')!;
    const tx = JURISDICTION_BY_ID.get('US-TX')!;
    const pairs = [
      { rule: us, zones: ['America/Chicago', 'America/Denver'], extra: null },
      { rule: tx, zones: ['America/Chicago', 'America/Denver'], extra: null },
    ];
    expect(iso(firstAllowedInstant(t('2027-01-13T06:00:00Z'), pairs, 'all', Infinity, 16))).toBe('2027-01-13T16:00:00.000Z');
    expect(firstAllowedInstant(t('2027-01-13T06:00:00Z'), pairs, 'all', t('2027-01-13T15:59:59Z'), 16)).toBe(Infinity);
    expect(firstAllowedInstant(t('2027-01-13T06:00:00Z'), pairs, 'none', Infinity, 16)).toBe(t('2027-01-13T06:00:00Z'));
  });
});
