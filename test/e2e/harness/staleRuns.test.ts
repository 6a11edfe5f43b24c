import { describe, expect, it } from 'vitest';
import { newRunId, runDatabase, runOf, runRedisPrefix, runStartedAt, staleRuns, STALE_RUN_MS } from './staleRuns';

describe('queue-mode e2e runs left behind', () => {
  const now = Date.UTC(2026, 10, 30, 12, 0);
  const old = newRunId(now - STALE_RUN_MS - 1);
  const young = newRunId(now - 60_000);

  it('a run id carries its start time; database and Redis names carry the run', () => {
    expect(runStartedAt(old)).toBe(now - STALE_RUN_MS - 1);
    expect(runOf(runDatabase(old))).toBe(old);
    expect(runOf(`${runRedisPrefix(old)}-bull:jobs:wait`)).toBe(old);
    expect(runOf(`${runRedisPrefix(old)}:cache:workflow`)).toBe(old);
  });

  it('only runs older than an hour are stale; names this harness did not make are never touched', () => {
    const names = [
      runDatabase(old),
      `${runRedisPrefix(old)}-bull:jobs:1`,
      runDatabase(young),
      `${runRedisPrefix(young)}-bull:jobs:1`,
      'n8n_e2e_a1b2c3d4e5', // the previous format (no time): left alone
      'n8n_production',
      'e2e-something-else',
      'test',
    ];
    expect(staleRuns(names, now)).toEqual([old]);
  });
});
