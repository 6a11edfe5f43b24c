/**
 * The durable ledger: the one place where state shared by every workflow, execution, main and
 * worker lives (dedupe keys, contacts, consent, opt-outs, replies, enrollments, touches, audit).
 * Two backends implement it (embedded SQLite, Postgres) and pass one contract suite.
 *
 * Conventions: phone numbers are E.164; instants are epoch milliseconds; every method that
 * changes or judges state takes `now` from the caller (never reads the clock).
 */

import type { DeliveryState } from '../../shared/delivery';
import type { Language } from '../../shared/schema/sequenceTemplate';

export type ConsentLevel = 'informational' | 'marketing' | 'written';
export type OptOutChannel = 'sms' | 'email' | 'all';

/** Channel of a touch. `sms`/`email` are stopped by an opt-out of that channel; any other
 * value (or null, e.g. a CRM callback task) is stopped by an opt-out of either channel. */
export type TouchChannel = 'sms' | 'email' | (string & {});

export type EnrollmentStatus = 'active' | 'completed' | 'exited';

/**
 * pending → claimed (lease) → sending (beginSend said `go`) → sent | failed;
 * pending/claimed → blocked | skipped | manual (gate decided) | cancelled (enrollment ended,
 * contact replied or opted out). `failed` may be rescheduled; the others are final.
 * A touch left `sending` past the send lease is settled as `failed` with reason `outcome_unknown`
 * and detail `{ outcome: 'unknown' }` (never re-sent; see settleStrandedTouches).
 */
export type TouchStatus =
  | 'pending'
  | 'claimed'
  | 'sending'
  | 'sent'
  | 'failed'
  | 'blocked'
  | 'skipped'
  | 'manual'
  | 'cancelled';

export type TouchOutcome = 'sent' | 'failed' | 'blocked' | 'skipped' | 'manual';

export type ReentryPolicy =
  | { policy: 'never' }
  | { policy: 'after_completion' }
  | { policy: 'after_days'; days: number };

export type EnrollRefusal = 'duplicate_call' | 'active_enrollment' | 'in_conversation' | 'reentry_blocked' | 'opted_out';

/** Why a touch may not go out now. The first four are permanent (the touch is cancelled);
 * the pauses are temporary (the touch goes back to pending). */
export type TouchStop =
  | 'enrollment_exited'
  | 'enrollment_completed'
  | 'opted_out'
  | 'replied'
  | 'contact_paused'
  | 'template_paused';

/** Audit kind of setContactLanguage: `{ language, previous, source }`. */
export const CONTACT_LANGUAGE_KIND = 'contact_language';

/** Audit kind of recordEmailSuppression's first record of an address: `{ email, source, code, touchId }`. */
export const EMAIL_SUPPRESSED_KIND = 'email_suppressed';

/** Audit kind of clearEmailSuppression: `{ email, reason, previous }` (`previous`: the suppression cleared, or null). */
export const EMAIL_SUPPRESSION_CLEARED_KIND = 'email_suppression_cleared';

/** Reason stored on a touch whose send outcome is unknown (left `sending` past the send lease). */
export const OUTCOME_UNKNOWN = 'outcome_unknown';

/** What follows a settled touch in its enrollment (answered by the caller of settleStrandedTouches). */
export type NextAfterTouch =
  | { kind: 'step'; stepId: string; dueAt: number; channel?: TouchChannel | null }
  | { kind: 'last' }
  | { kind: 'exit'; reason: string };

/** The step after `touch`, counted from `from` (when the touch was done). Synchronous and pure: it
 * runs inside the ledger's transaction. A throw exits the enrollment (`next_step_error`). */
export type NextFn = (x: { enrollment: Enrollment; touch: Touch; from: number }) => NextAfterTouch;

/**
 * What moving a sequence on after a done touch did. `exit` (from `next`) ends the enrollment even
 * while it has other open touches; a step or `last` waits for them (`open_touch`). A step that already
 * has a touch is never scheduled twice (`already_scheduled`, with that touch).
 */
