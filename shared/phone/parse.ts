import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode, type PhoneNumberType } from 'libphonenumber-js/max';
import { NPAS_AHEAD_OF_LIBPHONENUMBER } from './overlays';
import { rangeTypeOf } from './rangeType';

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

/** `us` → `US`; unsupported codes are dropped (then only international input parses) */
export function defaultCountryOf(code: string | undefined): CountryCode | undefined {
  if (code === undefined) return 'US';
  const upper = code.toUpperCase();
  return isSupportedCountry(upper) ? (upper as CountryCode) : undefined;
}

/**
 * One libphonenumber parse plus one validity check (= `isValid()`, via the precompiled rangeTypeOf).
 * NANP numbers in an NPA libphonenumber does not know yet (NPAS_AHEAD_OF_LIBPHONENUMBER) are
 * accepted when well-formed.
 */
export function parseAccepted(raw: string, defaultCountry: string | undefined): ParsedPhone | null {
  if (typeof raw !== 'string') return null; // untyped workflow data
  const input = raw.trim();
  // E.164-looking input needs no default country (saves its validation on the hot path)
  const options = input.startsWith('+') ? INTERNATIONAL : { defaultCountry: defaultCountryOf(defaultCountry), extract: false };
  const parsed = parsePhoneNumberFromString(input, options);
  if (!parsed) return null;
  const { country, countryCallingCode, nationalNumber } = parsed;
  const range = rangeTypeOf(country, countryCallingCode, nationalNumber);
  const nanp = countryCallingCode === '1';
  const npa = nanp ? nationalNumber.slice(0, 3) : '';
  if (!range.valid && !(nanp && NPAS_AHEAD_OF_LIBPHONENUMBER.has(npa) && NANP_NATIONAL.test(nationalNumber))) {
    return null;
  }
  return { e164: parsed.number, nanp, npa, libCountry: country, libType: range.type };
}
