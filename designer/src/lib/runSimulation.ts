import { simulateSequence, type SimulateOptions, type Simulation } from '../../../shared/simulate';
import type { SequenceTemplate } from '../../../shared/schema';
import { callerZone, localCallAt, type SampleCaller } from './samples';

export interface SimulationRun {
  /** the caller's zone (first candidate), null when unknown */
  zone: string | null;
  /** the missed call's instant; null when `local` is not a date and time */
  at: number | null;
  /** null when there is nothing to simulate (no template) or it failed */
  sim: Simulation | null;
  error: string | null;
}

/**
 * The Simulator's timeline for `caller` missing a call at `local` (`YYYY-MM-DDTHH:mm` in the caller's
 * zone, UTC if unknown); without a template (one the schema rejects) only the zone and instant.
 * `opts`: the call class (default missed) and the Consent Gate's Sensitive Industry option (default off).
 */
export function runSimulation(
  template: SequenceTemplate | null,
  caller: SampleCaller,
  local: string,
  opts: Pick<SimulateOptions, 'callClass' | 'sensitiveIndustry'> = {},
): SimulationRun {
  const zone = callerZone(caller);
  const at = localCallAt(caller, local);
  if (at === null) return { zone, at: null, sim: null, error: 'Pick a date and time.' };
  if (!template) return { zone, at, sim: null, error: null };
  try {
    return { zone, at, sim: simulateSequence(template, { to: caller.phone, at, ...opts }), error: null };
  } catch (e) {
    return { zone, at, sim: null, error: `Cannot simulate this template yet: ${(e as Error).message}` };
  }
}