export type SequenceMove =
  | { action: 'scheduled'; touch: Touch }
  | { action: 'completed' }
  | { action: 'exited'; reason: string }
  | { action: 'none'; why: 'enrollment_ended' | 'open_touch' | 'already_scheduled'; touch?: Touch };

/** What completeTouch did. */
export interface CompletedTouch {
  /** the touch after completion */
  touch: Touch;
  /** true when the touch already had this outcome (a retried completion: nothing was recorded again) */
  retried: boolean;
  /** the move-on done in the same transaction; null when no `next` was given */
  sequence: SequenceMove | null;
}

/** The outcome completeTouch records (see there for `audit`). */
export interface TouchCompletion {
  status: TouchOutcome;
  provider?: string;
  providerMessageId?: string;
  detail?: unknown;
  now: number;
  audit?: (done: CompletedTouch) => { kind: string; data: unknown };
}

export interface RepairQuery {
  now: number;
  /** most enrollments repaired by one call */
  limit: number;
  next: NextFn;
}

/** One enrollment repairStrandedEnrollments moved on. */
export interface RepairedEnrollment {
  enrollmentId: string;
  /** its latest touch, the one the sequence moved on from */
  touch: Touch;
  sequence: SequenceMove;
}

export interface SettleQuery {
  now: number;
  /** a touch still `sending` this long after beginSend said `go` is settled as outcome unknown */
  sendLeaseMs: number;
  /** most touches settled by one call */
  limit: number;
  /** the step after a settled touch, counted from when it was sent or failed (see NextFn) */
  next: NextFn;
}

/** What settleStrandedTouches did to one touch and its enrollment. */
export interface SettledTouch {
  /** the touch after settling */
  touch: Touch;
  /** `outcome_unknown`: it was left `sending` past the lease; `failed`: its sender completed it failed */
  settled: 'outcome_unknown' | 'failed';
  sequence: SequenceMove;
}

export type BeginSendResult = 'go' | 'already_sent' | 'in_flight' | 'stopped';

