import { parsePhoneNumberFromString, type PhoneNumberType } from 'libphonenumber-js/max';
import { TOLL_FREE_NPAS } from './overlays';
import type { LineType } from './types';

/** Twilio Lookup v2 `line_type_intelligence.type` → LineType; `unknown` and unlisted values are absent
 * (they fall back to the number range) */
const CARRIER_TYPES: ReadonlyMap<string, LineType> = new Map([
  ['landline', 'landline'],
  ['mobile', 'mobile'],
  ['fixedVoip', 'voip'],
  ['nonFixedVoip', 'voip'],
  ['tollFree', 'toll_free'],
  ['personal', 'unknown'],
  ['premium', 'premium'],
  ['sharedCost', 'unknown'],
  ['uan', 'unknown'],
  ['voicemail', 'unknown'],
  ['pager', 'pager'],
]);

const RANGE_TYPES: Partial<Record<PhoneNumberType, LineType>> = {
  MOBILE: 'mobile',
  FIXED_LINE: 'landline',
  VOIP: 'voip',
  TOLL_FREE: 'toll_free',
  PREMIUM_RATE: 'premium',
  PAGER: 'pager',
};

/** internal: carrier type first, then NANP toll-free NPAs, then (outside NANP) libphonenumber's range type */
export function resolveLineType(npa: string, nanp: boolean, libType: PhoneNumberType | undefined, carrierType?: string): LineType {
  const carrier = carrierType === undefined ? undefined : CARRIER_TYPES.get(carrierType);
  if (carrier) return carrier;
  if (nanp) return TOLL_FREE_NPAS.has(npa) ? 'toll_free' : 'unknown';
  return (libType && RANGE_TYPES[libType]) || 'unknown';
}

/**
 * Line type of an E.164 number. A carrier lookup type (Twilio Lookup v2 line_type_intelligence `type`:
 * landline, mobile, fixedVoip, nonFixedVoip, personal, tollFree, premium, …) wins when given. NANP ranges
 * are untyped, so NANP is `unknown` except toll-free NPAs; elsewhere libphonenumber's range type is used.
 * @example lineTypeOf('+13055550123') // 'unknown'
 * @example lineTypeOf('+13055550123', 'mobile') // 'mobile'
 * @example lineTypeOf('+447400123456') // 'mobile'
 */
export function lineTypeOf(e164: string, carrierType?: string): LineType {
  const nanp = e164.startsWith('+1');
  const npa = nanp ? e164.slice(2, 5) : '';
  const needsRange = !nanp && (carrierType === undefined || !CARRIER_TYPES.has(carrierType));
  const libType = needsRange ? parsePhoneNumberFromString(e164)?.getType() : undefined;
  return resolveLineType(npa, nanp, libType, carrierType);
}
