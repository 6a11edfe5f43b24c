/**
 * Every node bundle requires one runtime chunk, so a process has one ledger cache (one pg pool per
 * Postgres credential). The nodes are loaded from the built dist by n8n-core's PackageDirectoryLoader,
 * the way n8n loads them (a vm context with the host's require); the chunk is required from the same
 * path, so it is the very module instance the node bundles use.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as LedgerForModule from '../../nodes/shared/ledgerFor';
import { loadHarness, useFreshUserFolder, type Harness } from '../nodes/harness';
import type { TestCredentials } from '../nodes/harness/credentialsHelper';
import { pgLedgerFixture } from '../nodes/ledger/pgStore';

const RUNTIME = 'dist/nodes/runtime/missedCallRuntime.js';
const pgFix = pgLedgerFixture('shared_runtime');
const T0 = Date.UTC(2027, 0, 11, 15, 0);

let h: Harness;
let cache: typeof LedgerForModule;

beforeAll(async () => {
  useFreshUserFolder();
  h = await loadHarness();
  const chunk = createRequire(import.meta.url)(join(h.loader.directory, RUNTIME)) as { modules: Record<string, unknown> };
  cache = chunk.modules['nodes/shared/ledgerFor.ts'] as typeof LedgerForModule;
});
afterAll(async () => {
  await cache?.closeCachedLedgers();
  await pgFix.drop();
});

/** Runs one node that opens the ledger: the Sequence Scheduler (a poll) or the Missed Call Ledger (get a contact). */
async function run(node: 'sequenceScheduler' | 'missedCallLedger', ledger: 'embedded' | 'postgres') {
  const parameters: Record<string, unknown> = { ledger, currentTime: new Date(T0).toISOString() };
  if (node === 'missedCallLedger') Object.assign(parameters, { resource: 'contact', operation: 'get', phone: '+13055550123' });
  const credentials: TestCredentials = ledger === 'postgres' ? pgFix.credentials : {};
  const r = await h.runWorkflow({
    nodes: [{ name: 'N', type: node, parameters: parameters as never }],
    connections: [],
    startNode: 'N',
    credentials,
    ...(node === 'missedCallLedger' ? { triggerItems: [{}] } : {}),
  });
  expect(r.error).toBeUndefined();
  expect(r.order).toEqual(['N']);
}

describe.each(['embedded', 'postgres'] as const)('two node bundles on the %s ledger', (ledger) => {
  it('open their ledger into the one cache of the runtime chunk, and the second reuses the first one’s', async () => {
    await cache.closeCachedLedgers();
    expect(cache.cachedLedgers()).toEqual([]);

    // each node, on an empty cache, opens into the chunk's cache: both bundles use the chunk's module
    await run('sequenceScheduler', ledger);
    const bySchedulerFirst = cache.cachedLedgers();
    expect(bySchedulerFirst).toHaveLength(1);
    await run('missedCallLedger', ledger);
    expect(cache.cachedLedgers()).toHaveLength(1);
    expect(cache.cachedLedgers()[0]).toBe(bySchedulerFirst[0]);

    await cache.closeCachedLedgers();
    await run('missedCallLedger', ledger);
    const byLedgerNodeFirst = cache.cachedLedgers();
    expect(byLedgerNodeFirst).toHaveLength(1);
    expect(byLedgerNodeFirst[0]).not.toBe(bySchedulerFirst[0]);
    await run('sequenceScheduler', ledger);
    expect(cache.cachedLedgers()[0]).toBe(byLedgerNodeFirst[0]);
    expect(cache.cachedLedgers()).toHaveLength(1);
  });
});
