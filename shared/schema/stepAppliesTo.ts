import type { Step } from './sequenceTemplate';

/**
 * Whether a step runs for a call of class `callClass`: it has no `onlyIf`, or its `onlyIf` names the
 * class. An unknown class (null) runs every step, as the runtime does for an enrollment without one.
 * @example stepAppliesTo({ onlyIf: { classes: ['voicemail'] } }, 'missed') // false
 */
export function stepAppliesTo(step: Pick<Step, 'onlyIf'>, callClass: string | null | undefined): boolean {
  return !step.onlyIf || !callClass || (step.onlyIf.classes as readonly string[]).includes(callClass);
}
