import type { SequenceTemplate } from '../../shared/schema/sequenceTemplate';
import type { CallEvent } from '../../shared/schema/callEvent';
import type { Enrollment, NextAfterTouch, NextFn, Touch } from '../ledger/Ledger';
import { callInstant } from './callInstant';
import { nextStep } from '../../shared/schema/nextStep';
import { parseStoredTemplate } from './parseStoredTemplate';

/**
 * The step after `touch` in its enrollment's stored template (nextStep, as a pure answer for the
 * ledger's completeTouch, settleStrandedTouches and repairStrandedEnrollments):
 * the next step that applies to the call class, due counting from `from`; `last` after the final
 * step; `exit` (`template_invalid`) when the stored template no longer parses, so the enrollment
 * still reaches an end state.
 * @example ledger.settleStrandedTouches({ now, sendLeaseMs, limit: 50, next: nextAfterTouch })
 */
export function nextAfterTouch(x: { enrollment: Enrollment; touch: Touch; from: number }): NextAfterTouch {
  const parsed = parseStoredTemplate(x.enrollment.template);
  if (!parsed.success) return { kind: 'exit', reason: 'template_invalid' };
  const call = (x.enrollment.callEvent ?? null) as Partial<CallEvent> | null;
  return nextInTemplate(parsed.data, callInstant(call, x.enrollment.createdAt), call?.class ?? null)(x);
}

/**
 * The same rule over a template and call the caller already holds (e.g. the Follow-up Sender's,
 * which may come from the item when the stored one is unreadable).
 * @example ledger.completeTouch(id, { status: 'sent', now }, nextInTemplate(template, callAt, 'missed'))
 */
export function nextInTemplate(template: SequenceTemplate, callAt: number, callClass: string | null): NextFn {
  return ({ touch, from }) => {
    const n = nextStep(template, touch.stepId, callAt, from, callClass);
    return n.kind === 'none' ? { kind: 'last' } : { kind: 'step', stepId: n.step.id, dueAt: n.dueAt, channel: n.step.channel };
  };
}
