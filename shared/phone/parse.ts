import { parsePhoneNumberFromString as parseWithMetadata, type MetadataJson } from 'libphonenumber-js/core';
import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode, type PhoneNumberType } from 'libphonenumber-js/max';
import maxMetadata from 'libphonenumber-js/metadata.max.json';
import { NPAS_AHEAD_OF_LIBPHONENUMBER } from './overlays';
import { countryOfSharedCode, isSharedCallingCode, mayStripNationalPrefix, rangeTypeOf, type RangeType } from './rangeType';

/** An accepted number after the one libphonenumber parse (internal). */
export interface ParsedPhone {
  e164: string;
  /** true for +1 */
  nanp: boolean;
  /** NANP area code, else '' */
  npa: string;
  /** libphonenumber's country (`PR`, `GG`…), undefined when it cannot tell */
  libCountry: string | undefined;
  /** libphonenumber's range type (`FIXED_LINE_OR_MOBILE` for most NANP numbers) */
  libType: PhoneNumberType | undefined;
}

const INTERNATIONAL = Object.freeze({ extract: false });
const NANP_NATIONAL = /^[2-9]\d{2}[2-9]\d{6}$/;
/** '+' and digits only: what carriers' webhooks send */
const PLAIN_E164 = /^\+\d+$/;

/**
 * The max metadata with every shared calling code narrowed to its main country (+1 → US, +44 → GB …), built
 * once. Parsing with it is libphonenumber's parse minus its last step, telling the countries of a shared code
 * apart, which rebuilds a RegExp from each long type pattern on every call; countryOfSharedCode does that step
 * with compiled patterns instead.
 */
const MAIN_COUNTRY_METADATA: MetadataJson = Object.freeze({
  ...maxMetadata,
  country_calling_codes: Object.freeze(
    Object.fromEntries(Object.entries(maxMetadata.country_calling_codes as Record<string, string[]>).map(([code, countries]) => [code, countries.slice(0, 1)])),
  ),
}) as unknown as MetadataJson;

interface LibParse {
  number: string;
  country?: string;
  countryCallingCode: string;
  nationalNumber: string;
  /** rangeTypeOf(country, countryCallingCode, nationalNumber) when already known */
  range?: RangeType;
}

/**
 * `parsePhoneNumberFromString(input, { extract: false })` for '+digits' input, same answer. The narrowed parse
 * differs only in the country of a shared calling code, which is then found as the library finds it — except
 * when the national-prefix rule matches the digits (e.g. '+440…'): the library also consults the country list
 * while deciding whether to strip that prefix, so such rare input takes the library's own path.
 */
function parsePlainE164(input: string): LibParse | undefined {
  const parsed = parseWithMetadata(input, INTERNATIONAL, MAIN_COUNTRY_METADATA);
  if (!parsed) return undefined;
  const code = parsed.countryCallingCode;
  if (!isSharedCallingCode(code)) return parsed;
  if (mayStripNationalPrefix(code, input.slice(1 + code.length))) return parsePhoneNumberFromString(input, INTERNATIONAL);
  const { number, nationalNumber } = parsed;
  const { country, range } = countryOfSharedCode(code, nationalNumber);
  return { number, countryCallingCode: code, nationalNumber, country, range };
}

/** `us` → `US`; unsupported codes are dropped (then only international input parses) */
export function defaultCountryOf(code: string | undefined): CountryCode | undefined {
  if (code === undefined) return 'US';
  const upper = code.toUpperCase();
  return isSupportedCountry(upper) ? (upper as CountryCode) : undefined;
}

/**
 * One libphonenumber parse (see parsePlainE164) plus one validity check (= `isValid()`, via the precompiled rangeTypeOf).
 * NANP numbers in an NPA libphonenumber does not know yet (NPAS_AHEAD_OF_LIBPHONENUMBER) are
 * accepted when well-formed.
 */
export function parseAccepted(raw: string, defaultCountry: string | undefined): ParsedPhone | null {
  if (typeof raw !== 'string') return null; // untyped workflow data
  const input = raw.trim();
  // E.164-looking input needs no default country (saves its validation on the hot path)
  const parsed: LibParse | undefined = PLAIN_E164.test(input)
    ? parsePlainE164(input)
    : parsePhoneNumberFromString(input, input.startsWith('+') ? INTERNATIONAL : { defaultCountry: defaultCountryOf(defaultCountry), extract: false });
  if (!parsed) return null;
  const { country, countryCallingCode, nationalNumber } = parsed;
  const range = parsed.range ?? rangeTypeOf(country, countryCallingCode, nationalNumber);
  const nanp = countryCallingCode === '1';
  const npa = nanp ? nationalNumber.slice(0, 3) : '';
  if (!range.valid && !(nanp && NPAS_AHEAD_OF_LIBPHONENUMBER.has(npa) && NANP_NATIONAL.test(nationalNumber))) {
    return null;
  }
  return { e164: parsed.number, nanp, npa, libCountry: country, libType: range.type };
}
