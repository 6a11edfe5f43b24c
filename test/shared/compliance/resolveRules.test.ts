import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JURISDICTIONS, JURISDICTION_BY_ID, NATIONAL_RULE_COUNTRIES, resolveRules, type JurisdictionRule } from '../../../shared/compliance';
import { analyzePhone, type PhoneInfo } from '../../../shared/phone';

/** resolveRules before its per-id memo, kept verbatim as the oracle */
function oracle(phone: PhoneInfo | null, extraJurisdictions?: readonly string[]): string[] {
  const DEFAULT = JURISDICTION_BY_ID.get('DEFAULT')!;
  const out: JurisdictionRule[] = [];
  const add = (id: string) => {
    const dash = id.indexOf('-');
    const country = dash < 0 ? id : id.slice(0, dash);
    const national = NATIONAL_RULE_COUNTRIES.has(country) ? JURISDICTION_BY_ID.get(country)! : DEFAULT;
    if (!out.includes(national)) out.push(national);
    if (dash > 0) {
      const own = JURISDICTION_BY_ID.get(id);
      if (own !== undefined && !out.includes(own)) out.push(own);
    }
  };
  if (phone) {
    if (phone.country) add(phone.country);
    for (const id of phone.jurisdictions) add(id);
  }
  for (const id of extraJurisdictions ?? []) add(id);
  if (out.length === 0) out.push(DEFAULT);
  return out.map((r) => r.id);
}

const ids = (phone: PhoneInfo | null, extra?: readonly string[]) => resolveRules(phone, extra).map((r) => r.id);

/** every id of the rule table, the countries, and ids no rule has */
const KNOWN = [...JURISDICTIONS.map((r) => r.id), 'US-NY', 'US-XX', 'CA-ON', 'CA-BC', 'FR-75', 'GB', 'GG', 'DE-BY', '-US', 'US-', 'us-tx', ''];

describe('resolveRules (memoized per jurisdiction id) = the unmemoized algorithm', () => {
  it('agrees for every NANP area code and a few other countries', () => {
    for (let npa = 200; npa <= 999; npa++) {
      const phone = analyzePhone(`+1${npa}5550123`);
      expect({ npa, ids: ids(phone) }).toEqual({ npa, ids: oracle(phone) });
    }
    for (const e164 of ['+442071838750', '+447911123456', '+33612345678', '+4915123456789']) expect(ids(analyzePhone(e164))).toEqual(oracle(analyzePhone(e164)));
    expect(ids(null)).toEqual(['DEFAULT']);
  });

  it('agrees for random phones and extra jurisdictions, also once the memo is full', () => {
    const id = fc.oneof(fc.constantFrom(...KNOWN), fc.stringMatching(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/), fc.string({ maxLength: 6 }));
    const phone = fc.record({
      e164: fc.constant('+10000000000'),
      country: fc.option(fc.constantFrom('US', 'CA', 'FR', 'GB', 'MX'), { nil: null }),
      subdivision: fc.constant(null),
      jurisdictions: fc.array(id, { maxLength: 4 }),
      lineType: fc.constant('mobile' as const),
      zones: fc.constant<string[]>([]),
    });
    // 6000 runs of up to 7 ids: far more distinct ids than the memo keeps
    fc.assert(
      fc.property(fc.option(phone, { nil: null }), fc.option(fc.array(id, { maxLength: 3 }), { nil: undefined }), (p, extra) => {
        expect(ids(p, extra)).toEqual(oracle(p, extra));
      }),
      { numRuns: 6000, seed: 5 },
    );
  });
});
