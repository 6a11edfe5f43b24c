import { civilFromDays, isValidZone } from '../compliance/zoneClock';
import { CALENDAR_NAMES } from '../hours/calendarNames';
import { clockTime } from '../hours/clockTime';
import { wallClock } from '../hours/wallClock';
import type { Language } from '../schema/sequenceTemplate';
import { businessZoneSuffix } from './businessZoneSuffix';

/** One formatter per zone (building one costs about as much as parsing a template). */
const formats = new Map<string, Intl.DateTimeFormat>();

/** en-US through Intl, as always; es-US and fr-CA from fixed words, which do not drift with ICU. */
function stamp(at: number, timeZone: string, lang: Language): string {
  if (lang === 'en') {
    let f = formats.get(timeZone);
    if (!f) {
      f = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
      formats.set(timeZone, f);
    }
    return f.format(at);
  }
  if (!isValidZone(timeZone)) throw new RangeError(`Invalid time zone: ${timeZone}`);
  const { day, minute, weekday } = wallClock(timeZone, at);
  const { m, d } = civilFromDays(day);
  const n = CALENDAR_NAMES[lang];
  const date = `${n.dayOfMonth(d)}${lang === 'es' ? ' de' : ''} ${n.monthsShort[m - 1]}`;
  return `${n.weekdaysShort[weekday]}${lang === 'es' ? ',' : ''} ${date}, ${clockTime(minute, lang)}`;
}

/**
 * `{{calledAt}}`: the instant as `Tue, Jan 14, 3:45 PM` on the business's wall clock — `mié, 14 de ene,
 * 3:45 p.m.` in Spanish (es-US), `mer. 14 janv., 15 h 45` in French (fr-CA) — followed by the business
 * zone's short name (`Tue, Jan 14, 3:45 PM CST`, `… 15 h 45 HNC`) when one of `recipientZones` reads that
 * instant with another UTC offset (see {@link businessZoneSuffix}). Throws RangeError for an unknown zone.
 * @example formatCalledAt(Date.parse('2026-01-14T21:45:00Z'), 'America/Chicago') // 'Wed, Jan 14, 3:45 PM'
 * @example formatCalledAt(Date.parse('2026-01-14T21:45:00Z'), 'America/Chicago', ['America/Los_Angeles']) // 'Wed, Jan 14, 3:45 PM CST'
 * @example formatCalledAt(Date.parse('2026-01-14T21:45:00Z'), 'America/Chicago', null, 'fr') // 'mer. 14 janv., 15 h 45'
 */
export function formatCalledAt(at: number, timeZone: string, recipientZones?: readonly string[] | null, lang: Language = 'en'): string {
  return stamp(at, timeZone, lang) + businessZoneSuffix(at, timeZone, recipientZones, lang);
}
