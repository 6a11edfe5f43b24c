import { parseSequenceTemplate, type SequenceTemplate } from '../../shared/schema/sequenceTemplate';
import type { CallEvent } from '../../shared/schema/callEvent';
import type { Ledger, SequenceMove, Touch } from '../ledger/Ledger';
import { callInstant } from './callInstant';
import { nextStep } from './nextStep';

export interface Advanced {
  next: { touchId: string; stepId: string; dueAt: string } | null;
  enrollmentCompleted: boolean;
}

/**
 * The report fields of a move-on done by the ledger (completeTouch with `next`): the step scheduled
 * (or already scheduled) next, and whether the enrollment completed.
 * @example advanced((await ledger.completeTouch(id, { status: 'sent', now }, nextAfterTouch)).sequence)
 */
export function advanced(sequence: SequenceMove | null): Advanced {
  const t = sequence && (sequence.action === 'scheduled' || sequence.action === 'none') ? (sequence.touch ?? null) : null;
  return {
    next: t ? { touchId: t.id, stepId: t.stepId, dueAt: new Date(t.dueAt).toISOString() } : null,
    enrollmentCompleted: sequence?.action === 'completed',
  };
}

/**
 * Moves an enrollment past one step in separate ledger transactions (prefer completeTouch with
 * `next`, which does it atomically with the completion): schedules the next step that applies to the call class
 * (idempotent per step in the ledger), or completes the enrollment after the last one.
 * `from` is the instant the step was done (sent, skipped, blocked), which `from: 'previous'`
 * delays count from.
 * @example await advanceSequence(ledger, { enrollmentId, template, stepId: 'sms-first', callAt, callClass: 'missed', from: now, now });
 */
export async function advanceSequence(
  ledger: Ledger,
  a: { enrollmentId: string; template: SequenceTemplate; stepId: string; callAt: number; callClass: string | null | undefined; from: number; now: number },
): Promise<Advanced> {
  const n = nextStep(a.template, a.stepId, a.callAt, a.from, a.callClass ?? null);
  if (n.kind === 'none') {
    await ledger.completeEnrollment(a.enrollmentId, a.now);
    return { next: null, enrollmentCompleted: true };
  }
  const t = await ledger.scheduleTouch({ enrollmentId: a.enrollmentId, stepId: n.step.id, dueAt: n.dueAt, channel: n.step.channel, now: a.now });
  return { next: { touchId: t.id, stepId: t.stepId, dueAt: new Date(t.dueAt).toISOString() }, enrollmentCompleted: false };
}

/**
 * advanceSequence for a touch known only by its ledger row: reads its enrollment's stored template
 * and call. Null when the enrollment is gone or its template no longer parses (nothing is changed).
 */
export async function advanceAfterTouch(ledger: Ledger, touch: Touch, now: number): Promise<Advanced | null> {
  const enrollment = await ledger.enrollment(touch.enrollmentId);
  if (!enrollment) return null;
  const parsed = parseSequenceTemplate(enrollment.template);
  if (!parsed.success) return null;
  const call = (enrollment.callEvent ?? null) as Partial<CallEvent> | null;
  return advanceSequence(ledger, {
    enrollmentId: enrollment.id,
    template: parsed.data,
    stepId: touch.stepId,
    callAt: callInstant(call, enrollment.createdAt),
    callClass: call?.class ?? null,
    from: now,
    now,
  });
}