export interface Contact {
  phone: string;
  name: string | null;
  email: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface OptOutRecord {
  at: number;
  source: string;
  text: string | null;
}

/**
 * An email address no email may go to any more: it hard-bounced, or SMTP refused it for good, or
 * someone said so. Keyed by the address in lower case; kept until cleared (never pruned, like opt-outs).
 */
export interface EmailSuppression {
  /** the address, lower case */
  email: string;
  /** when it was recorded (epoch ms) */
  at: number;
  /** why: `bounce`, `smtp_rejected`, `manual`, … */
  source: string;
  /** the enhanced status (`5.1.1`) or SMTP code (`550`) that said so; null when none */
  code: string | null;
  /** the touch whose email bounced or was refused; null when none */
  touchId: string | null;
  /** the contact it was learned about, E.164; null when none */
  phone: string | null;
}

/**
 * A contact's carrier line type as last learned, e.g. from Twilio Lookup v2 Line Type Intelligence.
 * Numbers port, so readers trust it only while it is young (freshCarrierLineType: 30 days).
 */
export interface CarrierLineType {
  /** as the source answered it, e.g. Twilio's `mobile`, `landline`, `fixedVoip`, `nonFixedVoip`, `unknown` */
  type: string;
  /** when it was learned (epoch ms) */
  at: number;
  /** where it came from, e.g. `twilio_lookup` */
  source: string;
}

export interface ContactState extends Contact {
  /** latest consent recorded (latest wins, also when it is a lower level) */
  consent: { level: ConsentLevel; source: string; at: number } | null;
  /** current opt-out per channel; null when not opted out (or opted in again) */
  optOut: { sms: OptOutRecord | null; email: OptOutRecord | null };
  /** last pause; in force while `until` is null (indefinite) or later than now — see isContactPaused */
  pause: { until: number | null; reason: string; since: number } | null;
  lastReply: { at: number; text: string; class: string; channel: string } | null;
  /** when the contact last spoke with a person on a call (recordConversation; epoch ms), the newest on record */
  lastConversationAt: number | null;
  /**
   * the carrier line type learned last (recordCarrierLineType); null when none. The ledger always sets
   * it; optional only so that states built by hand without it stay valid (read as null).
   */
  carrierLineType?: CarrierLineType | null;
  /**
   * the language the contact prefers their texts in (setContactLanguage); null: none, their texts follow
   * the department called, else the template (callerLanguage). The ledger always sets it; optional only
   * so that states built by hand without it stay valid (read as null).
   */
  language?: Language | null;
}

export interface Enrollment {
  id: string;
  templateId: string;
  templateHash: string;
  template: unknown;
  phone: string;
  callId: string;
  callEvent: unknown;
  status: EnrollmentStatus;
  endReason: string | null;
  createdAt: number;
  updatedAt: number;
  endedAt: number | null;
}

export interface Touch {
  id: string;
  enrollmentId: string;
  templateId: string;
  phone: string;
  stepId: string;
  channel: TouchChannel | null;
  dueAt: number;
  status: TouchStatus;
  /** why it was last rescheduled, cancelled or released */
  reason: string | null;
  /** how many times it was claimed */
  claims: number;
  claimedBy: string | null;
  leaseUntil: number | null;
  idempotencyKey: string | null;
  provider: string | null;
  providerMessageId: string | null;
  detail: unknown;
  sentAt: number | null;
  /**
   * where the sent message stands by the provider's status callbacks (recordDelivery); null: none
   * received (an email, a CRM task, a Sandbox send, a sender without a status callback). The ledger
   * always sets the three delivery fields; optional only so that touches built by hand stay valid.
   */
  deliveryStatus?: DeliveryState | null;
  /** the provider's error code of an undelivered or failed message (Twilio 30006…) */
  deliveryError?: number | null;
  /** when the status on record was received (epoch ms) */
  deliveryAt?: number | null;
  createdAt: number;
  updatedAt: number;
}

/** What recordDelivery did. */
export interface DeliveryRecord {
  /** the touch that sent the message, after the update; null: no touch of this ledger sent it */
  touch: Touch | null;
  /** the status on record before this callback */
  previous: DeliveryState | null;
  /** false for a duplicate or a callback older than the status on record (supersedes): nothing stored */
  changed: boolean;
}

export interface StoredCallEvent {
  seq: number;
  callId: string;
  provider: string;
  class: string;
  final: boolean;
  payload: unknown;
  receivedAt: number;
}

export interface AuditEntry {
  id: number;
  at: number;
  kind: string;
  phone: string | null;
  enrollmentId: string | null;
  touchId: string | null;
  data: unknown;
}

/** One current opt-out of one channel (reports, CSV export). */
export interface OptOutEntry {
  phone: string;
  channel: 'sms' | 'email';
  at: number;
  source: string;
  text: string | null;
}

export interface AuditQuery {
  phone?: string;
  enrollmentId?: string;
  since?: number;
  /** only entries of these kinds */
  kinds?: readonly string[];
  /** only entries with a larger id in ascending order, a smaller one in descending (paging) */
  afterId?: number;
  /** 1–10 000, default 1000 */
  limit?: number;
  order?: 'asc' | 'desc';
}

/**
 * The pending records a retry run claims (claimPendingRecords): audit entries of `kind` whose
 * `data.key` (text) names the update they stand for. A record is unresolved while no later entry of
 * its key is of `kind` (that one supersedes it) or of a `resolvedBy` kind.
 */
export interface PendingRecordKinds {
  /** audit kind of a pending record, e.g. `crm_pending` */
  kind: string;
  /** kinds whose later entry with the same key resolves the record, e.g. `crm_resolved`, `crm_update` */
  resolvedBy: readonly string[];
}

export interface PendingRecordQuery extends PendingRecordKinds {
  /** only records at or after this instant (the look-back window) */
  since: number;
  /** only records whose `data.provider` is this */
  provider?: string;
  now: number;
  /** most records claimed by one call */
  limit: number;
  /** the claiming run (unique per run: its leases are renewed and released under this name) */
  worker: string;
  leaseMs: number;
}

/** A pending record leased to one run. */
export interface ClaimedRecord {
  entry: AuditEntry;
  /** its update key (`data.key`); the lease is per key */
  key: string;
  leaseUntil: number;
  /** how many times the key was claimed (1 on a first claim) */
  claims: number;
}

export interface EnrollInput {
  templateId: string;
  templateHash: string;
  template: unknown;
  phone: string;
  callId: string;
  callEvent: unknown;
  reentry: ReentryPolicy;
  /** channels the template uses; an opt-out of any of them refuses enrollment (default: both) */
  channels?: ('sms' | 'email')[];
  /**
   * Refuse (`in_conversation`) when the contact replied (text or email) or spoke with a person on a
   * call (`lastConversationAt`) within this many ms before `now`: a person is already talking with
   * them, so no new automated sequence starts. 0 or absent: off; at most MAX_CONVERSATION_WINDOW_MS
   * (30 days, the retention floor of conversation-only contacts).
   */
  conversationWindowMs?: number;
  firstSteps: { stepId: string; dueAt: number; channel?: TouchChannel | null }[];
  now: number;
  /**
   * Written in the same transaction when the enrollment is created: a consent recorded only when the
   * contact has none on record (never lowering one), and an audit row with the new enrollment's id.
   */
  onCreated?: { consentIfNone?: { level: ConsentLevel; source: string }; audit?: { kind: string; data: unknown } };
}

export type EnrollResult =
  /** `preferredLanguage`: the contact's (ContactState.language) as read in the enrollment's transaction */
  | { created: true; enrollment: Enrollment; touches: Touch[]; preferredLanguage: Language | null }
  | { created: false; reason: EnrollRefusal; enrollment?: Enrollment };

/** pending (waiting for its settle instant) → claimed (a poller leased it) → resolved (final). */
export type PendingCallStatus = 'pending' | 'claimed' | 'resolved';

/**
 * A call the trigger parked because its final event has not come yet (e.g. a Twilio Dial
 * no-answer, an Aircall call.hungup). It is resolved by the trigger when the final event arrives,
 * or by a poller (the Sequence Scheduler) that claims it once `settleAt` passed and enrolls it from
 * `enrollSpec` (opaque to the ledger: whatever the trigger needs to enroll later).
 */
export interface PendingCall {
  callKey: string;
  provider: string;
  settleAt: number;
  status: PendingCallStatus;
  /** why it was resolved (e.g. final, answered, enrolled, filtered) */
  outcome: string | null;
  enrollSpec: unknown;
  claims: number;
  claimedBy: string | null;
  leaseUntil: number | null;
  createdAt: number;
  updatedAt: number;
  resolvedAt: number | null;
}

export interface MigrationStatus {
  /** highest applied version (0 before the first migrate) */
  current: number;
  /** highest version this code knows */
  latest: number;
  applied: { version: number; name: string }[];
}

export interface Ledger {
  /** Creates or upgrades the schema; idempotent and safe to run from several processes at once. */
  migrate(): Promise<void>;
  migrationStatus(): Promise<MigrationStatus>;
  /** Releases the connection(s); later calls throw LedgerError `closed`. */
  close(): Promise<void>;

