import { DAY_MS } from './enrollmentRefusal';
import type { CarrierLineType, ContactState } from './Ledger';

/** How long a recorded carrier line type is trusted: numbers port (compliance.md §5.4: at most 30 days). */
export const CARRIER_LINE_TYPE_TTL_MS = 30 * DAY_MS;

/** Audit kind of a recorded carrier line type, `{ lineType, source }` (the data audit reads it). */
export const CARRIER_LINE_TYPE_KIND = 'carrier_line_type';

/**
 * The contact's recorded carrier line type while it is younger than 30 days at `now`, else null. One
 * learned after `now` (another main's clock, a Current Time set in the past) counts as young.
 * @example freshCarrierLineType({ carrierLineType: { type: 'landline', at: 0, source: 'twilio_lookup' } }, 29 * DAY_MS) // { type: 'landline', … }
 */
export function freshCarrierLineType(c: Pick<ContactState, 'carrierLineType'> | null, now: number): CarrierLineType | null {
  const l = c?.carrierLineType ?? null;
  return l !== null && now - l.at < CARRIER_LINE_TYPE_TTL_MS ? l : null;
}
