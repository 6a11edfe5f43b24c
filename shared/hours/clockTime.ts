import type { Language } from '../schema/sequenceTemplate';

/**
 * A time of day (minutes since local midnight) as a customer reads it, with plain spaces and no Intl
 * locale data: ICU has changed these forms between versions (NBSP, U+202F, `p. m.` → `p.m.`), and a
 * no-break space would force an SMS into UCS-2.
 * - en: `8:00 AM`, `12:30 PM`.
 * - es: `8:00 a.m.`, `3:30 p.m.` — US Spanish: 12-hour with a.m./p.m. as CLDR's es-US and es-MX write
 *   it (Spain's 24-hour clock would read oddly to most US callers).
 * - fr: `9 h`, `9 h 05`, `15 h 30`, `0 h` — Quebec's 24-hour clock (OQLF), minutes only when not zero.
 * @example clockTime(13 * 60 + 30, 'fr') // '13 h 30'
 */
export function clockTime(minute: number, lang: Language = 'en'): string {
  const h = Math.floor(minute / 60);
  const m = minute % 60;
  const mm = `${m < 10 ? '0' : ''}${m}`;
  if (lang === 'fr') return m === 0 ? `${h} h` : `${h} h ${mm}`;
  const h12 = h % 12 === 0 ? 12 : h % 12;
  if (lang === 'es') return `${h12}:${mm} ${h < 12 ? 'a.m.' : 'p.m.'}`;
  return `${h12}:${mm} ${h < 12 ? 'AM' : 'PM'}`;
}