  /**
   * True only for the first claimer of `key`, ever (dedupe of provider retries). `resolvePending`:
   * in the same transaction, resolve the pending call parked under `key` with that outcome (as resolvePendingCall).
   */
  claimOnce(key: string, now: number, o?: { resolvePending?: string }): Promise<boolean>;
  /** Gives a claim back after the claimer failed before its work was recorded, so a retry can claim it; audited. */
  releaseOnce(key: string, reason: string, now: number): Promise<boolean>;
  appendCallEvent(e: {
    callId: string;
    provider: string;
    class: string;
    final: boolean;
    payload: unknown;
    now: number;
  }): Promise<StoredCallEvent[]>;
  /** Events of one call in arrival order (appendCallEvent returns them too, the new one included). */
  callEvents(callId: string): Promise<StoredCallEvent[]>;

  /** Creates the contact or updates it; `undefined` keeps a field, `null` clears it. */
  upsertContact(c: { phone: string; name?: string | null; email?: string | null; now: number }): Promise<Contact>;
  contact(phone: string): Promise<ContactState | null>;
  /** contact(phone) and recentSends(phone, since) in one read (the Consent Gate's inputs). */
  contactForGate(phone: string, since: number): Promise<{ contact: ContactState | null; recentSends: number[] }>;
  recordConsent(phone: string, level: ConsentLevel, source: string, now: number): Promise<void>;
  /** Records the opt-out and ends every active enrollment of the contact (reason `opted_out`). */
  recordOptOut(
    phone: string,
    o: { channel: OptOutChannel; source: string; text?: string | null; now: number },
  ): Promise<{ firstTime: boolean }>;
  recordOptIn(phone: string, o: { channel: OptOutChannel; source: string; now: number }): Promise<void>;
  /** Records the reply and ends every active enrollment of the contact (reason `replied`). */
  recordReply(
    phone: string,
    r: { text: string; class: string; channel: string; now: number },
  ): Promise<{ exitedEnrollments: string[] }>;
  /**
   * A person at the business and the contact spoke on a call (`at`: when, as the provider tells;
   * epoch ms, at most `now`): sets the contact's `lastConversationAt` to `at` unless a newer one is on
   * record (a late delivery never moves it back). A number the ledger has no contact for gets a row
   * holding only that instant, so the In-Conversation Window holds for a first-time caller too (prune
   * deletes it as `conversationContacts` once old and still holding nothing else). Ends every active
   * enrollment of the contact created at or before `at` (reason `call_connected`) and audits
   * `call_connected` `{ callId, provider, direction, at, exitedEnrollments }` when it ended any;
   * recording the instant alone is not audited (the call's events are kept in call_events).
   */
  recordConversation(
    phone: string,
    c: { callId: string; provider: string; direction: 'inbound' | 'outbound'; at: number; now: number },
  ): Promise<{ exitedEnrollments: string[] }>;
  /**
   * Records the contact's carrier line type learned at `now` from `source` (e.g. `twilio_lookup`),
   * creating the contact when missing, and audits `carrier_line_type` `{ lineType, source }` (read by
   * the data audit). The latest learned wins: when one learned after `now` is already on record it is
   * kept and this returns false (the audit entry is still written); true when this one is stored.
   */
  recordCarrierLineType(phone: string, l: { type: string; source: string; now: number }): Promise<boolean>;
  /**
   * Records a status callback of a sent message on the touch whose `provider` and `providerMessageId`
   * match (one indexed read), in one transaction: the state is stored with `errorCode` and `now` only
   * when it supersedes the one on record (shared/delivery), so duplicates and late, older callbacks
   * change nothing. A change to `undelivered` or `failed` audits `message_undelivered`
   * `{ touchId, enrollmentId, stepId, provider, messageId, status, errorCode }`. What a failure means
   * for the contact (a landline, an opt-out) is for the caller to record.
   */
  recordDelivery(d: { provider: string; messageId: string; state: DeliveryState; errorCode: number | null; now: number }): Promise<DeliveryRecord>;
  /**
   * Records that no email may go to `email` any more (lower-cased and trimmed; `Name <a@b.c>` reads as
   * `a@b.c`; anything else that is no address is refused). Idempotent per address: the first record
   * stays as it is and is audited `email_suppressed` `{ email, source, code, touchId }` (on `phone` and
   * `touchId`); a repeat (a retried bounce, a second rejection, another source) changes nothing, writes
   * no audit entry and returns the record on file with `firstTime: false`. Never pruned; only
   * clearEmailSuppression lifts it.
   */
  recordEmailSuppression(s: {
    email: string;
    phone: string | null;
    source: string;
    code: string | null;
    touchId: string | null;
    now: number;
  }): Promise<{ firstTime: boolean; suppression: EmailSuppression }>;
  /** The suppression on record for `email` (normalized as by recordEmailSuppression), else null. */
  emailSuppression(email: string): Promise<EmailSuppression | null>;
  /**
   * Lifts the suppression of `email`, so emails go to it again, and audits `email_suppression_cleared`
   * `{ email, reason, previous }` (also when there was none: the request is kept, `previous: null`).
   * Returns the suppression it lifted.
   */
  clearEmailSuppression(email: string, c: { reason: string; now: number }): Promise<{ cleared: EmailSuppression | null }>;
  /** Pauses automated touches until `until` (null: until resumed). */
  pauseContact(phone: string, until: number | null, reason: string, now: number): Promise<void>;
  resumeContact(phone: string, reason: string, now: number): Promise<void>;
  /**
   * Sets the language the contact prefers their texts in (null clears it: the department's or the
   * template's language again), creating the contact when missing, and audits `contact_language`
   * `{ language, previous, source }` (`source`: who said so, e.g. `manual`, `crm`). Read with the
   * contact (ContactState.language) by every sender from its next touch on. Returns the one it replaced.
   */
  setContactLanguage(phone: string, language: Language | null, source: string, now: number): Promise<{ previous: Language | null }>;

