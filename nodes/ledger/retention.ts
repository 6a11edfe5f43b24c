/**
 * Retention of the ledger's records (Ledger.prune): what each kind keeps by default, the floors no
 * caller may go below, and the cutoffs of one run. Pure: `now` comes from the caller.
 *
 * Compliance records are no kind here and are never pruned: opt-outs and consent (on the contact) and
 * email suppressions (recordEmailSuppression) stay until someone lifts them (opt-in,
 * clearEmailSuppression), also once the audit entries that recorded them are pruned.
 */
import { MAX_CONVERSATION_WINDOW_DAYS } from './conversationWindow';
import { LedgerError } from './LedgerError';
import { assertInstant } from './validate';

const DAY_MS = 86_400_000;

/** Days each kind of record is kept after it stopped mattering. */
export interface RetentionDays {
  /** provider-retry dedupe keys (`call:…`, `inbound:…`), counted from the claim */
  dedupeKeys: number;
  /** call events, counted from their arrival */
  callEvents: number;
  /** resolved pending calls, counted from their resolution */
  pendingCalls: number;
  /** completed or exited enrollments (with their touches), counted from their end */
  enrollments: number;
  /** audit trail entries, counted from their instant */
  auditTrail: number;
  /**
   * contacts that hold nothing but a conversation (recordConversation of a number never dealt with
   * otherwise), counted from that conversation
   */
  conversationContacts: number;
}

/**
 * Defaults, with wide margins:
 * - dedupeKeys 30: a key only has to outlive the provider's retries of its call. Signed deliveries
 *   (Zoom, Dialpad, Vonage) older than the trigger's replay window (default 300 s) are refused anyway;
 *   the others (Twilio, Aircall, RingCentral) retry for minutes to hours. 30 days is ~100× that, and a
 *   late retry of a call that did enroll is still refused by the enrollment (`duplicate_call`).
 * - pendingCalls 30: a resolved pending call is the other half of the same guard (a late provisional
 *   event does not park the call again), so it is kept as long as the dedupe key.
 * - callEvents and enrollments 400: the KPI report reads enrollments created in its window, their
 *   touches and the call events since its start (call-backs); 400 days (13 months) keeps every window
 *   of the last year complete, year-over-year month comparisons included.
 * - auditTrail 1826 (5 years): TCPA claims can come up to 4 years after a message; the audit trail is
 *   the evidence of consent, opt-outs and every send.
 * - conversationContacts 60: such a row only feeds the In-Conversation Window (enrollmentRefusal), at
 *   most 30 days (MAX_CONVERSATION_WINDOW_DAYS, also the floor, so no period can shorten a window);
 *   twice that as the margin. The call itself stays in call_events (400 days).
 */
export const RETENTION_DEFAULTS: Readonly<RetentionDays> = {
  dedupeKeys: 30,
  callEvents: 400,
  pendingCalls: 30,
  enrollments: 400,
  auditTrail: 1826,
  conversationContacts: 60,
};

/**
 * Floors: 1 day for operational rows; 4 years (1461 days, the TCPA limitation period) for the audit
 * trail; the longest In-Conversation Window for conversation-only contacts.
 */
export const RETENTION_MINIMUMS: Readonly<RetentionDays> = {
  dedupeKeys: 1,
  callEvents: 1,
  pendingCalls: 1,
  enrollments: 1,
  auditTrail: 1461,
  conversationContacts: MAX_CONVERSATION_WINDOW_DAYS,
};

export const PRUNE_BATCH_DEFAULT = 1000;
export const PRUNE_BATCH_MAX = 10_000;
export const PRUNE_MAX_BATCHES_DEFAULT = 100;

export interface PruneQuery {
  now: number;
  /** days kept per kind; a missing kind keeps its default (RETENTION_DEFAULTS) */
  days?: Partial<RetentionDays>;
  /** rows deleted per transaction (1–10 000, default 1000); enrollments count, their touches go with them */
  batchSize?: number;
  /** most batches per kind in one call (default 100); more left is reported as `complete: false` */
  maxBatches?: number;
  /** only count what would be pruned (nothing changes, nothing is audited) */
  dryRun?: boolean;
}

/** Rows pruned (or, in a dry run, prunable) per kind. */
export interface PruneCounts {
  dedupeKeys: number;
  callEvents: number;
  pendingCalls: number;
  enrollments: number;
  touches: number;
  auditEntries: number;
  /** retry leases that ran out (claimPendingRecords); no period: pruned once expired */
  retryLeases: number;
  conversationContacts: number;
}

export interface PruneResult {
  dryRun: boolean;
  days: RetentionDays;
  /** per kind: rows from before this instant are pruned */
  cutoffs: Record<keyof RetentionDays, number>;
  counts: PruneCounts;
  /** false when a kind stopped at maxBatches with rows left (run it again) */
  complete: boolean;
}

export interface PrunePlan {
  days: RetentionDays;
  cutoffs: Record<keyof RetentionDays, number>;
  batchSize: number;
  maxBatches: number;
  dryRun: boolean;
}

const KINDS = Object.keys(RETENTION_DEFAULTS) as (keyof RetentionDays)[];

/** Validates a prune query (LedgerError `invalid_argument`) and computes its cutoffs. */
export function prunePlan(q: PruneQuery): PrunePlan {
  assertInstant(q.now, 'now');
  const days = { ...RETENTION_DEFAULTS } as RetentionDays;
  const cutoffs = {} as Record<keyof RetentionDays, number>;
  for (const k of KINDS) {
    const d = q.days?.[k] ?? RETENTION_DEFAULTS[k];
    if (!Number.isSafeInteger(d) || d < RETENTION_MINIMUMS[k]) {
      throw new LedgerError('invalid_argument', `days.${k} must be a whole number of days, at least ${RETENTION_MINIMUMS[k]}.`);
    }
    days[k] = d;
    cutoffs[k] = q.now - d * DAY_MS;
  }
  const batchSize = q.batchSize ?? PRUNE_BATCH_DEFAULT;
  if (!Number.isSafeInteger(batchSize) || batchSize < 1 || batchSize > PRUNE_BATCH_MAX) {
    throw new LedgerError('invalid_argument', `batchSize must be an integer from 1 to ${PRUNE_BATCH_MAX}.`);
  }
  const maxBatches = q.maxBatches ?? PRUNE_MAX_BATCHES_DEFAULT;
  if (!Number.isSafeInteger(maxBatches) || maxBatches < 1) throw new LedgerError('invalid_argument', 'maxBatches must be a positive integer.');
  return { days, cutoffs, batchSize, maxBatches, dryRun: q.dryRun === true };
}
