/**
 * What the Sequence Scheduler's stranded-work test files share: the clock, an n8n-core harness per
 * file and a one-node Scheduler workflow run at a given Current Time.
 */
import { beforeAll } from 'vitest';
import { loadHarness, type Harness, type RunOptions } from '../harness';

export const MIN = 60_000;
export const HOUR = 60 * MIN;
/** Thursday 2027-01-14 12:00 in Miami (17:00 UTC): inside every send window */
export const NOON = Date.UTC(2027, 0, 14, 17, 0);
export const iso = (t: number) => new Date(t).toISOString();

export type Poll = (now: number, parameters?: Record<string, unknown>) => ReturnType<Harness['runWorkflow']>;

/** Registers the file's harness hook; `phonePrefix` (8 characters, e.g. '+1305557') keeps each file's callers apart. */
export function schedulerRig(phonePrefix: string) {
  let h: Harness;
  beforeAll(async () => {
    h = await loadHarness();
  });
  let phones = 0;
  return {
    nextPhone: () => `${phonePrefix}${String(1000 + ++phones).slice(-4)}`,
    /** a poll on a ledger: `extra` (credentials) and `base` parameters fixed, the Current Time and more per call */
    pollWith:
      (extra: Partial<RunOptions>, base: Record<string, unknown>): Poll =>
      (now, parameters = {}) =>
        h.runWorkflow({
          nodes: [{ name: 'Scheduler', type: 'sequenceScheduler', parameters: { currentTime: iso(now), ...base, ...parameters } }],
          connections: [],
          startNode: 'Scheduler',
          ...extra,
        }),
  };
}