  /** One enrollment per caller per template run; the caller passes the re-entry policy. */
  enroll(e: EnrollInput): Promise<EnrollResult>;
  /**
   * claimOnce(claim.key, e.now, claim) and enroll(e) in one transaction, the claim first: null when
   * the key was claimed before (nothing enrolled or audited; a `resolvePending` still resolves, as with
   * claimOnce). A failing enrollment leaves nothing behind: no claim, no resolved pending call.
   */
  enrollOnce(claim: { key: string; resolvePending?: string }, e: EnrollInput): Promise<EnrollResult | null>;
  enrollment(id: string): Promise<Enrollment | null>;
  enrollmentsOf(phone: string): Promise<Enrollment[]>;
  /** Ends an active enrollment and cancels its open touches; no-op when already ended. */
  exitEnrollment(id: string, reason: string, now: number): Promise<void>;
  completeEnrollment(id: string, now: number): Promise<void>;
  pauseTemplate(templateId: string, paused: boolean, now: number): Promise<void>;
  templatePaused(templateId: string): Promise<boolean>;

  /** Idempotent on (enrollmentId, stepId): returns the existing touch when there is one. A touch
   * scheduled on an ended enrollment is stored as `cancelled`. */
  scheduleTouch(t: { enrollmentId: string; stepId: string; dueAt: number; channel?: TouchChannel | null; now: number }): Promise<Touch>;
  touch(id: string): Promise<Touch | null>;
  /** A touch with its enrollment and contact, read together (one round trip for a sender); null when the touch is unknown. */
  touchContext(id: string): Promise<{ touch: Touch; enrollment: Enrollment; contact: ContactState | null } | null>;
  touchesOf(enrollmentId: string): Promise<Touch[]>;
  /** Atomically leases due touches (pending and due, or claimed with an expired lease); two
   * claimers never get the same touch. Skips touches of ended enrollments, paused templates and
   * opted-out, replied or paused contacts. */
  claimDueTouches(q: { now: number; limit: number; worker: string; leaseMs: number }): Promise<Touch[]>;
  /** Back to pending at `dueAt` (from pending, claimed or failed), e.g. a deferred gate. */
  rescheduleTouch(touchId: string, dueAt: number, reason: string, now: number): Promise<void>;
  /** The sender's last check, atomic: `go` exactly once per touch. `stopped` when the contact
   * replied, opted out or is paused, the template is paused or the enrollment ended. A touch left
   * in `sending` by a crashed sender stays `in_flight` (never re-sent blindly). */
  beginSend(touchId: string, idempotencyKey: string, now: number): Promise<BeginSendResult>;
  /**
   * Records a touch's outcome. With `next`, the sequence moves on in the same transaction (lock
   * order contact → enrollment → touch): the next step is scheduled, or the enrollment completes or
   * exits (see SequenceMove), so no crash can leave an active enrollment with no open touch; a
   * `failed` touch moved on this way is settled (the stranded-touch sweep leaves it alone). Without
   * `next` nothing moves on (a `failed` touch then waits for settleStrandedTouches). A retried
   * completion (same outcome) records nothing again but still moves on when `next` is given, which
   * schedules nothing twice (scheduling is idempotent per step).
   * `audit`: the caller's own audit entry of the completion, written last in the same transaction (also
   * on a retried completion) on the touch's phone, enrollment and touch at `now`; built from what
   * completeTouch did, synchronously and purely (it runs inside the transaction, a throw rolls it back).
   */
  completeTouch(
    touchId: string,
    r: TouchCompletion,
    next?: NextFn,
  ): Promise<CompletedTouch>;
  /**
   * The sweep that keeps every enrollment moving when a send's outcome is unknown. Atomically per
   * touch (two sweepers never settle one touch twice): a touch `sending` for `sendLeaseMs` or more
   * becomes `failed` (reason `outcome_unknown`, detail `{ outcome: 'unknown' }`, audit
   * `touch_outcome_unknown`) and is never re-sent; then for it and for every touch completed
   * `failed` since the last sweep, when its enrollment is active and has no other open touch, the
   * sequence moves on: `next` is scheduled, or the enrollment completes (last step) or exits.
   * Oldest first, up to `limit`.
   */
  settleStrandedTouches(q: SettleQuery): Promise<SettledTouch[]>;
  /**
   * The repair sweep for enrollments stranded by a completion that did not move the sequence on
   * (a crash between two transactions, before completeTouch took `next`): an active enrollment with
   * no open touch (pending, claimed, sending, or failed not yet settled) whose latest touch is done
   * (sent, skipped, blocked, or failed and settled) moves on from that touch with `next`, counted from
   * when it was completed, audited `sequence_repaired`. Left alone: enrollments whose latest touch is
   * `manual` (a person follows up) or `cancelled`, and ended ones. A paused template or contact does not
   * stop the repair (the touch it schedules waits like any other). Atomic per enrollment: it is re-checked
   * under its contact and enrollment locks, so concurrent sweepers repair it once. Least recently
   * updated first, up to `limit`.
   */
  repairStrandedEnrollments(q: RepairQuery): Promise<RepairedEnrollment[]>;
  /** Instants of automated touches sent (or being sent, or of unknown outcome) to the phone since `since`, ascending. */
  recentSends(phone: string, since: number): Promise<number[]>;

