/** Row → object mapping shared by both backends (same column names; Postgres returns BIGINT as
 * text and JSONB parsed, SQLite returns numbers and JSON text — `json` and `num` absorb that). */
import { deliveryState } from '../../shared/delivery';
import { isLanguage } from '../../shared/schema/callerLanguage';
import type { PendingCall, PendingCallStatus, AuditEntry, Contact, ContactState, EmailSuppression, Enrollment, StoredCallEvent, Touch, ConsentLevel, TouchStatus, EnrollmentStatus } from './Ledger';

export type Row = Record<string, unknown>;

export interface Codec {
  json(v: unknown): unknown;
}

export const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v));
export const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : num(v));
export const str = (v: unknown): string => String(v);
export const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
export const bool = (v: unknown): boolean => v === true || v === 1 || v === 1n;

export function toContact(r: Row): Contact {
  return {
    phone: str(r.phone),
    name: strOrNull(r.name),
    email: strOrNull(r.email),
    createdAt: num(r.created_at),
    updatedAt: num(r.updated_at),
  };
}

export function toContactState(r: Row): ContactState {
  const optOut = (ch: 'sms' | 'email') =>
    r[`${ch}_opt_out_at`] === null
      ? null
      : { at: num(r[`${ch}_opt_out_at`]), source: str(r[`${ch}_opt_out_source`]), text: strOrNull(r[`${ch}_opt_out_text`]) };
  return {
    ...toContact(r),
    consent:
      r.consent_level === null
        ? null
        : { level: str(r.consent_level) as ConsentLevel, source: str(r.consent_source), at: num(r.consent_at) },
    optOut: { sms: optOut('sms'), email: optOut('email') },
    pause: bool(r.paused) ? { until: numOrNull(r.paused_until), reason: str(r.pause_reason), since: num(r.paused_at) } : null,
    lastReply:
      r.last_reply_at === null
        ? null
        : {
            at: num(r.last_reply_at),
            text: str(r.last_reply_text),
            class: str(r.last_reply_class),
            channel: str(r.last_reply_channel),
          },
    // absent (undefined) on a schema before migration 8
    lastConversationAt: numOrNull(r.last_conversation_at),
    // absent (undefined) on a schema before migration 7
    carrierLineType:
      r.carrier_line_type === null || r.carrier_line_type === undefined
        ? null
        : { type: str(r.carrier_line_type), at: num(r.carrier_line_type_at), source: str(r.carrier_line_type_source) },
    // absent (undefined) on a schema before migration 10; a code this package does not know reads as none
    language: isLanguage(r.language) ? r.language : null,
  };
}

export function toEmailSuppression(r: Row): EmailSuppression {
  return {
    email: str(r.email),
    at: num(r.suppressed_at),
    source: str(r.source),
    code: strOrNull(r.code),
    touchId: strOrNull(r.touch_id),
    phone: strOrNull(r.phone),
  };
}

export function toEnrollment(r: Row, c: Codec): Enrollment {
  return {
    id: str(r.id),
    templateId: str(r.template_id),
    templateHash: str(r.template_hash),
    template: c.json(r.template),
    phone: str(r.phone),
    callId: str(r.call_id),
    callEvent: c.json(r.call_event),
    status: str(r.status) as EnrollmentStatus,
    endReason: strOrNull(r.end_reason),
    createdAt: num(r.created_at),
    updatedAt: num(r.updated_at),
    endedAt: numOrNull(r.ended_at),
  };
}

/** Expects touch columns plus `template_id` and `phone` of its enrollment. */
export function toTouch(r: Row, c: Codec): Touch {
  return {
    id: str(r.id),
    enrollmentId: str(r.enrollment_id),
    templateId: str(r.template_id),
    phone: str(r.phone),
    stepId: str(r.step_id),
    channel: strOrNull(r.channel),
    dueAt: num(r.due_at),
    status: str(r.status) as TouchStatus,
    reason: strOrNull(r.reason),
    claims: num(r.claims),
    claimedBy: strOrNull(r.claimed_by),
    leaseUntil: numOrNull(r.lease_until),
    idempotencyKey: strOrNull(r.idempotency_key),
    provider: strOrNull(r.provider),
    providerMessageId: strOrNull(r.provider_message_id),
    detail: r.detail === null || r.detail === undefined ? null : c.json(r.detail),
    sentAt: numOrNull(r.sent_at),
    // absent (undefined) on a schema before migration 11; a state this package does not know reads as none
    deliveryStatus: deliveryState(r.delivery_status),
    deliveryError: numOrNull(r.delivery_error),
    deliveryAt: numOrNull(r.delivery_at),
    createdAt: num(r.created_at),
    updatedAt: num(r.updated_at),
  };
}

export function toCallEvent(r: Row, c: Codec): StoredCallEvent {
  return {
    seq: num(r.seq),
    callId: str(r.call_id),
    provider: str(r.provider),
    class: str(r.class),
    final: bool(r.final),
    payload: c.json(r.payload),
    receivedAt: num(r.received_at),
  };
}

export function toAudit(r: Row, c: Codec): AuditEntry {
  return {
    id: num(r.id),
    at: num(r.at),
    kind: str(r.kind),
    phone: strOrNull(r.phone),
    enrollmentId: strOrNull(r.enrollment_id),
    touchId: strOrNull(r.touch_id),
    data: c.json(r.data),
  };
}

export function toPendingCall(r: Row, c: Codec): PendingCall {
  return {
    callKey: str(r.call_key),
    provider: str(r.provider),
    settleAt: num(r.settle_at),
    status: str(r.status) as PendingCallStatus,
    outcome: strOrNull(r.outcome),
    enrollSpec: c.json(r.enroll_spec),
    claims: num(r.claims),
    claimedBy: strOrNull(r.claimed_by),
    leaseUntil: numOrNull(r.lease_until),
    createdAt: num(r.created_at),
    updatedAt: num(r.updated_at),
    resolvedAt: numOrNull(r.resolved_at),
  };
}

/** JSON text for storage; `undefined` is stored as null. */
export const toJson = (v: unknown): string => JSON.stringify(v ?? null);
