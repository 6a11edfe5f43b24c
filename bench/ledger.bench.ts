/**
 * npm run bench:ledger — the Postgres ledger's work for the first touch of a missed call, with named
 * prepared statements (the default) and without (`preparedStatements: false`), in one run.
 *
 * Each call runs the real code path in-process, as test/nodes/corePath.postgres.workflow.test.ts does:
 * the Missed Call Trigger's webhook (generic provider) → Consent Gate → Follow-up Sender (sandbox) in
 * n8n-core, every node on the Postgres ledger. The two modes alternate in blocks (ABBA order, so a
 * steady drift of the machine's load falls on both alike), each block on a fresh schema with fresh
 * pools, N distinct callers one after the other after a few unmeasured warm-up calls (they open and
 * migrate the ledger). Per block and per mode: wall ms per call (p50/p99), PostgreSQL CPU ms per call —
 * `all`: every `postgres` process (from /proc, USER_HZ 100; other load on the server counts too),
 * `own`: the backends of this run's connections (application_name) — and this process's CPU ms per
 * call; then prepared/unnamed ratios of the medians over blocks, and a final JSON line. Asserts only
 * that every call got its first touch.
 * Needs PostgreSQL (LEDGER_PG_URL, default postgres://postgres@127.0.0.1:5432/test) and a build of
 * dist/ (the harness loads the built nodes): `bash scripts/run.sh node scripts/build.mjs`.
 * Env: BENCH_LEDGER_CALLS (300), BENCH_LEDGER_BLOCKS (3 of each mode), BENCH_LEDGER_WARMUP (5).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { join } from 'node:path';
import type { IDataObject } from 'n8n-workflow';
import { N8N_NODE_NAMES as N } from '../designer/src/export';
import { closeCachedLedgers } from '../nodes/shared/ledgerFor';
import { fourTouch } from '../shared/templates';
import { loadHarness, makePackageDir, REPO, useFreshUserFolder } from '../test/nodes/harness';
import { corePathWorkflow, genericTriggerParameters } from '../test/nodes/corePathWorkflow';
import { missCallers } from './missCallers';
import { pgAvailable, pgLedgerFixture, pgQuery, PG_URL } from '../test/nodes/ledger/pgStore';

const CALLS = Number(process.env.BENCH_LEDGER_CALLS ?? 300);
const BLOCKS = Number(process.env.BENCH_LEDGER_BLOCKS ?? 3);
const WARMUP = Number(process.env.BENCH_LEDGER_WARMUP ?? 5);
/** every pool connection of this run says so (pg reads PGAPPNAME when it connects) */
const APP = `mcl_bench_${process.pid}`;
process.env.PGAPPNAME = APP;

const T0 = Date.UTC(2027, 0, 14, 16, 0); // Thu 10:00 Chicago, 11:00 Miami: every gate rule allows a text
const TOKEN = 'bench-ledger-token';
const log = (s: string) => process.stderr.write(`${s}\n`);

type Mode = 'prepared' | 'unnamed';

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
};
const median = (xs: number[]) => pct(xs, 50);
const r2 = (x: number) => Math.round(x * 100) / 100;

// ---------- CPU from /proc (as bench/e2e.bench.ts reads it) ----------
const TICK = 100; // USER_HZ on Linux

/** CPU seconds (utime + stime) of each process named `postgres`, by pid. */
function postgresCpu(): Map<number, number> {
  const out = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const st = readFileSync(`/proc/${d}/stat`, 'utf8');
      const close = st.lastIndexOf(')');
      if (st.slice(st.indexOf('(') + 1, close) !== 'postgres') continue;
      const f = st.slice(close + 2).split(' ');
      out.set(Number(d), (Number(f[11]) + Number(f[12])) / TICK);
    } catch {
      /* gone */
    }
  }
  return out;
}

/** pids of this run's backends (not the one asking). */
async function ownBackends(): Promise<Set<number>> {
  const { rows } = await pgQuery('SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()', [APP]);
  return new Set(rows.map((r) => Number(r.pid)));
}

/** CPU seconds between two snapshots, over the processes alive at the end (`only`: those pids). */
function cpuSince(before: Map<number, number>, after: Map<number, number>, only?: Set<number>): number {
  let s = 0;
  for (const [pid, cpu] of after) if (!only || only.has(pid)) s += cpu - (before.get(pid) ?? 0);
  return s;
}

