import fc from 'fast-check';
import { getCountries, getCountryCallingCode, getExampleNumber, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/examples.mobile.json';
import { describe, expect, it } from 'vitest';
import { analyzePhone, type PhoneInfo } from '../../../shared/phone';
import { resolveLineType } from '../../../shared/phone/lineTypeOf';
import { NPAS_AHEAD_OF_LIBPHONENUMBER } from '../../../shared/phone/overlays';
import { defaultCountryOf, parseAccepted, type ParsedPhone } from '../../../shared/phone/parse';
import { rangeTypeOf } from '../../../shared/phone/rangeType';
import { resolveRegion } from '../../../shared/phone/regionForNumber';
import { zonesForDigits } from '../../../shared/phone/zonesForNumber';

/**
 * The parse before the narrowed-metadata fast path, kept verbatim as the oracle: one plain
 * libphonenumber-js parse (which tells the countries of +1, +44, +7 … apart itself) plus rangeTypeOf.
 */
function oracle(raw: string, defaultCountry: string | undefined): ParsedPhone | null {
  const input = raw.trim();
  const options = input.startsWith('+') ? { extract: false } : { defaultCountry: defaultCountryOf(defaultCountry), extract: false };
  const parsed = parsePhoneNumberFromString(input, options);
  if (!parsed) return null;
  const { country, countryCallingCode, nationalNumber } = parsed;
  const range = rangeTypeOf(country, countryCallingCode, nationalNumber);
  const nanp = countryCallingCode === '1';
  const npa = nanp ? nationalNumber.slice(0, 3) : '';
  if (!range.valid && !(nanp && NPAS_AHEAD_OF_LIBPHONENUMBER.has(npa) && /^[2-9]\d{2}[2-9]\d{6}$/.test(nationalNumber))) return null;
  return { e164: parsed.number, nanp, npa, libCountry: country, libType: range.type };
}

/** analyzePhone before the per-region jurisdiction lists, on the oracle parse */
function oracleAnalyze(input: string): PhoneInfo | null {
  const parsed = oracle(input, undefined);
  if (!parsed) return null;
  const { region } = resolveRegion(parsed.npa, parsed.libCountry);
  const jurisdictions: string[] = [];
  if (region.country) {
    jurisdictions.push(region.country);
    for (const sub of region.subdivisions) jurisdictions.push(`${region.country}-${sub}`);
  }
  return {
    e164: parsed.e164,
    country: region.country,
    subdivision: region.subdivision,
    jurisdictions,
    lineType: resolveLineType(parsed.npa, parsed.nanp, parsed.libType),
    zones: zonesForDigits(parsed.e164.slice(1), 'npa').slice(),
  };
}

const same = (input: string, defaultCountry?: string) =>
  expect({ input, parsed: parseAccepted(input, defaultCountry) }).toEqual({ input, parsed: oracle(input, defaultCountry) });

/** every calling code, the shared ones (several countries: +1, +7, +44, +590 …) first */
const CODES = [...new Set(getCountries().map((c) => getCountryCallingCode(c)))].sort();
const SHARED = CODES.filter((code) => getCountries().filter((c) => getCountryCallingCode(c) === code).length > 1);

describe('parseAccepted (narrowed metadata + compiled country detection) = plain libphonenumber-js parse', () => {
  it('has shared calling codes to check', () => {
    expect(SHARED).toEqual(expect.arrayContaining(['1', '7', '44', '61', '590', '599']));
  });

  it('agrees on every NANP area code (US, CA and the Caribbean countries), with and without a leading 1', () => {
    for (let npa = 200; npa <= 999; npa++) {
      for (const rest of ['2015550', '5550123', '9990000', '0123456', '1234567']) {
        same(`+1${npa}${rest}`);
        same(`+11${npa}${rest}`); // national prefix 1 after +1
      }
    }
  });

  it('agrees where stripping a national prefix depends on the country (+1 1 310…: a 7-digit Canadian UAN)', () => {
    for (const input of ['+113101234', '+113105555', '+13101234', '+4407911123456', '+4401481123456', '+6101831123456', '+788005553535']) same(input);
    expect(parseAccepted('+113101234', undefined)?.libCountry).toBe('CA');
  });

  it('agrees on the example mobile number of every country, also with a national prefix or 0 after the calling code', () => {
    for (const country of getCountries()) {
      const example = getExampleNumber(country as CountryCode, examples);
      if (!example) continue;
      const code = example.countryCallingCode;
      same(example.number);
      for (const prefix of ['0', '1', '8', '00']) same(`+${code}${prefix}${example.nationalNumber}`);
    }
  });

  it('agrees on random digits after every shared calling code', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SHARED), fc.stringMatching(/^\d{0,15}$/), (code, digits) => {
        same(`+${code}${digits}`);
      }),
      { numRuns: 20_000, seed: 7 },
    );
  });

  it('agrees on random digits after any calling code', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CODES), fc.stringMatching(/^\d{4,13}$/), (code, digits) => {
        same(`+${code}${digits}`);
      }),
      { numRuns: 5_000, seed: 11 },
    );
  });

  it('analyzePhone agrees with the oracle parse on every NANP area code and every country example', () => {
    const inputs = [...Array.from({ length: 800 }, (_, i) => `+1${200 + i}5550123`), '+17875550123', '+19395550123', '+16715550123'];
    for (const country of getCountries()) {
      const example = getExampleNumber(country as CountryCode, examples);
      if (example) inputs.push(example.number);
    }
    for (const input of inputs) expect({ input, info: analyzePhone(input) }).toEqual({ input, info: oracleAnalyze(input) });
  });

  it('agrees on formatted and national input (the unchanged path)', () => {
    for (const [input, dc] of [
      ['(850) 555-0123', undefined], ['1-729-555-0123', undefined], ['07400 123456', 'GB'], ['+1 416 555 0123', undefined],
      [' +14165550123 ', undefined], ['+44 7911 123456', undefined], ['416-555-0123', 'CA'], ['+1 (212) 555-0123 ext. 7', undefined],
    ] as const) same(input, dc);
  });
});
