import { firstTouches } from '../../../shared/simulate/firstTouches';
import type { EnrollingCallClass, SequenceTemplate } from '../../../shared/schema/sequenceTemplate';

export interface FirstStep {
  stepId: string;
  dueAt: number;
  channel: string;
}

/**
 * The step(s) to schedule at enrollment: the earliest step that applies to the call class (its
 * `onlyIf`), plus any other applicable step due at the same offset. Due at `callAt + offset`.
 * Later steps are scheduled as the sequence runs (each touch's completion, `nodes/shared/nextAfterTouch.ts`).
 */
export function firstSteps(template: SequenceTemplate, cls: EnrollingCallClass, callAt: number): FirstStep[] {
  return firstTouches(template, cls, callAt).map(({ index, dueAt }) => ({ stepId: template.steps[index]!.id, dueAt, channel: template.steps[index]!.channel }));
}

/** Consumer channels the template uses (an opt-out of any of them refuses enrollment). */
export function templateChannels(template: SequenceTemplate): ('sms' | 'email')[] {
  const set = new Set<'sms' | 'email'>();
  for (const s of template.steps) if (s.channel === 'sms' || s.channel === 'email') set.add(s.channel);
  return [...set];
}
