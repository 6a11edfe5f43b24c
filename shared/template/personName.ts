/**
 * Caller-ID placeholders that name no person: carrier CNAM stand-ins and what phone systems show
 * for an unknown caller (upper-cased, spaces and punctuation collapsed to one space).
 */
const NOT_A_NAME = new Set([
  'ANONYMOUS',
  'ANONYMOUS CALLER',
  'BLOCKED',
  'BLOCKED CALLER',
  'CALLER',
  'CELL PHONE',
  'CELLULAR CALLER',
  'NO CALLER ID',
  'NO NAME',
  'NOT AVAILABLE',
  'OUT OF AREA',
  'PRIVATE',
  'PRIVATE CALLER',
  'PRIVATE NUMBER',
  'RESTRICTED',
  'TOLL FREE',
  'TOLL FREE CALLER',
  'UNAVAILABLE',
  'UNKNOWN',
  'UNKNOWN CALLER',
  'UNKNOWN NAME',
  'WIRELESS CALLER',
]);

/**
 * A caller's name fit to greet them by, or null: phone systems fill the name of an unknown caller
 * with their number ("(305) 555-0153") or a caller-ID stand-in ("WIRELESS CALLER"), which must not
 * become "Hi (305)". A name in capitals only (caller ID's style) is written in title case.
 * @example personName('(305) 555-0153') // null
 * @example personName('JOHN SMITH') // 'John Smith'
 */
export function personName(raw: string | null | undefined): string | null {
  const name = raw?.trim().replace(/\s+/g, ' ');
  if (!name || !/\p{L}/u.test(name)) return null;
  if (NOT_A_NAME.has(name.toUpperCase().replace(/[^\p{L}]+/gu, ' ').trim())) return null;
  // mostly digits with a few letters ("+1 305 555 0153 ext", "305-555-0153 x2"): a number
  if ((name.match(/\d/g)?.length ?? 0) >= 7) return null;
  if (name !== name.toUpperCase() || name === name.toLowerCase()) return name;
  return name.toLowerCase().replace(/(^|[\s'-])(\p{L})/gu, (_m, sep: string, c: string) => sep + c.toUpperCase());
}
