import type { SequenceTemplate, Step } from './sequenceTemplate';
import { stepAppliesTo } from './stepAppliesTo';

const MINUTE = 60_000;

export type NextStep = { kind: 'step'; step: Step; index: number; dueAt: number } | { kind: 'none' };

/**
 * The step after `stepId` that applies to this call class, and its due instant: `from: 'call'`
 * counts from the call, `from: 'previous'` from the step above (the send just made; for steps
 * skipped by `onlyIf` their nominal instant, as in shared/lint stepOffsets). The nodes schedule
 * each next touch with it, and the simulator walks a sequence with it.
 * @example nextStep(t, 'sms-first', Date.UTC(2027,0,14,15), Date.UTC(2027,0,14,15,1), 'missed')
 */
export function nextStep(template: SequenceTemplate, stepId: string, callAt: number, sentAt: number, callClass: string | null | undefined): NextStep {
  const i = template.steps.findIndex((s) => s.id === stepId);
  if (i < 0) return { kind: 'none' };
  let prev = sentAt;
  for (let j = i + 1; j < template.steps.length; j++) {
    const s = template.steps[j]!;
    const at = s.delay.from === 'call' ? callAt + s.delay.minutes * MINUTE : prev + s.delay.minutes * MINUTE;
    prev = at;
    if (stepAppliesTo(s, callClass)) return { kind: 'step', step: s, index: j, dueAt: at };
  }
  return { kind: 'none' };
}
