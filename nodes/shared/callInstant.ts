import type { CallEvent } from '../../shared/schema/callEvent';

/**
 * Instant of the missed call: call.startedAt, else endedAt, else `fallback` (first receipt, or
 * when the enrollment was made).
 * @example callInstant({ startedAt: '2027-01-14T15:00:00Z' }, 0) // Date.UTC(2027, 0, 14, 15)
 */
export function callInstant(call: Partial<Pick<CallEvent, 'startedAt' | 'endedAt'>> | null | undefined, fallback: number): number {
  for (const v of [call?.startedAt, call?.endedAt]) {
    const t = typeof v === 'string' ? Date.parse(v) : NaN;
    if (!Number.isNaN(t)) return t;
  }
  return fallback;
}
