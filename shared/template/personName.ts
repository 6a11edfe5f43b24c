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
 * US and Canadian region codes: caller ID for a number without a listed name often shows where
 * it is registered instead ("MIAMI FL", "NEW YORK NY", "TORONTO ON").
 */
const REGION_CODES = new Set(
  ('AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR ' +
    'PA RI SC SD TN TX UT VT VA WA WV WI WY PR GU VI AS MP AB BC MB NB NL NS NT NU ON PE QC SK YT').split(' '),
);

/** Name suffixes after a comma that do not start a given name ("JOHN SMITH, JR"). */
const SUFFIXES = new Set(['JR', 'SR', 'II', 'III', 'IV', 'MD', 'DDS', 'DO', 'PHD', 'ESQ', 'RN', 'CPA']);

/** True when the text has letters and all of them are capitals (caller ID's style). */
export const isCapitals = (s: string): boolean => s === s.toUpperCase() && s !== s.toLowerCase();

const titleCase = (s: string) => s.toLowerCase().replace(/(^|[\s'-])(\p{L})/gu, (_m, sep: string, c: string) => sep + c.toUpperCase());
const letters = (w: string) => w.toUpperCase().replace(/[^\p{L}]/gu, '');

/**
 * A caller's name fit to show, or null: phone systems fill the name of an unknown caller with their
 * number ("(305) 555-0153"), a caller-ID stand-in ("WIRELESS CALLER") or the number's city and state
 * ("MIAMI FL"), none of which must become "Hi (305)" or "Hi Miami". A name in capitals only (caller
 * ID's style) is written in title case; "LAST, FIRST" becomes "First Last".
 * @example personName('(305) 555-0153') // null
 * @example personName('JOHN SMITH') // 'John Smith'
 * @example personName('SMITH,JOHN') // 'John Smith'
 */
export function personName(raw: string | null | undefined): string | null {
  const name = raw?.trim().replace(/\s+/g, ' ');
  if (!name || !/\p{L}/u.test(name)) return null;
  if (NOT_A_NAME.has(name.toUpperCase().replace(/[^\p{L}]+/gu, ' ').trim())) return null;
  // mostly digits with a few letters ("+1 305 555 0153 ext", "305-555-0153 x2"): a number
  if ((name.match(/\d/g)?.length ?? 0) >= 7) return null;
  const caps = isCapitals(name);
  const words = name.split(' ');
  if (caps && words.length >= 2 && REGION_CODES.has(words[words.length - 1]!)) return null;
  const ordered = lastCommaFirst(name);
  return caps ? titleCase(ordered) : ordered;
}

/** "Smith, John" → "John Smith"; a comma before a suffix ("John Smith, Jr.") or a second comma leaves it. */
function lastCommaFirst(name: string): string {
  const parts = name.split(',');
  if (parts.length !== 2) return name;
  const [last, first] = parts.map((p) => p.trim()) as [string, string];
  if (!last || !first || SUFFIXES.has(letters(first))) return name;
  return `${first} ${last}`;
}
