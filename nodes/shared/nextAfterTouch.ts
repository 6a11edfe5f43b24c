import { parseSequenceTemplate } from '../../shared/schema/sequenceTemplate';
import type { CallEvent } from '../../shared/schema/callEvent';
import type { Enrollment, NextAfterTouch, Touch } from '../ledger/Ledger';
import { callInstant } from './callInstant';
import { nextStep } from './nextStep';

/**
 * The step after `touch` in its enrollment's stored template (the rule of advanceSequence, as a
 * pure answer for the ledger's settleStrandedTouches): the next step that applies to the call
 * class, due counting from `from`; `last` after the final step; `exit` (`template_invalid`) when the
 * stored template no longer parses, so the enrollment still reaches an end state.
 * @example ledger.settleStrandedTouches({ now, sendLeaseMs, limit: 50, next: nextAfterTouch })
 */
export function nextAfterTouch(x: { enrollment: Enrollment; touch: Touch; from: number }): NextAfterTouch {
  const parsed = parseSequenceTemplate(x.enrollment.template);
  if (!parsed.success) return { kind: 'exit', reason: 'template_invalid' };
  const call = (x.enrollment.callEvent ?? null) as Partial<CallEvent> | null;
  const n = nextStep(parsed.data, x.touch.stepId, callInstant(call, x.enrollment.createdAt), x.from, call?.class ?? null);
  return n.kind === 'none' ? { kind: 'last' } : { kind: 'step', stepId: n.step.id, dueAt: n.dueAt, channel: n.step.channel };
}
