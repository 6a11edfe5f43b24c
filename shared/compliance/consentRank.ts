import type { Consent } from './types';

/** Consent levels, weakest first: each one covers what the ones before it cover. */
export const CONSENT_LEVELS: readonly Consent[] = ['none', 'informational', 'marketing', 'written'];

/**
 * The position of a consent level in CONSENT_LEVELS (none 0 … written 3).
 * @example consentRank('marketing') < consentRank('written') // true
 */
export function consentRank(c: Consent): number {
  return CONSENT_LEVELS.indexOf(c);
}
