/**
 * Names of one queue-mode e2e run's PostgreSQL database and Redis key prefix, and the sweep of runs
 * a hard-killed test process left behind (their stop() never ran). A run id carries its start time
 * (base 36), so a sweep can tell a crashed run from one that is still going in another process.
 */
import { randomBytes } from 'node:crypto';

/** Older than this, a run is taken as dead: no e2e run lasts an hour. */
export const STALE_RUN_MS = 60 * 60_000;

export function newRunId(now = Date.now()): string {
  return `${now.toString(36)}_${randomBytes(4).toString('hex')}`;
}

export const runDatabase = (run: string) => `n8n_e2e_${run}`;
export const runRedisPrefix = (run: string) => `e2e-${run}`;

/** The start time of a run id, or null for a name this harness did not make. */
export function runStartedAt(run: string): number | null {
  const m = /^([0-9a-z]{6,10})_[0-9a-f]{8}$/.exec(run);
  if (!m) return null;
  const t = parseInt(m[1]!, 36);
  return Number.isSafeInteger(t) ? t : null;
}

/** The run id inside a database name or Redis key made by this harness (null otherwise). */
export function runOf(name: string): string | null {
  const m = /^(?:n8n_e2e_|e2e-)([0-9a-z]{6,10}_[0-9a-f]{8})(?:$|[-:])/.exec(name);
  return m && runStartedAt(m[1]!) !== null ? m[1]! : null;
}

/** The distinct runs among `names` that started more than `maxAgeMs` before `now`. */
export function staleRuns(names: readonly string[], now: number, maxAgeMs = STALE_RUN_MS): string[] {
  const out = new Set<string>();
  for (const n of names) {
    const run = runOf(n);
    if (run !== null && now - runStartedAt(run)! > maxAgeMs) out.add(run);
  }
  return [...out];
}
