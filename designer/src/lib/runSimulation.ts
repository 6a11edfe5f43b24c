import { fromZonedTime } from 'date-fns-tz';
import { analyzePhone } from '../../../shared/phone';
import { simulateSequence, type Simulation } from '../../../shared/simulate';
import type { SequenceTemplate } from '../../../shared/schema';
import { localDate, SAMPLE_CALL_TIME, type SampleCaller } from './samples';

export interface SimulationRun {
  /** the caller's zone (first candidate), null when unknown */
  zone: string | null;
  /** the missed call's instant; null when `local` is not a date and time */
  at: number | null;
  /** null when there is nothing to simulate (no template) or it failed */
  sim: Simulation | null;
  error: string | null;
}

/** `YYYY-MM-DDTHH:mm` of `now`'s date at the sample call time (the Simulator reads it in the caller's zone). */
export function defaultLocal(now: Date): string {
  return `${localDate(now)}T${SAMPLE_CALL_TIME}`;
}

/**
 * The Simulator's timeline for `caller` missing a call at `local` (`YYYY-MM-DDTHH:mm` in the caller's
 * zone, UTC if unknown); without a template (one the schema rejects) only the zone and instant.
 */
export function runSimulation(template: SequenceTemplate | null, caller: SampleCaller, local: string): SimulationRun {
  const zone = analyzePhone(caller.phone)?.zones[0] ?? null;
  const at = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local) ? fromZonedTime(local, zone ?? 'UTC').getTime() : null;
  if (at === null || Number.isNaN(at)) return { zone, at: null, sim: null, error: 'Pick a date and time.' };
  if (!template) return { zone, at, sim: null, error: null };
  try {
    return { zone, at, sim: simulateSequence(template, { to: caller.phone, at }), error: null };
  } catch (e) {
    return { zone, at, sim: null, error: `Cannot simulate this template yet: ${(e as Error).message}` };
  }
}
