import { describe, expect, it } from 'vitest';
import { parseReturnDate } from '../../../shared/optout';

const NOW = new Date('2026-11-20T15:00:00Z'); // Friday 20 Nov 2026

describe('parseReturnDate', () => {
  it.each([
    ['back on Dec 3', '2026-12-03'],
    ['Back on Dec. 3rd.', '2026-12-03'],
    ['returning December 3', '2026-12-03'],
    ['returning 12/03', '2026-12-03'],
    ['until Monday, January 5th', '2027-01-05'],
    ['back on the 3rd', '2026-12-03'],
    ['back on the 20th', '2026-11-20'], // today counts
    ['back on the 21st', '2026-11-21'],
    ['back on the 31st', '2026-12-31'], // November has no 31st
    ['back on Nov 19', '2027-11-19'], // yesterday → next year
    ['back on Nov 20', '2026-11-20'],
    ['back Monday', '2026-11-23'],
    ['back on Friday', '2026-11-20'], // on or after now
    ['back tomorrow', '2026-11-21'],
    ['out through Nov 30', '2026-12-01'], // through = back the day after
    ['back after the 30th', '2026-12-01'],
    ['returning on the 3rd of December', '2026-12-03'],
    ['back on 2027-01-04', '2027-01-04'],
    ['back on 1/4/27', '2027-01-04'],
    ['back Feb 29', '2028-02-29'], // next leap year
    ['hasta el 3 de diciembre', '2026-12-03'],
    ['regreso el lunes', '2026-11-23'],
    ['de retour le 3 décembre', '2026-12-03'],
    ["jusqu'au 5 janvier", '2027-01-05'],
    ['I will get back to you when I return on Dec 3', '2026-12-03'],
    ['Out from Nov 25 until Dec 3', '2026-12-03'], // the date after the trigger, not the first one
  ])('%j → %s', (text, expected) => {
    expect(parseReturnDate(text, { now: NOW })).toBe(expected);
  });

  it.each([
    ['no trigger word: Dec 3', 'Dec 3'],
    ['a trigger without a date', 'I will be back soon'],
    ['an impossible explicit date', 'back on Feb 30, 2027'],
    ['an impossible month', 'back on 13/40'],
    ['a time is not a date', 'back at 9.30'],
    ['the date is in a later sentence', 'back soon. Call 12/3 maybe'],
  ])('returns null for %s', (_name, text) => {
    expect(parseReturnDate(text, { now: NOW })).toBeNull();
  });

  it.each([
    ['back on Dec 3', null],
    ['back on the 3rd', null],
    ['back Monday', null],
    ['back on Dec 3, 2026', '2026-12-03'],
    ['back 12/03/2026', '2026-12-03'],
    ['back 2026-12-03', '2026-12-03'],
    ['hasta el 3 de diciembre de 2026', '2026-12-03'],
  ])('without now, %j → %s (only explicit years resolve)', (text, expected) => {
    expect(parseReturnDate(text)).toBe(expected);
  });

  it('uses the local date of now in the given zone', () => {
    // 2026-11-21T03:00Z is still Friday 20 Nov in New York
    const now = new Date('2026-11-21T03:00:00Z');
    expect(parseReturnDate('back on the 20th', { now, timeZone: 'America/New_York' })).toBe('2026-11-20');
    expect(parseReturnDate('back on the 20th', { now, timeZone: 'UTC' })).toBe('2026-12-20');
    expect(parseReturnDate('back tomorrow', { now, timeZone: 'Asia/Tokyo' })).toBe('2026-11-22');
  });

  it('accepts now as epoch milliseconds', () => {
    expect(parseReturnDate('back tomorrow', { now: NOW.getTime() })).toBe('2026-11-21');
  });

  it.each([
    [undefined, '2026-12-03'],
    ['en', '2026-12-03'],
    ['en-US', '2026-12-03'],
    ['es-US', '2026-12-03'],
    ['en-GB', '2027-03-12'],
    ['es-MX', '2027-03-12'],
    ['fr-CA', '2027-03-12'],
    ['es', '2027-03-12'],
  ])('reads 12/03 with locale %s as %s', (locale, expected) => {
    expect(parseReturnDate('back 12/03', { now: NOW, locale })).toBe(expected);
  });
});