  /** Parks a call until `settleAt`, or re-parks it (new settle instant and spec, lease dropped)
   * while it is not resolved; `parked: false` once resolved (nothing changes then). */
  parkPendingCall(p: { callKey: string; provider: string; settleAt: number; enrollSpec: unknown; now: number }): Promise<{
    parked: boolean;
    pendingCall: PendingCall;
  }>;
  /** Atomically leases parked calls whose settle instant passed (or whose lease expired); two
   * claimers never get the same call. */
  claimSettledCalls(q: { now: number; limit: number; worker: string; leaseMs: number }): Promise<PendingCall[]>;
  /** Closes a parked call for good; false when there is none or it was already resolved. */
  resolvePendingCall(callKey: string, outcome: string, now: number): Promise<boolean>;
  pendingCall(callKey: string): Promise<PendingCall | null>;

  /** Appends one entry to the audit trail (append-only; the ledger also audits its own changes). */
  audit(a: { kind: string; phone?: string | null; enrollmentId?: string | null; touchId?: string | null; data: unknown; now: number }): Promise<void>;
  auditTrail(q: AuditQuery): Promise<AuditEntry[]>;
  /**
   * Atomically leases, for one retry run, the unresolved pending records in the window: per update key
   * only its latest entry of `kind`, none resolved or superseded, none whose key another run holds
   * (a lease not yet expired). Read by kind and key (indexes of migration 6), so no volume of other
   * audit entries hides one. Oldest first, up to `limit`. Two claimers never hold one key at once; a
   * claimer that dies leaves its lease to expire, then the next run claims the record again.
   */
  claimPendingRecords(q: PendingRecordQuery): Promise<ClaimedRecord[]>;
  /**
   * The claimer's check before it works on a record: extends the lease to `now + leaseMs` while
   * `worker` still holds it (also once it ran out, when nobody took it meanwhile) and the record is
   * still its key's latest and unresolved. False: leave the record alone (another run has it, or it is done).
   */
  renewRecordLease(r: ClaimedRecord, q: PendingRecordKinds & { worker: string; now: number; leaseMs: number }): Promise<boolean>;
  /** Gives a held lease back at `now` (the retry failed again): the next run claims the record at once. False when `worker` does not hold it. */
  releaseRecordLease(key: string, worker: string, now: number): Promise<boolean>;

