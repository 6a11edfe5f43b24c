import { formatLocal } from '../../../shared/simulate';
import type { SimulationRun } from './runSimulation';

/** When a message preview takes its message to be sent: what `{{calledAt}}` and `{{nextOpening}}` read. */
export interface PreviewTiming {
  /** the missed call (`{{calledAt}}`) */
  callAt: number;
  /** the send (`{{nextOpening}}` is relative to it) */
  sendAt: number;
  /** the send in words, caller's local time: 'as sent 2026-12-02 08:00 EST (Wed)' */
  when: string;
  /** why the send is taken as the missed call, when the Simulator has no touch for the step */
  fallback: string | null;
}

/**
 * The preview's timing for step `stepId`: the Simulator's send of that touch (allowed, else planned,
 * as its `{{nextOpening}}`), else the missed call itself. `fallbackCallAt` stands in when the
 * Simulator has no valid missed-call instant.
 */
export function previewTiming(run: SimulationRun, stepId: string | null, fallbackCallAt: number): PreviewTiming {
  const callAt = run.at ?? fallbackCallAt;
  const touch = stepId === null ? undefined : run.sim?.touches.find((t) => t.stepId === stepId);
  if (touch) {
    const when = touch.allowedLocal !== null
      ? `as sent ${touch.allowedLocal}`
      : `as planned for ${touch.plannedLocal} (the Simulator ${touch.verdict === 'manual' ? 'routes it to a person' : 'blocks it'})`;
    return { callAt, sendAt: Date.parse(touch.allowedAt ?? touch.plannedAt), when, fallback: null };
  }
  const fallback = run.at === null ? 'pick a missed call in the Simulator'
    : run.error ? 'the Simulator cannot run this template yet'
    : !run.sim ? 'the Simulator runs once the schema errors are fixed'
    : run.sim.notEnrolled ? 'the Simulator’s call would not start the sequence'
    : 'this step is not in the Simulator’s timeline';
  return { callAt, sendAt: callAt, when: `as if sent at the missed call time, ${formatLocal(callAt, run.zone)}`, fallback };
}