// ---------- the workflow: trigger → gate → sender, every pack node on the Postgres ledger ----------

const TRIGGER_PARAMS = genericTriggerParameters(fourTouch, { ledger: 'postgres', token: TOKEN }) as IDataObject;

const nextCaller = missCallers();
let callSeq = 0;

/** The dist copy's ledger cache (the nodes n8n-core runs require it): closed after each block. */
function distLedgerFor(): { closeCachedLedgers(): Promise<void>; cachedLedgers(): unknown[] } {
  const runtime = join(makePackageDir(), 'dist/nodes/runtime/missedCallRuntime.js');
  return createRequire(runtime)(runtime).modules['nodes/shared/ledgerFor.ts'];
}

/**
 * Under tsx's require, `…/MissedCallTrigger.node` resolves to MissedCallTrigger.node.json before the
 * .node.ts beside it (vitest takes the .ts): the fake webhook's import of the trigger class gets the TS source.
 */
function preferNodeSources(): void {
  const M = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const resolve = M._resolveFilename;
  M._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]): string {
    const resolved = resolve.call(this, request, ...rest);
    const ts = resolved.replace(/\.node\.json$/, '.node.ts');
    return request.endsWith('.node') && ts !== resolved && existsSync(ts) ? ts : resolved;
  };
}

interface BlockResult {
  mode: Mode;
  calls: number;
  wallMs: { p50: number; p99: number };
  pgCpuMsPerCall: { all: number; own: number };
  nodeCpuMsPerCall: number;
}

