export interface StepOffset {
  stepId: string;
  /** index in `steps` */
  index: number;
  /** minutes after the missed call */
  minutes: number;
}

interface TimedStep {
  id: string;
  delay: { minutes: number; from: 'call' | 'previous' };
}

/**
 * Absolute offset of every step from the call, in `steps` order. `from: 'previous'` counts from the
 * step directly above (whatever its `onlyIf`); for the first step it counts from the call.
 * Offsets are nominal: quiet hours and business hours may hold a send later.
 * @example stepOffsets({ steps: [{ id: 'a', delay: { minutes: 1, from: 'call' } }, { id: 'b', delay: { minutes: 60, from: 'previous' } }] })
 * // [{ stepId: 'a', index: 0, minutes: 1 }, { stepId: 'b', index: 1, minutes: 61 }]
 */
export function stepOffsets(template: { steps: readonly TimedStep[] }): StepOffset[] {
  let prev = 0;
  return template.steps.map((s, index) => {
    const minutes = s.delay.from === 'call' ? s.delay.minutes : prev + s.delay.minutes;
    prev = minutes;
    return { stepId: s.id, index, minutes };
  });
}
