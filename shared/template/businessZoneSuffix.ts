import { isValidZone, zoneOffset } from '../compliance/zoneClock';
import type { Language } from '../schema/sequenceTemplate';

const LOCALES: Record<Language, string> = { en: 'en-US', es: 'es-US', fr: 'fr-CA' };

/** One short-name formatter per zone and language (building one costs about 60 µs). */
const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * Short name of `zone` at `at`: en-US `EST`, `EDT`, `MST` (`GMT+1` where there is no letter
 * abbreviation); es-US writes the same letters; fr-CA `HNE`, `HAE`, `HNC` (Quebec's). Where es-US or
 * fr-CA has no letters (`GMT+0`, `UTC−9` with a minus sign GSM-7 lacks), the en-US name (`GMT`, `AKST`).
 */
function shortZoneName(zone: string, at: number, lang: Language): string {
  const key = `${lang} ${zone}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALES[lang], { timeZone: zone, timeZoneName: 'short' });
    formats.set(key, f);
  }
  const name = f.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? '';
  return lang === 'en' || /^[A-Z]+$/.test(name) ? name : shortZoneName(zone, at, 'en');
}

/**
 * ` EST`: the business zone's short name at `at`, to follow a time shown on the business's wall clock
 * when the recipient may read it on another one — some candidate recipient zone has another UTC offset
 * at `at`. '' when no recipient zone is known (none given, or none valid), every candidate reads `at`
 * with the business's offset, or the business zone is not a valid one. `lang` picks the name (` HNE`).
 * @example businessZoneSuffix(Date.UTC(2027, 0, 14, 14), 'America/New_York', ['America/Los_Angeles']) // ' EST'
 */
export function businessZoneSuffix(
  at: number,
  businessZone: string,
  recipientZones?: readonly string[] | null,
  lang: Language = 'en',
): string {
  if (!recipientZones?.length || !isValidZone(businessZone)) return '';
  const offset = zoneOffset(businessZone, at);
  // An area code spanning several zones: name the zone when ANY candidate differs — a redundant "CST"
  // costs a reader in Chicago nothing, while a missing one misleads a reader in Denver by an hour.
  const differs = recipientZones.some((z) => isValidZone(z) && zoneOffset(z, at) !== offset);
  return differs ? ` ${shortZoneName(businessZone, at, lang)}` : '';
}
