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
  return {
    national: whole(plan.nationalNumberPattern()),
    hasTypes: plan.hasTypes(),
    fixedLine: typed('FIXED_LINE'),
    mobile: others.find((t) => t.type === 'MOBILE'),
    others,
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
