import type { ReasonCode } from '../../shared/compliance';
import type { Ledger, NextFn, SequenceMove } from '../ledger/Ledger';
import { advanced } from '../shared/advanced';
import { nextAfterTouch } from '../shared/nextAfterTouch';
import type { TouchUpdate } from './router';

/** Blocks that concern the contact, whatever the message: the enrollment ends with that reason. */
export const CONTACT_BLOCKS: ReadonlySet<ReasonCode> = new Set<ReasonCode>(['OPTED_OUT', 'NO_CONSENT', 'UNKNOWN_ZONE', 'INVALID_NUMBER']);

/**
 * Whether a Block ends the whole enrollment (`contact`: any contact-level reason) or only this
 * touch (`touch`: LANDLINE_SMS, TOLL_FREE_SMS, PREMIUM_OR_PAGER_SMS, MARKETING_NEEDS_* concern this message's channel or
 * content; CONSENT_BELOW_TEMPLATE this template's messages, which a consent recorded later lets through;
 * NO_ALLOWED_INSTANT this message's timing), so the sequence goes on with its next step.
 * @example blockScope(['LANDLINE_SMS']) // 'touch'
 */
export function blockScope(codes: readonly ReasonCode[]): 'contact' | 'touch' {
  return codes.some((c) => CONTACT_BLOCKS.has(c)) ? 'contact' : 'touch';
}

/** The end reason of an enrollment a contact-level block ends, e.g. `gate_block:NO_CONSENT`. */
export function gateBlockReason(codes: readonly ReasonCode[]): string {
  return `gate_block:${codes.filter((c) => CONTACT_BLOCKS.has(c)).join(',')}`;
}

/**
 * The `next` the gate hands to completeTouch, so closing the touch and moving the sequence on are one
 * ledger transaction: a per-message block goes on with the next step (nextAfterTouch), a contact-level
 * block ends the enrollment; Manual moves nothing (undefined).
 * @example ledger.completeTouch(id, { status: 'blocked', detail: { reasons: codes }, now }, gateNext('block', codes))
 */
export function gateNext(verdict: 'block' | 'manual', codes: readonly ReasonCode[]): NextFn | undefined {
  if (verdict === 'manual') return undefined;
  if (blockScope(codes) === 'touch') return nextAfterTouch;
  const reason = gateBlockReason(codes);
  return () => ({ kind: 'exit', reason });
}

/** What the gate did to the touch's enrollment (item field `gateSequence`). */
export type SequenceUpdate =
  | { action: 'continued'; next: { touchId: string; stepId: string; dueAt: string } | null; enrollmentCompleted: boolean }
  | { action: 'ended'; reason: string }
  | { action: 'manual' };

/** Audit kind of a touch handed to a person (Manual output). */
export const MANUAL_AUDIT_KIND = 'manual_review';

/**
 * After the gate closed a touch as blocked or manual: a per-message block schedules the next step
 * (or completes the enrollment after the last), a contact-level block ends the enrollment
 * (`gate_block:<CODE>`), and Manual leaves the enrollment active with no further automated step —
 * a person follows up and ends it (e.g. Sequence Exit) — recorded as a `manual_review` audit entry.
 * `moved`: the move-on completeTouch did with gateNext in the touch's transaction, reported here.
 * Null when the touch was not closed by the gate (no touch, option off, already cancelled) or a
 * block moved nothing (completed without `next`).
 */
export async function sequenceAfterGate(
  ledger: Ledger,
  touchId: string | undefined,
  update: TouchUpdate,
  codes: readonly ReasonCode[],
  now: number,
  moved: SequenceMove | null,
): Promise<SequenceUpdate | null> {
  if (touchId === undefined || (update !== 'blocked' && update !== 'manual')) return null;
  const touch = await ledger.touch(touchId);
  if (!touch) return null;
  if (update === 'manual') {
    await ledger.audit({
      kind: MANUAL_AUDIT_KIND,
      phone: touch.phone,
      enrollmentId: touch.enrollmentId,
      touchId,
      data: { stepId: touch.stepId, channel: touch.channel, reasons: codes },
      now,
    });
    return { action: 'manual' };
  }
  if (moved === null) return null;
  if (blockScope(codes) === 'contact') return { action: 'ended', reason: moved.action === 'exited' ? moved.reason : gateBlockReason(codes) };
  return moved.action === 'exited' ? { action: 'ended', reason: moved.reason } : { action: 'continued', ...advanced(moved) };
}

