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
