import { LedgerError } from './LedgerError';
import { MAX_CONVERSATION_WINDOW_DAYS, MAX_CONVERSATION_WINDOW_MS } from './conversationWindow';
import type { EnrollInput } from './Ledger';

const E164 = /^\+[1-9]\d{6,14}$/;

/** Throws `invalid_phone` unless the number is E.164 (`+` and 7–15 digits). */
export function assertPhone(phone: string): void {
  if (typeof phone !== 'string' || !E164.test(phone)) {
    throw new LedgerError('invalid_phone', 'The ledger stores phone numbers in E.164 form, e.g. +13055550123.');
  }
}

/** Throws `invalid_argument` unless `v` is a finite integer instant (epoch ms). */
export function assertInstant(v: number, name: string): void {
  if (!Number.isSafeInteger(v)) throw new LedgerError('invalid_argument', `${name} must be an integer epoch-millisecond instant.`);
}

export function assertText(v: string, name: string): void {
  if (typeof v !== 'string' || v.length === 0) throw new LedgerError('invalid_argument', `${name} must be a non-empty string.`);
}

export function assertEnrollInput(e: EnrollInput): void {
  assertPhone(e.phone);
  assertText(e.templateId, 'templateId');
  assertText(e.callId, 'callId');
  assertInstant(e.now, 'now');
  if (e.reentry.policy === 'after_days' && !(Number.isFinite(e.reentry.days) && e.reentry.days >= 0)) {
    throw new LedgerError('invalid_argument', 'reentry.days must be a non-negative number.');
  }
  const w = e.conversationWindowMs;
  if (w !== undefined && !(Number.isFinite(w) && w >= 0 && w <= MAX_CONVERSATION_WINDOW_MS)) {
    throw new LedgerError('invalid_argument', `conversationWindowMs must be a non-negative number, at most ${MAX_CONVERSATION_WINDOW_DAYS} days.`);
  }
  const steps = new Set<string>();
  for (const s of e.firstSteps) {
    assertText(s.stepId, 'stepId');
    assertInstant(s.dueAt, 'dueAt');
    if (steps.has(s.stepId)) throw new LedgerError('invalid_argument', `firstSteps repeats step ${s.stepId}.`);
    steps.add(s.stepId);
  }
  const consent = e.onCreated?.consentIfNone;
  if (consent) {
    if (!['informational', 'marketing', 'written'].includes(consent.level)) throw new LedgerError('invalid_argument', `Unknown consent level ${consent.level}.`);
    assertText(consent.source, 'consent source');
  }
  if (e.onCreated?.audit) assertText(e.onCreated.audit.kind, 'audit kind');
}
