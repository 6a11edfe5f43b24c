import { describe, expect, it } from 'vitest';
import { clockTime, formatNextOpening } from '../../../shared/hours';

const at = (iso: string) => Date.parse(iso);

describe('formatNextOpening', () => {
  it.each([
    ['now when the opening is not after now', '2027-01-14T17:00:00Z', '2027-01-14T17:00:00Z', 'now'],
    ['later the same local day', '2027-01-14T20:00:00Z', '2027-01-14T12:00:00Z', 'today at 2:00 PM'],
    ['the next local day', '2027-01-15T14:00:00Z', '2027-01-15T02:00:00Z', 'tomorrow at 8:00 AM'], // Thu 20:00 → Fri (already Fri in UTC)
    ['a weekday two days on', '2027-01-18T15:00:00Z', '2027-01-16T01:00:00Z', 'Monday at 9:00 AM'], // Fri 19:00 → Mon
    ['a weekday six days on', '2027-01-20T15:00:00Z', '2027-01-14T22:00:00Z', 'Wednesday at 9:00 AM'],
    ['a date seven days on (no ambiguous weekday)', '2027-01-21T15:00:00Z', '2027-01-14T22:00:00Z', 'on Jan 21 at 9:00 AM'],
    ['a date over the new year', '2028-01-04T15:00:00Z', '2027-12-23T22:00:00Z', 'on Jan 4 at 9:00 AM'],
    ['the Chicago day, not the UTC day', '2027-01-15T03:30:00Z', '2027-01-14T22:00:00Z', 'today at 9:30 PM'],
  ])('says %s (Chicago)', (_n, opening, now, want) => {
    expect(formatNextOpening(at(opening), at(now), 'America/Chicago')).toBe(want);
  });

  it('counts local days over a 23-hour spring-forward day (exactly 24 h apart, two dates on)', () => {
    // Sat 2027-03-13 23:30 EST → Mon 00:30 EDT
    expect(formatNextOpening(at('2027-03-15T04:30:00Z'), at('2027-03-14T04:30:00Z'), 'America/New_York')).toBe('Monday at 12:30 AM');
  });

  it('reads the wall clock after fall-back (9:00 EST, not 8:00 or 10:00)', () => {
    expect(formatNextOpening(at('2027-11-08T14:00:00Z'), at('2027-11-05T22:00:00Z'), 'America/New_York')).toBe('Monday at 9:00 AM');
    expect(formatNextOpening(at('2027-03-15T13:00:00Z'), at('2027-03-12T23:00:00Z'), 'America/New_York')).toBe('Monday at 9:00 AM');
  });

  // the English cases above, worded in US Spanish and Quebec French
  it.each([
    ['now when the opening is not after now', '2027-01-14T17:00:00Z', '2027-01-14T17:00:00Z', 'ahora', 'maintenant'],
    ['later the same local day', '2027-01-14T20:00:00Z', '2027-01-14T12:00:00Z', 'hoy a las 2:00 p.m.', "aujourd'hui à 14 h"],
    ['the next local day', '2027-01-15T14:00:00Z', '2027-01-15T02:00:00Z', 'mañana a las 8:00 a.m.', 'demain à 8 h'],
    ['a weekday two days on', '2027-01-18T15:00:00Z', '2027-01-16T01:00:00Z', 'el lunes a las 9:00 a.m.', 'lundi à 9 h'],
    ['a weekday six days on', '2027-01-20T15:30:00Z', '2027-01-14T22:00:00Z', 'el miércoles a las 9:30 a.m.', 'mercredi à 9 h 30'],
    ['a date seven days on', '2027-01-21T15:00:00Z', '2027-01-14T22:00:00Z', 'el 21 de enero a las 9:00 a.m.', 'le 21 janv. à 9 h'],
    ['a date over the new year', '2028-01-04T15:05:00Z', '2027-12-23T22:00:00Z', 'el 4 de enero a las 9:05 a.m.', 'le 4 janv. à 9 h 05'],
    ['the first of a month', '2027-12-01T19:00:00Z', '2027-11-20T22:00:00Z', 'el 1 de diciembre a la 1:00 p.m.', 'le 1er déc. à 13 h'],
    ['the Chicago day, not the UTC day', '2027-01-15T03:30:00Z', '2027-01-14T22:00:00Z', 'hoy a las 9:30 p.m.', "aujourd'hui à 21 h 30"],
  ])('says %s in Spanish and French (Chicago)', (_n, opening, now, es, fr) => {
    expect(formatNextOpening(at(opening), at(now), 'America/Chicago', null, 'es')).toBe(es);
    expect(formatNextOpening(at(opening), at(now), 'America/Chicago', null, 'fr')).toBe(fr);
  });

  it('counts local days and reads the wall clock across DST changes in Spanish and French', () => {
    const ny = (opening: string, now: string, lang: 'es' | 'fr') => formatNextOpening(at(opening), at(now), 'America/New_York', undefined, lang);
    expect(ny('2027-03-15T04:30:00Z', '2027-03-14T04:30:00Z', 'es')).toBe('el lunes a las 12:30 a.m.');
    expect(ny('2027-03-15T04:30:00Z', '2027-03-14T04:30:00Z', 'fr')).toBe('lundi à 0 h 30');
    expect(ny('2027-11-08T14:00:00Z', '2027-11-05T22:00:00Z', 'es')).toBe('el lunes a las 9:00 a.m.');
    expect(ny('2027-03-15T13:00:00Z', '2027-03-12T23:00:00Z', 'fr')).toBe('lundi à 9 h');
  });

  it('writes "a la" for one o\'clock and "a las" for every other hour', () => {
    const chicago = (iso: string) => formatNextOpening(at(iso), at('2027-01-14T06:00:00Z'), 'America/Chicago', null, 'es');
    expect(chicago('2027-01-14T07:00:00Z')).toBe('hoy a la 1:00 a.m.');
    expect(chicago('2027-01-14T07:59:00Z')).toBe('hoy a la 1:59 a.m.');
    expect(chicago('2027-01-14T08:00:00Z')).toBe('hoy a las 2:00 a.m.');
    expect(chicago('2027-01-14T19:30:00Z')).toBe('hoy a la 1:30 p.m.');
    expect(chicago('2027-01-15T06:00:00Z')).toBe('mañana a las 12:00 a.m.');
  });

  it.each([
    [0, '12:00 AM', '12:00 a.m.', '0 h'],
    [59, '12:59 AM', '12:59 a.m.', '0 h 59'],
    [9 * 60 + 5, '9:05 AM', '9:05 a.m.', '9 h 05'],
    [12 * 60, '12:00 PM', '12:00 p.m.', '12 h'],
    [13 * 60 + 30, '1:30 PM', '1:30 p.m.', '13 h 30'],
    [23 * 60 + 59, '11:59 PM', '11:59 p.m.', '23 h 59'],
  ])('writes minute %i as %s, %s and %s with plain spaces', (minute, en, es, fr) => {
    expect(clockTime(minute, 'en')).toBe(en);
    expect(clockTime(minute, 'es')).toBe(es);
    expect(clockTime(minute, 'fr')).toBe(fr);
  });

  it.each([
    [0, '12:00 AM'],
    [59, '12:59 AM'],
    [9 * 60 + 5, '9:05 AM'],
    [12 * 60, '12:00 PM'],
    [13 * 60 + 30, '1:30 PM'],
    [23 * 60 + 59, '11:59 PM'],
  ])('writes minute %i as %s with a plain space', (minute, want) => {
    expect(clockTime(minute)).toBe(want);
  });
});
