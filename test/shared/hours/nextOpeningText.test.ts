import { describe, expect, it } from 'vitest';
import { nextOpeningText, type OpeningHours } from '../../../shared/hours';
import { fourTouch } from '../../../shared/templates';

const at = (iso: string) => Date.parse(iso);
const CLOSED: OpeningHours = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
const ALL_DAY = Object.fromEntries(Object.keys(CLOSED).map((d) => [d, ['00:00-24:00']])) as OpeningHours;
const SPLIT_DAY = Object.fromEntries(Object.keys(CLOSED).map((d) => [d, ['12:00-24:00', '00:00-12:00']])) as OpeningHours;
const chicago = fourTouch.business; // Mon–Fri 07:30–18:00, Sat 09:00–13:00

describe('nextOpeningText', () => {
  it.each([
    ['open', '2027-01-14T17:00:00Z', 'now'],
    ['before opening', '2027-01-14T12:00:00Z', 'today at 7:30 AM'],
    ['after closing', '2027-01-15T01:00:00Z', 'tomorrow at 7:30 AM'],
    ['on Saturday afternoon', '2027-01-16T20:00:00Z', 'Monday at 7:30 AM'],
  ])('is the next opening in the business zone when %s', (_n, now, want) => {
    expect(nextOpeningText(chicago, at(now))).toBe(want);
  });

  it.each([
    ['open', '2027-01-14T17:00:00Z', 'ahora', 'maintenant'],
    ['before opening', '2027-01-14T12:00:00Z', 'hoy a las 7:30 a.m.', "aujourd'hui à 7 h 30"],
    ['after closing', '2027-01-15T01:00:00Z', 'mañana a las 7:30 a.m.', 'demain à 7 h 30'],
    ['on Saturday afternoon', '2027-01-16T20:00:00Z', 'el lunes a las 7:30 a.m.', 'lundi à 7 h 30'],
  ])('words the next opening in Spanish and French when %s', (_n, now, es, fr) => {
    expect(nextOpeningText(chicago, at(now), null, 'es')).toBe(es);
    expect(nextOpeningText(chicago, at(now), null, 'fr')).toBe(fr);
  });

  it('names the date of a long closure in Spanish and French, and stays blank without hours', () => {
    const b = { ...chicago, closures: [{ from: '2027-12-20', to: '2027-12-27' }] };
    expect(nextOpeningText(b, at('2027-12-18T20:00:00Z'), undefined, 'es')).toBe('el 28 de diciembre a las 7:30 a.m.');
    expect(nextOpeningText(b, at('2027-12-18T20:00:00Z'), undefined, 'fr')).toBe('le 28 déc. à 7 h 30');
    expect(nextOpeningText({ ...chicago, openingHours: ALL_DAY }, at('2027-01-14T17:00:00Z'), null, 'fr')).toBe('');
  });

  it('names the date for a long closure', () => {
    const b = { ...chicago, closures: [{ from: '2027-12-20', to: '2027-12-27' }] };
    expect(nextOpeningText(b, at('2027-12-18T20:00:00Z'))).toBe('on Dec 28 at 7:30 AM'); // Sat 14:00
  });

  it.each([
    ['no opening hours', { ...chicago, openingHours: CLOSED }],
    ['hours missing (unparsed)', { timeZone: 'America/Chicago' }],
    ['24/7', { ...chicago, openingHours: ALL_DAY }],
    ['24/7 in two periods a day', { ...chicago, openingHours: SPLIT_DAY }],
    ['closed for good', { ...chicago, closures: [{ from: '2027-01-01', to: '2099-12-31' }] }],
  ])('is blank with %s, so a fallback applies', (_n, b) => {
    expect(nextOpeningText(b, at('2027-01-14T17:00:00Z'))).toBe('');
  });

  it('is "now" for long hours that are not 24/7, and names the reopening of a 24/7 business during a closure', () => {
    expect(nextOpeningText({ ...chicago, openingHours: { ...ALL_DAY, sun: ['00:00-23:00'] } }, at('2027-01-14T17:00:00Z'))).toBe('now');
    expect(nextOpeningText({ ...chicago, openingHours: ALL_DAY, closures: [{ from: '2027-12-25' }] }, at('2027-12-25T17:00:00Z'))).toBe('tomorrow at 12:00 AM');
  });
});
