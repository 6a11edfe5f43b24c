import { freshCarrierLineType, type Ledger } from '../../ledger';

/** Source recorded with a line type that Twilio Lookup answered. */
export const TWILIO_LOOKUP_SOURCE = 'twilio_lookup';

export interface CallerLineTypeDeps {
  ledger: Ledger;
  now: number;
  /** Twilio Lookup v2 `line_type_intelligence.type`; null when the lookup failed or had no answer */
  lookupLineType: (e164: string) => Promise<string | null>;
}

/**
 * The caller's carrier line type: the one on record in the ledger while it is younger than 30 days at
 * `now` (freshCarrierLineType), else a Twilio Lookup whose answer is recorded for the next calls and
 * for the Consent Gate (one paid lookup per number per 30 days). Null when neither knows; a failed
 * lookup records nothing. The ledger is only a cache here: a failed read looks the number up, a
 * failed write loses the cache, never the call.
 * @example await callerLineType('+13055550123', { ledger, now, lookupLineType }) // 'landline'
 */
export async function callerLineType(e164: string, deps: CallerLineTypeDeps): Promise<string | null> {
  const stored = await deps.ledger.contact(e164).then(
    (c) => freshCarrierLineType(c, deps.now),
    () => null,
  );
  if (stored) return stored.type;
  const type = await deps.lookupLineType(e164);
  if (type !== null) {
    await deps.ledger.recordCarrierLineType(e164, { type, source: TWILIO_LOOKUP_SOURCE, now: deps.now }).catch(() => undefined);
  }
  return type;
}
