import fc from 'fast-check';
import { getCountries, getExampleNumber, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/examples.mobile.json';
import { describe, expect, it } from 'vitest';
import { rangeTypeOf } from '../../../shared/phone/rangeType';

/** what the library itself says; rangeTypeOf must agree exactly */
function compare(e164: string) {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return;
  const ours = rangeTypeOf(parsed.country, parsed.countryCallingCode, parsed.nationalNumber);
  expect({ e164, ...ours }).toEqual({ e164, valid: parsed.isValid(), type: parsed.getType() });
}

describe('rangeTypeOf (precompiled libphonenumber-js getType/isValid)', () => {
  it('agrees with the library on every NANP area code', () => {
    for (let npa = 200; npa <= 999; npa++) for (const rest of ['2015550', '5550123', '9990000']) compare(`+1${npa}${rest}`);
  });

  it('agrees with the library on the example mobile number of every country', () => {
    for (const country of getCountries()) {
      const example = getExampleNumber(country, examples);
      if (example) compare(example.number);
    }
  });

  it('agrees with the library on random numbers in many calling codes', () => {
    const codes = ['1', '7', '33', '44', '49', '52', '55', '61', '81', '86', '91', '234', '353', '800', '870', '882', '971'];
    fc.assert(
      fc.property(fc.constantFrom(...codes), fc.stringMatching(/^\d{4,12}$/), (code, digits) => compare(`+${code}${digits}`)),
      { numRuns: 3000, seed: 42 },
    );
  });
});
