/**
 * Fuzzing at volume: ≥ 100 000 generated inputs per target (classifyWebhook per provider, the
 * template renderer, the opt-out classifier, the Missed Call Trigger's webhook entry), plus the
 * deep / huge / wide bodies. Prints per-target counts and the slowest input, then one JSON line.
 * Run: bash scripts/run.sh node --import tsx bench/fuzz.bench.ts   (FUZZ_BENCH_RUNS=… to change)
 * Exit code 1 when any input crashed, got a 5xx, or took over 1 s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { classifyInput, extremeBodies, hostileText, PARSER_PROVIDERS, renderInput, runClassify, runOptOut, runRender } from '../test/fuzz/targets';
import { runWebhook, SIGNED_PROVIDERS, webhookInput } from '../test/fuzz/webhookTarget';
import { closeCachedLedgers } from '../nodes/shared/ledgerFor';

const RUNS = Number(process.env.FUZZ_BENCH_RUNS ?? 100_000);
const MAX_MS = 1_000;

interface Report {
  target: string;
  runs: number;
  counts: Record<string, number>;
  slowestMs: number;
  failures: number;
  firstFailure?: string;
  seconds: number;
}

async function bench<T>(target: string, arb: fc.Arbitrary<T>, fn: (x: T) => string | Promise<string>, runs = RUNS): Promise<Report> {
  const r: Report = { target, runs: 0, counts: {}, slowestMs: 0, failures: 0, seconds: 0 };
  const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
  const t0 = performance.now();
  const rnd = fc.sample(arb, { numRuns: Math.min(runs, 20_000), seed });
  // sample in chunks so a 100 000-run target never holds all inputs at once
  for (let done = 0, chunk = 0; done < runs; chunk++) {
    const inputs = chunk === 0 ? rnd : fc.sample(arb, { numRuns: Math.min(runs - done, 20_000), seed: seed + chunk });
    for (const x of inputs) {
      const s = performance.now();
      try {
        const label = await fn(x);
        r.counts[label] = (r.counts[label] ?? 0) + 1;
      } catch (e) {
        r.failures++;
        r.firstFailure ??= `${(e as Error).message} — seed ${seed + chunk}, input ${JSON.stringify(x)?.slice(0, 500)}`;
      }
      const ms = performance.now() - s;
      if (ms > r.slowestMs) r.slowestMs = ms;
      if (ms > MAX_MS) {
        r.failures++;
        r.firstFailure ??= `took ${ms.toFixed(0)} ms — seed ${seed + chunk}`;
      }
    }
    done += inputs.length;
    r.runs = done;
  }
  r.seconds = (performance.now() - t0) / 1000;
  return r;
}

async function main(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'fuzz-bench-'));
  process.env.N8N_USER_FOLDER = folder;
  const reports: Report[] = [];
  const print = (r: Report) => {
    reports.push(r);
    const counts = Object.entries(r.counts)
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `${k}=${n}`)
      .join(' ');
    process.stdout.write(
      `${r.target.padEnd(22)} ${String(r.runs).padStart(7)} inputs  ${r.seconds.toFixed(1).padStart(6)} s  slowest ${r.slowestMs.toFixed(2)} ms  failures ${r.failures}  ${counts}\n`,
    );
    if (r.firstFailure) process.stdout.write(`  first failure: ${r.firstFailure}\n`);
  };
  try {
    for (const p of PARSER_PROVIDERS) print(await bench(`classifyWebhook:${p}`, classifyInput(p), (x) => runClassify(p, x)));
    print(await bench('renderTemplate', renderInput, runRender));
    print(await bench('classifyInbound', hostileText, runOptOut));
    print(await bench('trigger webhook', webhookInput, runWebhook));
    const extremes = extremeBodies();
    const ex = PARSER_PROVIDERS.flatMap((p) => extremes.map((b) => ({ p, b })));
    print(await bench('extreme bodies', fc.constantFrom(...ex), ({ p, b }) => runClassify(p, b), ex.length * 3));
    const wx = SIGNED_PROVIDERS.flatMap((p) => extremes.map((b) => ({ p, b })));
    print(
      await bench('extreme webhooks', fc.constantFrom(...wx), ({ p, b }) => runWebhook({ provider: p, signed: true, raw: Buffer.from(b.body), contentType: b.contentType }), wx.length * 2),
    );
  } finally {
    await closeCachedLedgers();
    rmSync(folder, { recursive: true, force: true });
  }
  const failures = reports.reduce((n, r) => n + r.failures, 0);
  const summary = {
    bench: 'fuzz',
    runsPerTarget: RUNS,
    totalInputs: reports.reduce((n, r) => n + r.runs, 0),
    failures,
    slowestMs: Number(Math.max(...reports.map((r) => r.slowestMs)).toFixed(2)),
    targets: Object.fromEntries(reports.map((r) => [r.target, { runs: r.runs, failures: r.failures, slowestMs: Number(r.slowestMs.toFixed(2)), seconds: Number(r.seconds.toFixed(1)) }])),
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  process.exitCode = failures > 0 ? 1 : 0;
}

void main();
