import { CRM_MAX_RETRY_AFTER_MS, PIPEDRIVE_LOOKUP_PAGES, type CrmRequest } from '../transport/crm';

/** Shortest lease of a pending update: the claim's, and the floor of each renewal. */
export const RETRY_LEASE_MIN_MS = 15 * 60_000;

export interface CrmSendOptions {
  timeoutMs: number;
  maxAttempts: number;
  baseDelayMs: number;
}

/**
 * How long a Retry Pending run holds one pending update while it re-sends it: every request the update
 * can take (a search per phone variant, the contact, the look-ups for a task and notes an earlier
 * attempt created, the task, each note, one to spare), each with all
 * its attempts timing out and the longest wait between them (backoff, or a Retry-After up to
 * CRM_MAX_RETRY_AFTER_MS); at least RETRY_LEASE_MIN_MS. A lease shorter
 * than the send would let a second run send the update too.
 * @example retryLeaseMs(req, { timeoutMs: 10_000, maxAttempts: 4, baseDelayMs: 1000 }) // 1040000 for 4 phone variants, no task or notes: 8 requests × (4 × 10 s + 3 × 30 s)
 */
export function retryLeaseMs(req: CrmRequest, o: CrmSendOptions): number {
  const attempts = Math.max(1, Math.floor(o.maxAttempts));
  let waits = 0;
  for (let a = 1; a < attempts; a++) waits += Math.max(Math.max(0, o.baseDelayMs) * 2 ** (a - 1), CRM_MAX_RETRY_AFTER_MS);
  const perRequest = attempts * Math.max(0, o.timeoutMs) + waits;
  // look-ups: Pipedrive reads up to PIPEDRIVE_LOOKUP_PAGES pages each; HubSpot searches 5 notes at a time
  const lookups = (req.task ? PIPEDRIVE_LOOKUP_PAGES : 0) + (req.notes.length ? Math.max(PIPEDRIVE_LOOKUP_PAGES, Math.ceil(req.notes.length / 5)) : 0);
  const requests = 4 + req.contact.phoneVariants.length + req.notes.length + lookups;
  return Math.max(RETRY_LEASE_MIN_MS, Math.ceil(requests * perRequest));
}
