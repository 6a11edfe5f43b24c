import type { Harness } from '../harness';

/** Sequence Scheduler → Consent Gate at `now`, as the exported later-touch workflow runs them. */
export function schedulerToGate(h: Harness, now: number) {
  const currentTime = new Date(now).toISOString();
  return h.runWorkflow({
    nodes: [
      { name: 'Scheduler', type: 'sequenceScheduler', parameters: { currentTime, batchSize: 50 } },
      { name: 'Gate', type: 'consentGate', parameters: { currentTime } },
    ],
    connections: [['Scheduler', 'Gate']],
    startNode: 'Scheduler',
  });
}
