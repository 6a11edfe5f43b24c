import { isValidZone, zoneOffset } from '../compliance/zoneClock';

/** One short-name formatter per zone (building one costs about 60 µs). */
const formats = new Map<string, Intl.DateTimeFormat>();

/** en-US short name of `zone` at `at`: `EST`, `EDT`, `MST`; `GMT+1` where there is no letter abbreviation. */
function shortZoneName(zone: string, at: number): string {
  let f = formats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' });
    formats.set(zone, f);
  }
  return f.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? '';
}

/**
 * ` EST`: the business zone's short name at `at`, to follow a time shown on the business's wall clock
 * when the recipient may read it on another one — some candidate recipient zone has another UTC offset
 * at `at`. '' when no recipient zone is known (none given, or none valid), every candidate reads `at`
 * with the business's offset, or the business zone is not a valid one.
 * @example businessZoneSuffix(Date.UTC(2027, 0, 14, 14), 'America/New_York', ['America/Los_Angeles']) // ' EST'
 */
export function businessZoneSuffix(at: number, businessZone: string, recipientZones?: readonly string[] | null): string {
  if (!recipientZones?.length || !isValidZone(businessZone)) return '';
  const offset = zoneOffset(businessZone, at);
  // An area code spanning several zones: name the zone when ANY candidate differs — a redundant "CST"
  // costs a reader in Chicago nothing, while a missing one misleads a reader in Denver by an hour.
  const differs = recipientZones.some((z) => isValidZone(z) && zoneOffset(z, at) !== offset);
  return differs ? ` ${shortZoneName(businessZone, at)}` : '';
}
