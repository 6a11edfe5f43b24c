import { resolveLineType } from './lineTypeOf';
import { parseAccepted } from './parse';
import { resolveRegion } from './regionForNumber';
import type { PhoneInfo } from './types';
import { zonesForDigits } from './zonesForNumber';

export interface AnalyzePhoneOptions {
  /** ISO 3166-1 alpha-2 used for national-format input; default `US` */
  defaultCountry?: string;
  /** carrier lookup line type (Twilio Lookup v2 line_type_intelligence `type`), when known */
  carrierLineType?: string;
}

/**
 * Everything the policy needs about one number, from a single libphonenumber parse: E.164, country,
 * state/province, jurisdictions (broadest first), line type and candidate zones (`npa` union).
 * Null when the number is not valid — except well-formed numbers in NPAs libphonenumber-js does
 * not know yet (729, see overlays.ts), which are analyzed from our tables.
 * @example analyzePhone('(850) 555-0123')
 * // { e164: '+18505550123', country: 'US', subdivision: 'FL', jurisdictions: ['US', 'US-FL'],
 * //   lineType: 'unknown', zones: ['America/Chicago', 'America/New_York'] }
 */
export function analyzePhone(input: string, opts?: AnalyzePhoneOptions): PhoneInfo | null {
  const parsed = parseAccepted(input, opts?.defaultCountry);
  if (!parsed) return null;
  const { region, jurisdictions } = resolveRegion(parsed.npa, parsed.libCountry);
  return {
    e164: parsed.e164,
    country: region.country,
    subdivision: region.subdivision,
    jurisdictions: jurisdictions.slice(),
    lineType: resolveLineType(parsed.npa, parsed.nanp, parsed.libType, opts?.carrierLineType),
    zones: zonesForDigits(parsed.e164.slice(1), 'npa').slice(),
  };
}
