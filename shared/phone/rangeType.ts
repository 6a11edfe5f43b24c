import { Metadata, type CountryCode, type PhoneNumberType } from 'libphonenumber-js/core';
import maxMetadata from 'libphonenumber-js/metadata.max.json';

/**
 * libphonenumber-js `PhoneNumber.getType()` / `isValid()` with the metadata's regular expressions
 * compiled once per numbering plan. The library rebuilds a `RegExp` from its (long) pattern string on
 * every call, which costs as much as the parse itself; this keeps the gate within its budget.
 * Same algorithm as libphonenumber-js `helpers/getNumberType.js` (1.13.x), pinned by a differential
 * test against the library (test/shared/phone/rangeType.test.ts).
 */

/** the subset of libphonenumber-js's (untyped) NumberingPlan we read */
interface PlanView {
  nationalNumberPattern(): string;
  leadingDigits(): string | undefined;
  nationalPrefixForParsing(): string | undefined;
  hasTypes(): boolean;
  type(type: PhoneNumberType): { pattern(): string; possibleLengths(): number[] | undefined } | undefined;
}

interface CompiledType {
  type: PhoneNumberType;
  pattern: RegExp;
  lengths: readonly number[] | undefined;
}

interface CompiledPlan {
  national: RegExp;
  hasTypes: boolean;
  fixedLine: CompiledType | undefined;
  /** MOBILE pattern, or undefined when the plan has no (or an empty) mobile pattern */
  mobile: CompiledType | undefined;
  /** MOBILE and the other non-fixed types, in libphonenumber's order */
  others: readonly CompiledType[];
  /** the plan's `leading_digits` (what tells the countries of a shared calling code apart), if any */
  leadingDigits: RegExp | undefined;
  /** `^(?:national_prefix_for_parsing)`, if the plan has one */
  nationalPrefix: RegExp | undefined;
}

const NON_FIXED_LINE_TYPES: readonly PhoneNumberType[] = [
  'MOBILE', 'PREMIUM_RATE', 'TOLL_FREE', 'SHARED_COST', 'VOIP', 'PERSONAL_NUMBER', 'PAGER', 'UAN', 'VOICEMAIL',
];

const whole = (pattern: string) => new RegExp(`^(?:${pattern})$`);

function compile(plan: PlanView): CompiledPlan {
  const typed = (type: PhoneNumberType): CompiledType | undefined => {
    const def = plan.hasTypes() ? plan.type(type) : undefined;
    const pattern = def?.pattern();
    return def && pattern ? { type, pattern: whole(pattern), lengths: def.possibleLengths() } : undefined;
  };
  const others = NON_FIXED_LINE_TYPES.map(typed).filter((t): t is CompiledType => t !== undefined);
  const leadingDigits = plan.leadingDigits();
  const nationalPrefix = plan.nationalPrefixForParsing();
  return {
    national: whole(plan.nationalNumberPattern()),
    hasTypes: plan.hasTypes(),
    fixedLine: typed('FIXED_LINE'),
    mobile: others.find((t) => t.type === 'MOBILE'),
    others,
    leadingDigits: leadingDigits ? new RegExp(leadingDigits) : undefined,
    nationalPrefix: nationalPrefix ? new RegExp(`^(?:${nationalPrefix})`) : undefined,
  };
}

const matches = (t: CompiledType | undefined, nn: string): boolean =>
  t !== undefined && (t.lengths === undefined || t.lengths.includes(nn.length)) && t.pattern.test(nn);

// memo of compiled plans keyed by country or calling code: pure, grows to at most ~250 entries
const plans = new Map<string, CompiledPlan>();
const metadata = new Metadata(maxMetadata);

function planOf(key: string): CompiledPlan {
  let plan = plans.get(key);
  if (!plan) {
    metadata.selectNumberingPlan(key as CountryCode);
    plan = compile(metadata.numberingPlan as unknown as PlanView);
    plans.set(key, plan);
  }
  return plan;
}

/** What libphonenumber-js would answer for `getType()` and `isValid()`. */
export interface RangeType {
  valid: boolean;
  type: PhoneNumberType | undefined;
}

/** `country` as libphonenumber parsed it (else the calling code selects the plan, as the library does) */
export function rangeTypeOf(country: string | undefined, callingCode: string, nationalNumber: string): RangeType {
  const plan = planOf(country ?? callingCode);
  if (!plan.national.test(nationalNumber)) return { valid: false, type: undefined };
  if (!plan.hasTypes) return { valid: true, type: undefined };
  let type: PhoneNumberType | undefined;
  if (matches(plan.fixedLine, nationalNumber)) {
    type = !plan.mobile || matches(plan.mobile, nationalNumber) ? 'FIXED_LINE_OR_MOBILE' : 'FIXED_LINE';
  } else {
    type = plan.others.find((t) => matches(t, nationalNumber))?.type;
  }
  return { valid: type !== undefined, type };
}

/** calling code → its countries, main country first, for the calling codes several countries share (+1, +44, +7 …) */
const SHARED_CALLING_CODES: ReadonlyMap<string, readonly string[]> = new Map(
  Object.entries(maxMetadata.country_calling_codes as Record<string, string[]>).filter(([, countries]) => countries.length > 1),
);

/** True when several countries share `callingCode` (the parse must then tell them apart by the national number). */
export function isSharedCallingCode(callingCode: string): boolean {
  return SHARED_CALLING_CODES.has(callingCode);
}

/** The country libphonenumber picks for a number of a shared calling code, with its range type when that was how it matched. */
export interface SharedCodeCountry {
  country: string | undefined;
  /** rangeTypeOf(country, …), when the country was found by its number types (saves computing it twice) */
  range: RangeType | undefined;
}

const NO_COUNTRY: SharedCodeCountry = Object.freeze({ country: undefined, range: undefined });

/**
 * libphonenumber-js `getCountryByCallingCode()` (helpers/getCountryByNationalNumber.js, 1.13.x) with the
 * patterns compiled once: the first country of `callingCode` whose leading digits start `nationalNumber`
 * or, for a country without leading digits, whose number types match it; no country when none does.
 * The library rebuilds each (long) type pattern on every parse of a +1 or +44 number.
 */
export function countryOfSharedCode(callingCode: string, nationalNumber: string): SharedCodeCountry {
  const countries = SHARED_CALLING_CODES.get(callingCode);
  if (countries === undefined) return NO_COUNTRY;
  for (let i = 0; i < countries.length; i++) {
    const country = countries[i]!;
    const plan = planOf(country);
    if (plan.leadingDigits) {
      if (nationalNumber && nationalNumber.search(plan.leadingDigits) === 0) return { country, range: undefined };
    } else {
      const range = rangeTypeOf(country, callingCode, nationalNumber);
      if (range.type !== undefined) return { country, range };
    }
  }
  return NO_COUNTRY;
}

/**
 * True when the national-prefix rule of `callingCode`'s main country matches the start of `digits` (the digits
 * after the calling code): only then does libphonenumber's parse look at the country list a second time.
 */
export function mayStripNationalPrefix(callingCode: string, digits: string): boolean {
  const main = SHARED_CALLING_CODES.get(callingCode)?.[0];
  const prefix = main === undefined ? undefined : planOf(main).nationalPrefix;
  return prefix !== undefined && prefix.test(digits);
}
