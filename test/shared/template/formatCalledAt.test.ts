import { describe, expect, it } from 'vitest';
import { formatCalledAt } from '../../../shared/template';

describe('formatCalledAt', () => {
  const at = Date.parse('2026-01-14T21:45:00Z');

  it.each([
    ['America/Chicago', 'Wed, Jan 14, 3:45 PM'],
    ['Pacific/Honolulu', 'Wed, Jan 14, 11:45 AM'],
    ['Europe/London', 'Wed, Jan 14, 9:45 PM'],
    ['Asia/Tokyo', 'Thu, Jan 15, 6:45 AM'],
  ])('writes the instant on the wall clock of %s', (zone, want) => {
    expect(formatCalledAt(at, zone)).toBe(want);
  });

  it.each([
    ['America/Chicago', 'mié, 14 de ene, 3:45 p.m.', 'mer. 14 janv., 15 h 45'],
    ['Pacific/Honolulu', 'mié, 14 de ene, 11:45 a.m.', 'mer. 14 janv., 11 h 45'],
    ['Europe/London', 'mié, 14 de ene, 9:45 p.m.', 'mer. 14 janv., 21 h 45'],
    ['Asia/Tokyo', 'jue, 15 de ene, 6:45 a.m.', 'jeu. 15 janv., 6 h 45'],
  ])('writes the instant on the wall clock of %s in Spanish and French', (zone, es, fr) => {
    expect(formatCalledAt(at, zone, null, 'es')).toBe(es);
    expect(formatCalledAt(at, zone, null, 'fr')).toBe(fr);
  });

  it.each([
    ['on the hour, the first of a month', '2026-08-01T13:00:00Z', 'sáb, 1 de ago, 9:00 a.m.', 'sam. 1er août, 9 h'],
    ['one o\'clock at night', '2026-09-06T05:05:00Z', 'dom, 6 de sept, 1:05 a.m.', 'dim. 6 sept., 1 h 05'],
    ['noon in summer time', '2026-06-15T16:00:00Z', 'lun, 15 de jun, 12:00 p.m.', 'lun. 15 juin, 12 h'],
    ['midnight in winter time', '2026-12-25T05:00:00Z', 'vie, 25 de dic, 12:00 a.m.', 'ven. 25 déc., 0 h'],
  ])('writes %s in Spanish and French (New York)', (_n, iso, es, fr) => {
    expect(formatCalledAt(Date.parse(iso), 'America/New_York', undefined, 'es')).toBe(es);
    expect(formatCalledAt(Date.parse(iso), 'America/New_York', undefined, 'fr')).toBe(fr);
  });

  it('reads the wall clock on both sides of a DST change in Spanish and French', () => {
    expect(formatCalledAt(Date.parse('2027-03-14T06:59:00Z'), 'America/New_York', null, 'es')).toBe('dom, 14 de mar, 1:59 a.m.');
    expect(formatCalledAt(Date.parse('2027-03-14T07:00:00Z'), 'America/New_York', null, 'es')).toBe('dom, 14 de mar, 3:00 a.m.');
    expect(formatCalledAt(Date.parse('2027-11-07T05:30:00Z'), 'America/New_York', null, 'fr')).toBe('dim. 7 nov., 1 h 30');
    expect(formatCalledAt(Date.parse('2027-11-07T06:30:00Z'), 'America/New_York', null, 'fr')).toBe('dim. 7 nov., 1 h 30');
  });

  it('throws RangeError for an unknown zone', () => {
    expect(() => formatCalledAt(at, 'Not/AZone')).toThrow(RangeError);
    expect(() => formatCalledAt(at, 'Not/AZone', null, 'es')).toThrow(RangeError);
    expect(() => formatCalledAt(at, 'Not/AZone', null, 'fr')).toThrow(RangeError);
  });
});
