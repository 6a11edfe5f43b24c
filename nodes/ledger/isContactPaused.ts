import type { ContactState } from './Ledger';

/**
 * Whether the contact's pause is in force at `now` (indefinite, or until a later instant).
 * @example isContactPaused({ ...state, pause: { until: 2000, reason: 'vacation', since: 0 } }, 1999) // true
 */
export function isContactPaused(c: Pick<ContactState, 'pause'>, now: number): boolean {
  return c.pause !== null && (c.pause.until === null || c.pause.until > now);
}
