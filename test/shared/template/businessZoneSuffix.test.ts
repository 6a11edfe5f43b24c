import { describe, expect, it } from 'vitest';
import { nextOpeningText, type OpeningHours } from '../../../shared/hours';
import { analyzePhone } from '../../../shared/phone';
import { businessZoneSuffix, formatCalledAt } from '../../../shared/template';

const at = (iso: string) => Date.parse(iso);
const WEEKDAYS_9_TO_5: OpeningHours = { mon: ['09:00-17:00'], tue: ['09:00-17:00'], wed: ['09:00-17:00'], thu: ['09:00-17:00'], fri: ['09:00-17:00'] };
const newYork = { timeZone: 'America/New_York', openingHours: WEEKDAYS_9_TO_5 };
const denver = { timeZone: 'America/Denver', openingHours: WEEKDAYS_9_TO_5 };
const zonesOf = (phone: string) => analyzePhone(phone)!.zones;
const LA = zonesOf('+12135550123');
const MIAMI = zonesOf('+13055550123');
const PHOENIX = zonesOf('+16025550123');

describe('business zone named for a recipient on another clock', () => {
  it('reads the recipient zones the tests assume from the numbers', () => {
    expect(LA).toEqual(['America/Los_Angeles']);
    expect(MIAMI).toEqual(['America/New_York']);
    expect(PHOENIX).toEqual(['America/Phoenix']);
  });

  it('names the New York business zone to a Los Angeles recipient, EST in winter and EDT in summer', () => {
    expect(nextOpeningText(newYork, at('2027-01-15T01:00:00Z'), LA)).toBe('tomorrow at 9:00 AM EST'); // Thu 20:00 EST
    expect(nextOpeningText(newYork, at('2027-07-15T01:00:00Z'), LA)).toBe('tomorrow at 9:00 AM EDT'); // Wed 21:00 EDT
    expect(formatCalledAt(at('2026-01-14T21:45:00Z'), 'America/New_York', LA)).toBe('Wed, Jan 14, 4:45 PM EST');
    expect(formatCalledAt(at('2026-07-14T21:45:00Z'), 'America/New_York', LA)).toBe('Tue, Jul 14, 5:45 PM EDT');
  });

  it('names nothing for a Miami recipient of a New York business (same clock)', () => {
    expect(nextOpeningText(newYork, at('2027-01-15T01:00:00Z'), MIAMI)).toBe('tomorrow at 9:00 AM');
    expect(formatCalledAt(at('2026-01-14T21:45:00Z'), 'America/New_York', MIAMI)).toBe('Wed, Jan 14, 4:45 PM');
  });

  it('compares offsets, not zone names: Arizona (no DST) reads Denver time unchanged in winter, not in summer', () => {
    expect(nextOpeningText(denver, at('2027-01-15T03:00:00Z'), PHOENIX)).toBe('tomorrow at 9:00 AM'); // Thu 20:00 MST
    expect(nextOpeningText(denver, at('2027-07-15T03:00:00Z'), PHOENIX)).toBe('tomorrow at 9:00 AM MDT'); // Wed 21:00 MDT
    expect(formatCalledAt(at('2026-01-14T21:45:00Z'), 'America/Denver', PHOENIX)).toBe('Wed, Jan 14, 2:45 PM');
    expect(formatCalledAt(at('2026-07-14T21:45:00Z'), 'America/Denver', PHOENIX)).toBe('Tue, Jul 14, 3:45 PM MDT');
  });

  it('decides at the rendered instant, not at the send: a reopening across a DST change', () => {
    // Sat 2027-03-13 20:00 MST, same offset as Phoenix; Denver moves to MDT before Monday 09:00
    expect(nextOpeningText(denver, at('2027-03-14T03:00:00Z'), PHOENIX)).toBe('Monday at 9:00 AM MDT');
    // Fri 2027-11-05 18:00 MDT, another offset than Phoenix; back on MST by Monday 09:00
    expect(nextOpeningText(denver, at('2027-11-06T00:00:00Z'), PHOENIX)).toBe('Monday at 9:00 AM');
  });

  it('names nothing when the recipient zone is unknown', () => {
    const now = at('2027-01-15T01:00:00Z');
    for (const zones of [undefined, null, [], ['Not/AZone']]) {
      expect(nextOpeningText(newYork, now, zones)).toBe('tomorrow at 9:00 AM');
      expect(formatCalledAt(at('2026-01-14T21:45:00Z'), 'America/New_York', zones)).toBe('Wed, Jan 14, 4:45 PM');
    }
  });

  it('names the zone when ANY candidate zone of an area code spanning several differs', () => {
    const panhandle = zonesOf('+18505550123'); // 850: Central and Eastern
    expect(panhandle).toEqual(['America/Chicago', 'America/New_York']);
    expect(nextOpeningText(newYork, at('2027-01-15T01:00:00Z'), panhandle)).toBe('tomorrow at 9:00 AM EST');
    expect(businessZoneSuffix(at('2027-01-15T14:00:00Z'), 'America/New_York', ['America/Detroit', 'America/Toronto'])).toBe('');
  });

  it('leaves "now" and a blank value (fallback) as they are', () => {
    expect(nextOpeningText(newYork, at('2027-01-14T15:00:00Z'), LA)).toBe('now'); // Thu 10:00 EST, open
    expect(nextOpeningText({ timeZone: 'America/New_York', openingHours: {} }, at('2027-01-14T15:00:00Z'), LA)).toBe('');
  });

  it('names the zone in Spanish with the es-US letters and in French with Quebec\'s (HNE/HAE)', () => {
    expect(nextOpeningText(newYork, at('2027-01-15T01:00:00Z'), LA, 'es')).toBe('mañana a las 9:00 a.m. EST');
    expect(nextOpeningText(newYork, at('2027-07-15T01:00:00Z'), LA, 'es')).toBe('mañana a las 9:00 a.m. EDT');
    expect(nextOpeningText(newYork, at('2027-01-15T01:00:00Z'), LA, 'fr')).toBe('demain à 9 h HNE');
    expect(nextOpeningText(newYork, at('2027-07-15T01:00:00Z'), LA, 'fr')).toBe('demain à 9 h HAE');
    expect(nextOpeningText(newYork, at('2027-01-15T01:00:00Z'), MIAMI, 'fr')).toBe('demain à 9 h');
    expect(formatCalledAt(at('2026-01-14T21:45:00Z'), 'America/New_York', LA, 'es')).toBe('mié, 14 de ene, 4:45 p.m. EST');
    expect(formatCalledAt(at('2026-07-14T21:45:00Z'), 'America/New_York', LA, 'fr')).toBe('mar. 14 juill., 17 h 45 HAE');
    expect(formatCalledAt(at('2026-01-14T21:45:00Z'), 'America/New_York', MIAMI, 'fr')).toBe('mer. 14 janv., 16 h 45');
  });

  it('decides at the rendered instant across a DST change in Spanish and French too', () => {
    expect(nextOpeningText(denver, at('2027-03-14T03:00:00Z'), PHOENIX, 'es')).toBe('el lunes a las 9:00 a.m. MDT');
    expect(nextOpeningText(denver, at('2027-03-14T03:00:00Z'), PHOENIX, 'fr')).toBe('lundi à 9 h HAR');
    expect(nextOpeningText(denver, at('2027-11-06T00:00:00Z'), PHOENIX, 'fr')).toBe('lundi à 9 h');
    expect(nextOpeningText(denver, at('2027-01-15T03:00:00Z'), LA, 'fr')).toBe('demain à 9 h HNR');
  });

  it('keeps one short-name formatter per zone and language', () => {
    const t = at('2027-01-15T14:00:00Z');
    expect(businessZoneSuffix(t, 'America/Chicago', LA)).toBe(' CST');
    expect(businessZoneSuffix(t, 'America/Chicago', LA, 'fr')).toBe(' HNC');
    expect(businessZoneSuffix(t, 'America/Chicago', LA, 'es')).toBe(' CST');
    expect(businessZoneSuffix(t, 'America/Chicago', LA)).toBe(' CST');
  });

  it('falls back to the en-US name where es-US or fr-CA has no letters (UTC−9, GMT+0)', () => {
    const winter = at('2027-01-15T12:00:00Z');
    expect(businessZoneSuffix(winter, 'America/Anchorage', LA, 'fr')).toBe(' AKST');
    expect(businessZoneSuffix(winter, 'Pacific/Honolulu', LA, 'fr')).toBe(' HST');
    expect(businessZoneSuffix(winter, 'America/Halifax', LA, 'fr')).toBe(' HNA');
    expect(businessZoneSuffix(winter, 'Europe/London', ['America/New_York'], 'es')).toBe(' GMT');
    expect(businessZoneSuffix(winter, 'Europe/London', ['America/New_York'], 'fr')).toBe(' GMT');
    expect(businessZoneSuffix(at('2027-07-15T12:00:00Z'), 'Europe/London', ['America/New_York'], 'fr')).toBe(' GMT+1');
    expect(businessZoneSuffix(winter, 'Not/AZone', LA, 'fr')).toBe('');
  });

  it('gives GMT+1 for a zone without a letter abbreviation, and nothing for an invalid business zone', () => {
    expect(businessZoneSuffix(at('2027-07-15T12:00:00Z'), 'Europe/London', ['America/New_York'])).toBe(' GMT+1');
    expect(businessZoneSuffix(at('2027-01-15T12:00:00Z'), 'Europe/London', ['America/New_York'])).toBe(' GMT');
    expect(businessZoneSuffix(at('2027-01-15T12:00:00Z'), 'Not/AZone', LA)).toBe('');
  });
});