async function main(): Promise<void> {
  if (!(await pgAvailable())) throw new Error(`no PostgreSQL at ${PG_URL} (set LEDGER_PG_URL)`);
  if (!readFileSync(join(REPO, 'dist/nodes/runtime/missedCallRuntime.js'), 'utf8').includes('preparedStatements')) {
    throw new Error('dist/ predates the preparedStatements option: run `bash scripts/run.sh node scripts/build.mjs`');
  }
  preferNodeSources();
  const { harness: triggerHarness } = await import('../test/nodes/MissedCallTrigger/fakeWebhook');
  useFreshUserFolder();
  const h = await loadHarness();
  const distLedger = distLedgerFor();
  const { nodes, connections } = corePathWorkflow(fourTouch, { ledger: 'postgres', currentTime: new Date(T0).toISOString() });

  async function block(mode: Mode, index: number): Promise<BlockResult> {
    const fix = pgLedgerFixture(`bench_ledger_${mode}_${index}`);
    const cred = { ...fix.credentials.missedCallPostgresLedgerApi, preparedStatements: mode === 'prepared' };
    const trigger = triggerHarness(TRIGGER_PARAMS, { missedCallPostgresLedgerApi: cred });
    const firstTouch = async () => {
      const phone = nextCaller();
      const body = JSON.stringify({ call: { id: `bench-${process.pid}-${++callSeq}`, from: phone, to: '+15125550142', status: 'missed', direction: 'inbound', caller_name: 'Dana Lee' } });
      const { reply, result } = await trigger.call({ rawBody: body, headers: { 'content-type': 'application/json', 'x-webhook-token': TOKEN } }, { currentTime: new Date(T0).toISOString() });
      const item = ((result.workflowData ?? [[]]) as { json: IDataObject }[][])[0]?.[0];
      if (reply.status !== 200 || item === undefined) throw new Error(`the trigger answered ${reply.status} without an item for ${phone}`);
      const r = await h.runWorkflow({ nodes, connections, startNode: N.trigger, triggerItems: [item.json], credentials: { missedCallPostgresLedgerApi: cred } });
      const sent = r.outputs(N.senderNow)[0]?.[0]?.send as IDataObject | undefined;
      if (r.error !== undefined || sent?.outcome !== 'sent') throw new Error(`no first touch for ${phone}: ${r.error?.message ?? JSON.stringify(sent)}`);
    };
    try {
      for (let i = 0; i < WARMUP; i++) await firstTouch();
      if (distLedger.cachedLedgers().length === 0) throw new Error('the nodes did not open their ledger in the dist copy this bench closes');
      const pg0 = postgresCpu();
      const node0 = process.cpuUsage();
      const walls: number[] = [];
      for (let i = 0; i < CALLS; i++) {
        const t = performance.now();
        await firstTouch();
        walls.push(performance.now() - t);
      }
      const node1 = process.cpuUsage(node0);
      const pg1 = postgresCpu();
      const own = await ownBackends();
      const res: BlockResult = {
        mode,
        calls: CALLS,
        wallMs: { p50: r2(pct(walls, 50)), p99: r2(pct(walls, 99)) },
        pgCpuMsPerCall: { all: r2((cpuSince(pg0, pg1) * 1000) / CALLS), own: r2((cpuSince(pg0, pg1, own) * 1000) / CALLS) },
        nodeCpuMsPerCall: r2((node1.user + node1.system) / 1000 / CALLS),
      };
      log(`${mode.padEnd(8)} block ${index + 1}: wall p50 ${res.wallMs.p50} ms p99 ${res.wallMs.p99} ms; postgres CPU/call ${res.pgCpuMsPerCall.all} ms (own backends ${res.pgCpuMsPerCall.own}); node CPU/call ${res.nodeCpuMsPerCall} ms`);
      return res;
    } finally {
      await trigger.cleanup(); // the source copy's ledgers (the trigger)
      await distLedger.closeCachedLedgers(); // the dist copy's (gate, sender)
      await closeCachedLedgers();
      await fix.drop();
    }
  }

  // ABBA: prepared, unnamed, unnamed, prepared, prepared, unnamed, …
  const order: Mode[] = [];
  for (let i = 0; i < BLOCKS; i++) order.push(...((i % 2 === 0 ? ['prepared', 'unnamed'] : ['unnamed', 'prepared']) as Mode[]));
  log(`bench:ledger — ${CALLS} first touches per block, ${BLOCKS} blocks per mode (${order.join(', ')}), ${WARMUP} warm-up calls each, PostgreSQL at ${new URL(PG_URL).host}`);
  const results: BlockResult[] = [];
  const seen: Record<Mode, number> = { prepared: 0, unnamed: 0 };
  for (const mode of order) results.push(await block(mode, seen[mode]++));

  const summary = (mode: Mode) => {
    const rs = results.filter((r) => r.mode === mode);
    return {
      wallMs: { p50: median(rs.map((r) => r.wallMs.p50)), p99: median(rs.map((r) => r.wallMs.p99)) },
      pgCpuMsPerCall: { all: median(rs.map((r) => r.pgCpuMsPerCall.all)), own: median(rs.map((r) => r.pgCpuMsPerCall.own)) },
      nodeCpuMsPerCall: median(rs.map((r) => r.nodeCpuMsPerCall)),
    };
  };
  const prepared = summary('prepared');
  const unnamed = summary('unnamed');
  const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 1000) / 1000 : null);
  const ratios = {
    wallP50: ratio(prepared.wallMs.p50, unnamed.wallMs.p50),
    wallP99: ratio(prepared.wallMs.p99, unnamed.wallMs.p99),
    pgCpuAll: ratio(prepared.pgCpuMsPerCall.all, unnamed.pgCpuMsPerCall.all),
    pgCpuOwn: ratio(prepared.pgCpuMsPerCall.own, unnamed.pgCpuMsPerCall.own),
    nodeCpu: ratio(prepared.nodeCpuMsPerCall, unnamed.nodeCpuMsPerCall),
  };
  for (const [mode, s] of [['prepared', prepared], ['unnamed', unnamed]] as const) {
    console.log(`${mode.padEnd(8)} (median of ${BLOCKS} blocks): wall p50 ${s.wallMs.p50} ms p99 ${s.wallMs.p99} ms; postgres CPU/call ${s.pgCpuMsPerCall.all} ms (own backends ${s.pgCpuMsPerCall.own}); node CPU/call ${s.nodeCpuMsPerCall} ms`);
  }
  console.log(`prepared/unnamed: wall p50 ${ratios.wallP50}, p99 ${ratios.wallP99}; postgres CPU ${ratios.pgCpuAll} (own backends ${ratios.pgCpuOwn}); node CPU ${ratios.nodeCpu}`);
  const { availableParallelism, loadavg } = await import('node:os');
  console.log(JSON.stringify({ bench: 'ledger', calls: CALLS, blocksPerMode: BLOCKS, cores: availableParallelism(), loadavg: loadavg().map(r2), prepared, unnamed, ratios, blocks: results }));
}

main().then(
  () => process.exit(0),
  (e: Error) => {
    process.stderr.write(`bench:ledger failed: ${e.stack ?? e.message}\n`);
    process.exit(1);
  },
);
