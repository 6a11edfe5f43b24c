import type { CrmRequest } from '../transport/crm';

/** Shortest lease of a pending update: the claim's, and the floor of each renewal. */
export const RETRY_LEASE_MIN_MS = 15 * 60_000;

export interface CrmSendOptions {
  timeoutMs: number;
  maxAttempts: number;
  baseDelayMs: number;
}

/**
 * How long a Retry Pending run holds one pending update while it re-sends it: every request the update
 * can take (a search per phone variant, the contact, the task, each note, one to spare), each with all
 * its attempts timing out and the backoff between them; at least RETRY_LEASE_MIN_MS. A lease shorter
 * than the send would let a second run send the update too.
 * @example retryLeaseMs(req, { timeoutMs: 10_000, maxAttempts: 4, baseDelayMs: 1000 }) // 900000 (the floor)
 */
export function retryLeaseMs(req: CrmRequest, o: CrmSendOptions): number {
  const attempts = Math.max(1, Math.floor(o.maxAttempts));
  const perRequest = attempts * Math.max(0, o.timeoutMs) + Math.max(0, o.baseDelayMs) * (2 ** (attempts - 1) - 1);
  const requests = 4 + req.contact.phoneVariants.length + req.notes.length;
  return Math.max(RETRY_LEASE_MIN_MS, Math.ceil(requests * perRequest));
}
