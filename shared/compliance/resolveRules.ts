import type { PhoneInfo } from '../phone/types';
import { JURISDICTION_BY_ID, NATIONAL_RULE_COUNTRIES } from './jurisdictions';
import type { JurisdictionRule } from './types';

const DEFAULT = JURISDICTION_BY_ID.get('DEFAULT')!;

/** The rules one jurisdiction id brings: its country's (or DEFAULT), then its own when the table has one. */
function rulesOf(id: string): readonly JurisdictionRule[] {
  const dash = id.indexOf('-');
  const country = dash < 0 ? id : id.slice(0, dash);
  const national = NATIONAL_RULE_COUNTRIES.has(country) ? JURISDICTION_BY_ID.get(country)! : DEFAULT;
  const own = dash > 0 ? JURISDICTION_BY_ID.get(id) : undefined;
  return Object.freeze(own === undefined ? [national] : [national, own]);
}

// memo of rulesOf (a pure function of the id over the immutable tables); ids come from the phone tables
// (a few hundred) and callers' extraJurisdictions, so it stops growing at MEMO_MAX and computes the rest
const MEMO_MAX = 2048;
const memo = new Map<string, readonly JurisdictionRule[]>();

function addJurisdiction(out: JurisdictionRule[], id: string): void {
  let rules = memo.get(id);
  if (rules === undefined) {
    rules = rulesOf(id);
    if (memo.size < MEMO_MAX) memo.set(id, rules);
  }
  for (let i = 0; i < rules.length; i++) if (!out.includes(rules[i]!)) out.push(rules[i]!);
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