  // ── reports (read-only) ──
  /** Current opt-outs, one entry per (phone, channel), by phone then channel; page with `afterPhone`
   * (`limit` counts phones, 1–10 000, default 1000). */
  optOuts(q?: { afterPhone?: string; limit?: number }): Promise<OptOutEntry[]>;
  /** Current email suppressions by address; page with `afterEmail` (`limit` 1–10 000, default 1000). */
  emailSuppressions(q?: { afterEmail?: string; limit?: number }): Promise<EmailSuppression[]>;
  /** Enrollments created in [since, until), oldest first (`limit` 1–100 000, default 10 000). */
  enrollmentsCreated(q: { since: number; until: number; templateId?: string; limit?: number }): Promise<Enrollment[]>;
  /** Touches of the given enrollments, by due time. */
  touchesOfEnrollments(ids: readonly string[]): Promise<Touch[]>;
  /** Call events received in [since, until), in arrival order (`limit` 1–100 000, default 10 000). */
  callEventsBetween(q: { since: number; until: number; limit?: number }): Promise<StoredCallEvent[]>;

  // ── retention ──
  /**
   * Deletes records past their retention (days per kind; defaults and floors in retention.ts), oldest
   * first, in batches of `batchSize` rows, each its own short transaction; up to `maxBatches` per kind
   * (`complete: false` when it stopped there). Pruned: provider-retry dedupe keys (`call:`, `inbound:`),
   * call events, resolved pending calls, ended enrollments with their touches, audit entries (the only
   * way they are ever deleted), and retry leases that ran out before `now` (no period: an expired lease
   * holds nothing, the next claim of its key starts a new one), and contacts holding nothing but a
   * conversation (recordConversation) older than their period: no enrollment, consent, opt-out, pause,
   * reply, name, email, line type or language. Never pruned: retry leases still held, any other contact
   * (consent, opt-outs, pause, last reply), email suppressions (a compliance record like an opt-out: kept
   * until cleared, whatever the audit entry that recorded it), templates, other dedupe keys, unresolved pending
   * calls with their call's key and events, call events of a call with an active enrollment, active
   * enrollments, ended ones with an open touch (pending, claimed, sending, failed not yet settled) and
   * the latest run of each contact in each template (re-entry policies read it). One `records_pruned` audit entry per run with the counts; a dry run only counts.
   */
  prune(q: import('./retention').PruneQuery): Promise<import('./retention').PruneResult>;
}

export type LedgerOptions =
  | { kind: 'embedded'; path: string; queueMode?: boolean; busyTimeoutMs?: number }
  | { kind: 'postgres'; connection: import('pg').PoolConfig | string; schema?: string; preparedStatements?: boolean };
