import { civilFromDays } from '../compliance/zoneClock';
import type { Language } from '../schema/sequenceTemplate';
import { businessZoneSuffix } from '../template/businessZoneSuffix';
import { NEXT_OPENING_WORDS } from './nextOpeningWords';
import { wallClock } from './wallClock';

/**
 * A reopening instant as a customer would read it, relative to `now` on the wall clock of `zone`:
 * `now` when `at <= now`, `today at 2:00 PM`, `tomorrow at 8:00 AM`, a weekday within six days
 * (`Monday at 9:00 AM`), else `on Dec 28 at 9:00 AM`; in Spanish `ahora`, `hoy a las 2:00 p.m.`,
 * `el lunes a las 9:00 a.m.`, `el 28 de diciembre a las 9:00 a.m.`; in French `maintenant`,
 * `aujourd'hui à 14 h`, `lundi à 9 h 30`, `le 28 déc. à 9 h` (see {@link NEXT_OPENING_WORDS}). No Intl
 * locale data. Except for `now`, the zone's short name at `at` follows (`Monday at 9:00 AM CST`) when
 * one of `recipientZones` reads `at` with another UTC offset (see {@link businessZoneSuffix}).
 * @example formatNextOpening(Date.parse('2027-01-18T15:00:00Z'), Date.parse('2027-01-16T01:00:00Z'), 'America/Chicago') // 'Monday at 9:00 AM'
 */
export function formatNextOpening(
  at: number,
  now: number,
  zone: string,
  recipientZones?: readonly string[] | null,
  lang: Language = 'en',
): string {
  const w = NEXT_OPENING_WORDS[lang];
  if (at <= now) return w.now;
  const when = wallClock(zone, at);
  const days = when.day - wallClock(zone, now).day;
  const time = w.at(when.minute) + businessZoneSuffix(at, zone, recipientZones, lang);
  if (days <= 0) return `${w.today} ${time}`;
  if (days === 1) return `${w.tomorrow} ${time}`;
  if (days < 7) return `${w.weekday(when.weekday)} ${time}`;
  const { m, d } = civilFromDays(when.day);
  return `${w.date(m, d)} ${time}`;
}
