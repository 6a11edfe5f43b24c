import type { PhoneInfo } from '../phone/types';
import { JURISDICTION_BY_ID, NATIONAL_RULE_COUNTRIES } from './jurisdictions';
import type { JurisdictionRule } from './types';

const DEFAULT = JURISDICTION_BY_ID.get('DEFAULT')!;

function addJurisdiction(out: JurisdictionRule[], id: string): void {
  const dash = id.indexOf('-');
  const country = dash < 0 ? id : id.slice(0, dash);
  const national = NATIONAL_RULE_COUNTRIES.has(country) ? JURISDICTION_BY_ID.get(country)! : DEFAULT;
  if (!out.includes(national)) out.push(national);
  if (dash > 0) {
    const own = JURISDICTION_BY_ID.get(id);
    if (own !== undefined && !out.includes(own)) out.push(own);
  }
}

/**
 * Rules applying to a number: for every jurisdiction id (phone's + extra, e.g. 'US-TX' from a known
 * address) its country's rule (US / CA / FR, else the DEFAULT courtesy window) then its own rule if the
 * table has one. No country at all → DEFAULT. Broadest first, no duplicates.
 * @example resolveRules({ …, country: 'US', jurisdictions: ['US', 'US-FL'] }).map((r) => r.id) // ['US', 'US-FL']
 */
export function resolveRules(phone: PhoneInfo | null, extraJurisdictions?: readonly string[]): JurisdictionRule[] {
  const out: JurisdictionRule[] = [];
  if (phone) {
    if (phone.country) addJurisdiction(out, phone.country);
    for (let i = 0; i < phone.jurisdictions.length; i++) addJurisdiction(out, phone.jurisdictions[i]!);
  }
  if (extraJurisdictions) for (let i = 0; i < extraJurisdictions.length; i++) addJurisdiction(out, extraJurisdictions[i]!);
  if (out.length === 0) out.push(DEFAULT);
  return out;
}
