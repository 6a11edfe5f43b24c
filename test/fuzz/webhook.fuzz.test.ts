/**
 * Fuzzing of the Missed Call Trigger's webhook entry (the real node, a fake n8n context, an embedded
 * ledger in a temp folder): hostile bodies, signed and unsigned, must end in 200 / 400 / 401 with a
 * JSON error, never an exception (n8n's 500) and never take over 1 s. FUZZ_RUNS inputs (default 2 000).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeCachedLedgers } from '../../nodes/shared/ledgerFor';
import { extremeBodies } from './targets';
import { runWebhook, SIGNED_PROVIDERS, webhookInput } from './webhookTarget';

const RUNS = Number(process.env.FUZZ_RUNS ?? 2_000);
let folder: string;
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'fuzz-webhook-'));
  process.env.N8N_USER_FOLDER = folder;
});
afterAll(async () => {
  await closeCachedLedgers();
  rmSync(folder, { recursive: true, force: true });
});

describe('fuzz: Missed Call Trigger webhook', () => {
  it(`answers ${RUNS} hostile deliveries with 200/400/401 and a message, within 1 s each`, async () => {
    const counts: Record<string, number> = {};
    let slowest = 0;
    const details = await fc.check(
      fc.asyncProperty(webhookInput, async (x) => {
        const t0 = performance.now();
        const status = await runWebhook(x);
        const ms = performance.now() - t0;
        slowest = Math.max(slowest, ms);
        if (ms > 1_000) throw new Error(`took ${ms.toFixed(0)} ms`);
        counts[status] = (counts[status] ?? 0) + 1;
      }),
      { numRuns: RUNS },
    );
    if (details.failed) {
      const err = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
      expect.fail(`seed ${details.seed}, path "${details.counterexamplePath}": ${err}\ninput: ${JSON.stringify(details.counterexample)?.slice(0, 2_000)}`);
    }
    // every answer class is reached: accepted, refused as unreadable, refused as unauthenticated
    expect(Object.keys(counts).sort()).toEqual(['200', '400', '401']);
  }, 120_000);

  const extremes = extremeBodies();
  it.each(SIGNED_PROVIDERS.flatMap((p) => extremes.map((b) => [p, b.name, b] as const)))('%s: signed %s gets a 4xx or 200 within 1 s', async (provider, _n, b) => {
    const t0 = performance.now();
    const status = await runWebhook({ provider, signed: true, raw: Buffer.from(b.body, 'utf8'), contentType: b.contentType });
    expect(['200', '400', '401']).toContain(status);
    expect(performance.now() - t0).toBeLessThan(1_000);
  });
});
