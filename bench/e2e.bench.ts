/**
 * npm run bench:e2e — time to first touch in a real n8n 2.40.7 with the packed pack installed as a
 * community package. Prints figures, asserts nothing; loopback only; stops by itself.
 *
 * 1. Regular mode (SQLite, embedded ledger), once per n8n settings (`recommended`: the pack's
 *    RECOMMENDED_N8N_ENV, as `npm start` runs; `defaults`: n8n's own): a signed Twilio "no-answer"
 *    callback → the product workflow (Missed Call Trigger → Consent Gate → Follow-up Sender → the
 *    Twilio emulator), timed from the POST to the moment the SMS request reaches the emulator; p50/p99
 *    at concurrency 1 and 10 (distinct callers). Beside it, on the same n8n in the same run, the same
 *    workflow shape built of n8n's own nodes (sameShapeNoop), timed from the POST to its stoppedAt; and
 *    that shape again carrying the product's parameters and credentials (informative: the pack's share).
 * 2. Burst in queue mode (startQueueCluster: PostgreSQL + Redis, workers, a webhook processor;
 *    Postgres ledger; recommended settings): 1,000 distinct missed calls spread over 55 s. Every
 *    caller must get exactly one first touch; p99 time to first touch, POST → answer, CPU per
 *    process from /proc, Redis queue depth.
 * Layouts: the follow-up as npm start publishes it, three workflows (first touch, later touches,
 * replies: splitN8nWorkflow), and beside it (recommended settings) the designer's one workflow; the
 * NoOp shapes copy the workflow the trigger is in.
 * Env: BENCH_N8N_SETTINGS (recommended|defaults|both; both), BENCH_LAYOUT (split|single|both; both),
 * BENCH_BURST_LAYOUT (split|single; split), BENCH_SKIP_REGULAR=1, BENCH_SKIP_BURST=1,
 * BENCH_BURST (1000), BENCH_WORKERS (2), BENCH_CONCURRENCY (10, n8n's default for `n8n worker`),
 * BENCH_N8N_DB_POOL (DB_POSTGRESDB_POOL_SIZE of the burst's processes; n8n's default 2),
 * BENCH_EXPRESSION_ENGINE (vm|legacy; n8n's default vm), BENCH_PG_PREPARED (0: the Postgres ledger without
 * named prepared statements), BENCH_N8N_EXTRA_ENV (JSON: more environment for the burst's n8n processes), BENCH_NODE_ARGS (JSON: node
 * flags per burst role: main, worker1, worker2, webhook; e.g. --cpu-prof), BENCH_PG_LEDGER_HOST (the ledger
 * credential's host, e.g. /var/run/postgresql for PostgreSQL's Unix socket).
 */
import { createRequire } from 'node:module';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { N8nApi, type Execution } from '../test/e2e/harness/n8nApi';
import { startN8n } from '../test/e2e/harness/n8nProcess';
import { artifactsDir } from '../test/e2e/harness/paths';
import { ensureN8n, installPackage, packTarball } from '../test/e2e/harness/prepare';
import { startQueueCluster } from '../test/e2e/harness/queueCluster';
import { parentNoAnswer, postTwilio } from '../test/e2e/harness/twilioWebhook';
import { startTwilioEmulator, type ReceivedMessage, type TwilioEmulator } from '../test/emulators/twilioEmulator';
import { setUpWorkflows, waitForWebhook } from '../scripts/product/setUpWorkflows';
import { RECOMMENDED_N8N_ENV } from '../scripts/product/recommendedN8nEnv';
import { missCallers } from './missCallers';
import type { N8nWorkflow } from '../designer/src/export/n8nWorkflow';

type Layout = 'split' | 'single';
const LAYOUT_TITLE: Record<Layout, string> = { split: 'three workflows (as npm start publishes them)', single: 'one workflow (the designer\'s single export)' };
/** BENCH_LAYOUT: split, single or both (regular mode; default both: single with the recommended settings only) */
const LAYOUTS: Layout[] = (() => {
  const v = process.env.BENCH_LAYOUT ?? 'both';
  if (v !== 'split' && v !== 'single' && v !== 'both') throw new Error(`BENCH_LAYOUT must be split, single or both, not ${v}`);
  return v === 'both' ? ['split', 'single'] : [v];
})();
/** the burst's layout: BENCH_BURST_LAYOUT (split, the product's, or single) */
const BURST_LAYOUT: Layout = process.env.BENCH_BURST_LAYOUT === 'single' ? 'single' : 'split';
/** Wednesday 10:00 in Miami: every gate rule allows a text (the nodes' "Current Time"). */
const CALL_AT = '2027-03-10T15:00:00.000Z';
const ENGINE = process.env.BENCH_EXPRESSION_ENGINE ?? '';
/** the burst's Postgres ledger credential: named prepared statements (default) or not (BENCH_PG_PREPARED=0) */
const PG_PREPARED = process.env.BENCH_PG_PREPARED !== '0';
/** more environment for every n8n process of the burst (BENCH_N8N_EXTRA_ENV, JSON), e.g. execution-data settings */
const BURST_EXTRA_ENV = JSON.parse(process.env.BENCH_N8N_EXTRA_ENV ?? '{}') as Record<string, string>;
/** node flags per burst role (BENCH_NODE_ARGS, JSON), e.g. {"webhook":["--cpu-prof","--cpu-prof-dir=/tmp/q"]} */
const BURST_NODE_ARGS = JSON.parse(process.env.BENCH_NODE_ARGS ?? '{}') as Record<string, string[]>;
const engineName = ENGINE || 'vm (isolated-vm; n8n 2.40 default)';
const log = (s: string) => process.stderr.write(`${s}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const pct = (xs: number[], p: number) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const stats = (xs: number[], ms: number) => ({ n: xs.length, p50: pct(xs, 50), p99: pct(xs, 99), max: Math.max(...xs), rps: +((xs.length / ms) * 1000).toFixed(1) });

const nextCaller = missCallers();
let sidSeq = 0;
const nextSid = () => `CA${(Date.now().toString(16) + (sidSeq++).toString(16).padStart(8, '0')).padEnd(32, '0').slice(0, 32)}`;

/** Resolves when the emulator receives the SMS for a caller (records every message per caller). */
function smsWatcher(twilio: TwilioEmulator) {
  const waiters = new Map<string, (m: ReceivedMessage) => void>();
  const perCaller = new Map<string, number[]>();
  const orig = twilio.messages.push.bind(twilio.messages);
  twilio.messages.push = (...ms: ReceivedMessage[]) => {
    for (const m of ms) {
      perCaller.set(m.to, [...(perCaller.get(m.to) ?? []), m.receivedAt]);
      waiters.get(m.to)?.(m);
      waiters.delete(m.to);
    }
    return orig(...ms);
  };
  return {
    perCaller,
    wait: (to: string, timeoutMs = 30_000) =>
      new Promise<ReceivedMessage>((res, rej) => {
        const t = setTimeout(() => rej(new Error(`no SMS to ${to} within ${timeoutMs} ms`)), timeoutMs);
        waiters.set(to, (m) => {
          clearTimeout(t);
          res(m);
        });
      }),
  };
}

/**
 * Polls one workflow's recent executions (every 100 ms, same load for both workflows) and resolves
 * a waiter when an execution whose data contains its marker finishes, with the execution's stoppedAt.
 */
function executionWatcher(api: N8nApi) {
  let workflowId = '';
  const waiters = new Map<string, (stoppedAt: number) => void>();
  const seen = new Set<string>();
  /** executionTime (ms) of each node, over every matched execution since the last reset */
  let nodeMs: Record<string, number[]> = {};
  let running = true;
  const loop = (async () => {
    while (running) {
      if (workflowId && waiters.size > 0) {
        const r = await api.call<{ data: Execution[] }>('GET', `/executions?workflowId=${workflowId}&includeData=true&limit=50`).catch((e: Error) => {
          log(`bench: executions poll failed: ${e.message.split('\n')[0]}`);
          return { data: [] as Execution[] };
        });
        for (const e of r.data) {
          if (seen.has(e.id) || !e.stoppedAt || ['new', 'running', 'waiting'].includes(e.status)) continue;
          const text = JSON.stringify(e.data ?? {});
          for (const [marker, done] of waiters) {
            if (text.includes(marker)) {
              seen.add(e.id);
              waiters.delete(marker);
              for (const [node, runs] of Object.entries(e.data?.resultData?.runData ?? {})) {
                const t = (runs[0] as { executionTime?: number } | undefined)?.executionTime;
                if (typeof t === 'number') (nodeMs[node] ??= []).push(t);
              }
              done(Date.parse(e.stoppedAt));
              break;
            }
          }
        }
      }
      await sleep(100);
    }
  })();
  return {
    watch: (id: string) => {
      workflowId = id;
      nodeMs = {};
    },
    /** p50 executionTime per node since the last watch() */
    nodeP50: () => Object.fromEntries(Object.entries(nodeMs).map(([n, xs]) => [n, pct(xs, 50)])),
    wait: (marker: string, timeoutMs = 30_000) =>
      new Promise<number>((res, rej) => {
        const t = setTimeout(() => rej(new Error(`no finished execution with ${marker} within ${timeoutMs} ms`)), timeoutMs);
        waiters.set(marker, (s) => {
          clearTimeout(t);
          res(s);
        });
      }),
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

/** `n` requests, `c` at a time (closed loop); `one` returns [time to first touch, time to execution end]. */
async function closedLoop(c: number, n: number, one: () => Promise<[number, number]>) {
  const first: number[] = [];
  const end: number[] = [];
  let next = 0;
  const t0 = Date.now();
  await Promise.all(
    Array.from({ length: c }, async () => {
      while (next < n) {
        next++;
        const [a, b] = await one();
        first.push(a);
        end.push(b);
      }
    }),
  );
  const ms = Date.now() - t0;
  return { first: stats(first, ms), end: stats(end, ms) };
}

// ---------- CPU per process from /proc ----------
const TICK = 100; // USER_HZ on Linux
interface Proc {
  pid: number;
  ppid: number;
  comm: string;
  cpu: number;
  /** resident set, MB */
  rss: number;
}
const PAGE_MB = 4096 / 1024 / 1024;
function procs(): Proc[] {
  const out: Proc[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const st = readFileSync(`/proc/${d}/stat`, 'utf8');
      const close = st.lastIndexOf(')');
      const f = st.slice(close + 2).split(' ');
      out.push({ pid: Number(d), ppid: Number(f[1]), comm: st.slice(st.indexOf('(') + 1, close), cpu: (Number(f[11]) + Number(f[12])) / TICK, rss: Number(f[21]) * PAGE_MB });
    } catch {
      /* gone */
    }
  }
  return out;
}
const envOf = (pid: number): Record<string, string> => {
  try {
    return Object.fromEntries(
      readFileSync(`/proc/${pid}/environ`, 'utf8')
        .split('\0')
        .filter(Boolean)
        .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
    );
  } catch {
    return {};
  }
};

/** Samples CPU (cores used) and resident memory (MB) per group every second; `groupOf` names a root process's group, children join it. */
function cpuSampler(groupOf: (p: Proc) => string | null) {
  const samples: Record<string, number[]> = {};
  const rssMax: Record<string, number> = {};
  let last: Map<number, { group: string; cpu: number }> | null = null;
  let lastAt = Date.now();
  const take = () => {
    const all = procs();
    const byPid = new Map(all.map((p) => [p.pid, p]));
    const memo = new Map<number, string | null>();
    const group = (p: Proc, depth = 0): string | null => {
      if (memo.has(p.pid)) return memo.get(p.pid)!;
      let g = groupOf(p);
      if (g === null && depth < 4 && byPid.has(p.ppid)) g = group(byPid.get(p.ppid)!, depth + 1);
      memo.set(p.pid, g);
      return g;
    };
    const now = new Map<number, { group: string; cpu: number }>();
    const rss: Record<string, number> = {};
    for (const p of all) {
      const g = group(p);
      if (g) {
        now.set(p.pid, { group: g, cpu: p.cpu });
        rss[g] = (rss[g] ?? 0) + p.rss;
      }
    }
    for (const [g, mb] of Object.entries(rss)) rssMax[g] = Math.max(rssMax[g] ?? 0, mb);
    const at = Date.now();
    if (last) {
      const used: Record<string, number> = {};
      for (const [pid, v] of now) used[v.group] = (used[v.group] ?? 0) + (v.cpu - (last.get(pid)?.cpu ?? v.cpu));
      for (const [g, s] of Object.entries(used)) (samples[g] ??= []).push(s / ((at - lastAt) / 1000));
    }
    last = now;
    lastAt = at;
  };
  take();
  const timer = setInterval(take, 1_000);
  return {
    stop() {
      clearInterval(timer);
      const r: Record<string, { mean: number; max: number; rssMaxMB: number }> = {};
      for (const [g, s] of Object.entries(samples)) r[g] = { mean: +(s.reduce((a, b) => a + b, 0) / s.length).toFixed(2), max: +Math.max(...s).toFixed(2), rssMaxMB: Math.round(rssMax[g] ?? 0) };
      return r;
    },
  };
}

const NOOP_PATH = 'bench-noop';
const CONFIGURED_NOOP_PATH = 'bench-noop-configured';
/** The product workflow as n8n's API returns it (the designer export's shape). */
type ProductWorkflow = Pick<N8nWorkflow, 'connections'> & { nodes: (N8nWorkflow['nodes'][number] & { credentials?: Record<string, unknown> })[] };

/**
 * The product workflow's shape built of n8n's own nodes: the same node names, positions and main
 * connections; the Missed Call Trigger becomes a Webhook (responseMode onReceived), the inbound-SMS
 * Webhook stays a Webhook, the Sequence Scheduler a Manual Trigger, every other node a NoOp; no
 * credentials, no parameters beyond the webhooks'. The first-touch path Trigger → Gate → Sender is
 * then Webhook → NoOp → NoOp → whatever follows, on a workflow of the same size.
 * `configured`: every node also keeps the product node's parameters and credentials (n8n's nodes
 * ignore them, but n8n still stores them with each execution and checks access to the credentials):
 * the baseline without the pack's own work and its nodes' parameter resolution.
 */
function sameShapeNoop(wf: ProductWorkflow, configured = false) {
  const root = configured ? CONFIGURED_NOOP_PATH : NOOP_PATH;
  const seq = configured ? 'c' : 'a';
  const nodes = wf.nodes.map((n, i) => {
    const keep = configured ? { parameters: n.parameters, ...(n.credentials ? { credentials: n.credentials } : {}) } : { parameters: {} };
    const base = { id: `00000000-0000-4000-${seq}000-${String(i).padStart(12, '0')}`, name: n.name, position: n.position, ...keep };
    if (n.type.endsWith('.missedCallTrigger') || n.type === 'n8n-nodes-base.webhook') {
      const path = n.type === 'n8n-nodes-base.webhook' ? `${root}-${i}` : root;
      const webhookId = `00000000-0000-4000-${configured ? 'd' : 'b'}000-${String(i).padStart(12, '0')}`;
      return { ...base, type: 'n8n-nodes-base.webhook', typeVersion: 2, webhookId, parameters: { ...base.parameters, httpMethod: 'POST', path, responseMode: 'onReceived', options: {} } };
    }
    if (n.type.endsWith('.sequenceScheduler')) return { ...base, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1 };
    return { ...base, type: 'n8n-nodes-base.noOp', typeVersion: 1 };
  });
  // n8n's nodes here have one output: keep each node's first main output
  const connections = Object.fromEntries(Object.entries(wf.connections).map(([from, c]) => [from, { main: [c.main?.[0] ?? []] }]));
  return { name: `bench: the follow-up workflow built of NoOps${configured ? ', with its parameters and credentials' : ''}`, nodes, connections };
}

async function regularMode(n8nHome: string, tarball: string, settings: Record<string, string>, layout: Layout) {
  const userFolder = mkdtempSync(join(tmpdir(), 'bench-e2e-'));
  installPackage(userFolder, tarball);
  const twilio = await startTwilioEmulator();
  const sms = smsWatcher(twilio);
  const n8n = await startN8n({ n8nHome, userFolder, logFile: join(artifactsDir(), 'bench-e2e.n8n.log'), env: { N8N_LOG_LEVEL: 'warn', ...settings, ...(ENGINE ? { N8N_EXPRESSION_ENGINE: ENGINE } : {}) } });
  try {
    const api = new N8nApi(n8n.baseUrl, () => n8n.logTail());
    await api.init();
    const { state, triggerUrl } = await setUpWorkflows(api, n8n.baseUrl, {}, {
      smsProvider: 'twilio',
      twilio: { accountSid: twilio.accountSid, authToken: twilio.authToken, baseUrl: twilio.url },
      currentTime: CALL_AT,
      layout,
    });
    const product = await api.call<ProductWorkflow>('GET', `/workflows/${state.workflowId}`);
    const noopId = await api.createWorkflow(sameShapeNoop(product));
    await api.publish(noopId);
    const noopUrl = `${n8n.baseUrl}/webhook/${NOOP_PATH}`;
    await waitForWebhook(noopUrl);
    const configuredId = await api.createWorkflow(sameShapeNoop(product, true));
    await api.publish(configuredId);
    const configuredUrl = `${n8n.baseUrl}/webhook/${CONFIGURED_NOOP_PATH}`;
    await waitForWebhook(configuredUrl);
    const execs = executionWatcher(api);

    const missedCall = async (): Promise<[number, number]> => {
      const to = nextCaller();
      const sid = nextSid();
      const got = sms.wait(to);
      const end = execs.wait(sid);
      const t0 = Date.now();
      const r = await postTwilio(triggerUrl, parentNoAnswer(twilio.accountSid, sid, to, new Date(CALL_AT)), twilio.authToken);
      if (r.status !== 200) throw new Error(`trigger answered ${r.status}: ${r.body.slice(0, 200)}`);
      const m = await got;
      return [m.receivedAt - t0, (await end) - t0];
    };
    const noopAt = (url: string) => async (): Promise<[number, number]> => {
      const marker = `noop-${nextSid()}`;
      const end = execs.wait(marker);
      const t0 = Date.now();
      const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ marker }) });
      await r.arrayBuffer();
      if (r.status !== 200) throw new Error(`NoOp webhook answered ${r.status}`);
      const stopped = await end;
      return [stopped - t0, stopped - t0];
    };
    const noop = noopAt(noopUrl);
    const configuredNoop = noopAt(configuredUrl);
    // waitForWebhook's probe made one NoOp-less execution: harmless; warm both paths up
    execs.watch(noopId);
    await closedLoop(2, 10, noop);
    execs.watch(configuredId);
    await closedLoop(2, 10, configuredNoop);
    execs.watch(state.workflowId!);
    await closedLoop(2, 10, missedCall);

    const rows: Record<string, { noop: ReturnType<typeof stats>; configuredNoop: ReturnType<typeof stats>; missedCallFirstTouch: ReturnType<typeof stats>; missedCallEnd: ReturnType<typeof stats>; missedCallNodeP50Ms: Record<string, number> }> = {};
    for (const [c, n] of [
      [1, 50],
      [10, 200],
    ] as const) {
      log(`bench: c=${c}, ${n} requests per workflow`);
      execs.watch(noopId);
      const a = await closedLoop(c, n, noop);
      execs.watch(configuredId);
      const k = await closedLoop(c, n, configuredNoop);
      execs.watch(state.workflowId!);
      const b = await closedLoop(c, n, missedCall);
      rows[`c${c}`] = { noop: a.end, configuredNoop: k.end, missedCallFirstTouch: b.first, missedCallEnd: b.end, missedCallNodeP50Ms: execs.nodeP50() };
    }
    await execs.stop();
    if (twilio.violations.length) log(`bench: Twilio emulator saw ${twilio.violations.length} spec violation(s)`);
    return rows;
  } finally {
    await n8n.stop();
    await twilio.close();
    rmSync(userFolder, { recursive: true, force: true });
  }
}

async function burst(n8nHome: string, tarball: string, calls: number) {
  const workers = Number(process.env.BENCH_WORKERS ?? 2);
  const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 10);
  const twilio = await startTwilioEmulator();
  const sms = smsWatcher(twilio);
  const dbPool = process.env.BENCH_N8N_DB_POOL;
  const q = await startQueueCluster({
    label: 'bench-e2e-burst',
    workers,
    concurrency,
    webhookProcessors: 1,
    n8nHome,
    tarball,
    env: { N8N_LOG_LEVEL: 'warn', ...RECOMMENDED_N8N_ENV, ...(ENGINE ? { N8N_EXPRESSION_ENGINE: ENGINE } : {}), ...(dbPool ? { DB_POSTGRESDB_POOL_SIZE: dbPool } : {}), ...BURST_EXTRA_ENV },
    nodeArgs: (role) => BURST_NODE_ARGS[role] ?? [],
  });
  try {
    const { triggerUrl } = await setUpWorkflows(q.api, q.urls.webhook, {}, {
      layout: BURST_LAYOUT,
      smsProvider: 'twilio',
      twilio: { accountSid: twilio.accountSid, authToken: twilio.authToken, baseUrl: twilio.url },
      currentTime: CALL_AT,
      postgresLedger: { ...q.ledger, ...(PG_PREPARED ? {} : { preparedStatements: false }), ...(process.env.BENCH_PG_LEDGER_HOST ? { host: process.env.BENCH_PG_LEDGER_HOST } : {}) },
    });
    // role of each n8n process of this cluster, by the port in its environment
    const portOf = (u: string) => new URL(u).port;
    const roles = new Map<string, string>([[portOf(q.urls.main), 'n8n main'], ...q.urls.webhooks.map((u, i) => [portOf(u), `n8n webhook ${i + 1}`] as [string, string]), ...q.urls.workers.map((u, i) => [portOf(u), `n8n worker ${i + 1}`] as [string, string])]);
    const cpu = cpuSampler((p) => {
      if (p.pid === process.pid) return 'bench (this process: load + Twilio emulator)';
      if (p.comm === 'postgres') return 'postgres (all databases)';
      if (p.comm.startsWith('redis-server')) return 'redis';
      // Node 24 names its main thread (the process's comm) MainThread
      if (p.comm !== 'node' && p.comm !== 'MainThread' && !p.comm.startsWith('n8n')) return null;
      const e = envOf(p.pid);
      return roles.get(e.QUEUE_HEALTH_CHECK_PORT ?? '') ?? roles.get(e.N8N_PORT ?? '') ?? null;
    });
    const req = createRequire(join(n8nHome, 'node_modules/n8n/package.json'));
    const Redis = req('ioredis') as new (o: Record<string, unknown>) => { llen(k: string): Promise<number>; keys(p: string): Promise<string[]>; disconnect(): void };
    const redis = new Redis({ host: process.env.E2E_REDIS_HOST ?? '127.0.0.1', port: Number(process.env.E2E_REDIS_PORT ?? 6379), db: Number(process.env.E2E_REDIS_DB ?? 7) });
    const prefix = `${q.redisPrefix}-bull:jobs`;
    const depth: number[] = [];
    const depthTimer = setInterval(() => {
      void Promise.all([redis.llen(`${prefix}:wait`), redis.llen(`${prefix}:active`)]).then(([w, a]) => depth.push(w + a));
    }, 500);

    const spreadMs = 55_000;
    const sent = new Map<string, number>();
    const statuses: Record<string, number> = {};
    const ttft: number[] = [];
    /** POST → the trigger's answer (the webhook processor's share of the time to first touch) */
    const answered: number[] = [];
    const arrivals: Promise<void>[] = [];
    const posts: Promise<void>[] = [];
    const t0 = Date.now();
    log(`bench: burst of ${calls} calls over ${spreadMs / 1000} s (queue mode: ${workers} workers × ${concurrency}, 1 webhook processor; ${LAYOUT_TITLE[BURST_LAYOUT]})`);
    for (let i = 0; i < calls; i++) {
      const due = t0 + (i * spreadMs) / calls;
      if (due > Date.now()) await sleep(due - Date.now());
      const to = nextCaller();
      const sid = nextSid();
      const at = Date.now();
      sent.set(to, at);
      arrivals.push(sms.wait(to, 400_000).then((m) => void ttft.push(m.receivedAt - at), () => undefined));
      posts.push(
        postTwilio(triggerUrl, parentNoAnswer(twilio.accountSid, sid, to, new Date(CALL_AT)), twilio.authToken).then(
          (r) => {
            statuses[r.status] = (statuses[r.status] ?? 0) + 1;
            answered.push(Date.now() - at);
          },
          () => void (statuses.error = (statuses.error ?? 0) + 1),
        ),
      );
    }
    const postedWithinMs = Date.now() - t0;
    await Promise.all(posts);
    // all first touches in, or 300 s after the last call (a caller still without one then counts as lost)
    const deadline = Date.now() + 300_000;
    while (ttft.length < calls && Date.now() < deadline) await sleep(250);
    await sleep(3_000); // late duplicates
    clearInterval(depthTimer);
    const cpuUse = cpu.stop();
    redis.disconnect();
    const drainedMs = Date.now() - t0;
    let lost = 0;
    let duplicates = 0;
    for (const to of sent.keys()) {
      const n = sms.perCaller.get(to)?.length ?? 0;
      if (n === 0) lost++;
      if (n > 1) duplicates += n - 1;
    }
    void arrivals;
    return {
      layout: BURST_LAYOUT,
      mode: `queue (${workers} workers × concurrency ${concurrency}, 1 webhook processor, main; PostgreSQL + Redis; Postgres ledger${PG_PREPARED ? '' : ' without prepared statements'}; n8n DB pool ${dbPool ?? 'default'}${Object.keys(BURST_EXTRA_ENV).length ? `; ${JSON.stringify(BURST_EXTRA_ENV)}` : ''})`,
      calls,
      postedWithinMs,
      httpStatuses: statuses,
      firstTouches: ttft.length,
      lost,
      duplicates,
      ttftMs: { p50: pct(ttft, 50), p99: pct(ttft, 99), max: Math.max(...ttft) },
      answeredMs: { p50: pct(answered, 50), p99: pct(answered, 99), max: Math.max(...answered) },
      queueDepthMax: Math.max(0, ...depth),
      cpuCores: cpuUse,
      drainedMs,
      twilioViolations: twilio.violations.length,
    };
  } finally {
    await q.stop();
    await twilio.close();
  }
}

type Rows = Awaited<ReturnType<typeof regularMode>>;
const SETTINGS: Record<string, Record<string, string>> = { recommended: { ...RECOMMENDED_N8N_ENV }, defaults: {} };

function report(label: string, layout: Layout, regular: Rows) {
  const ratio = (k: 'c1' | 'c10', p: 'p50' | 'p99') => +(regular[k]!.missedCallFirstTouch[p] / regular[k]!.noop[p]).toFixed(2);
  const ratioEnd = (k: 'c1' | 'c10', p: 'p50' | 'p99') => +(regular[k]!.missedCallEnd[p] / regular[k]!.noop[p]).toFixed(2);
  const ratioConfigured = (k: 'c1' | 'c10', p: 'p50' | 'p99') => +(regular[k]!.missedCallFirstTouch[p] / regular[k]!.configuredNoop[p]).toFixed(2);
  console.log(`n8n settings: ${label} ${JSON.stringify(SETTINGS[label])}, ${LAYOUT_TITLE[layout]}`);
  for (const k of ['c1', 'c10'] as const) {
    const r = regular[k]!;
    console.log(
      `${k.padEnd(4)} first touch p50 ${r.missedCallFirstTouch.p50} ms p99 ${r.missedCallFirstTouch.p99} ms (${r.missedCallFirstTouch.rps}/s) | execution end p50 ${r.missedCallEnd.p50} p99 ${r.missedCallEnd.p99} | same-shape NoOp end p50 ${r.noop.p50} p99 ${r.noop.p99} (${r.noop.rps}/s) | ratio first-touch/NoOp p50 ${ratio(k, 'p50')} p99 ${ratio(k, 'p99')} (end/end ${ratioEnd(k, 'p50')}/${ratioEnd(k, 'p99')}; goal ≤ 1.3)`,
    );
    console.log(`     configured NoOp (the product's parameters and credentials on n8n's nodes) end p50 ${r.configuredNoop.p50} p99 ${r.configuredNoop.p99} (${r.configuredNoop.rps}/s) | ratio first-touch/configured NoOp p50 ${ratioConfigured(k, 'p50')} p99 ${ratioConfigured(k, 'p99')} (informative: the pack's own share)`);
    console.log(`     node p50 ms: ${Object.entries(r.missedCallNodeP50Ms).map(([n, t]) => `${n} ${t}`).join(', ')}`);
  }
  const c10p99 = regular.c10!.missedCallFirstTouch.p99;
  console.log(`c=10 p99 time to first touch ${c10p99} ms: ${c10p99 <= 1000 ? 'within' : 'OVER'} the 1 s goal`);
  return { settings: SETTINGS[label], layout, rows: regular, ratios: { c1: { p50: ratio('c1', 'p50'), p99: ratio('c1', 'p99') }, c10: { p50: ratio('c10', 'p50'), p99: ratio('c10', 'p99') } }, ratiosToConfiguredNoop: { c1: { p50: ratioConfigured('c1', 'p50'), p99: ratioConfigured('c1', 'p99') }, c10: { p50: ratioConfigured('c10', 'p50'), p99: ratioConfigured('c10', 'p99') } }, c10P99WithinOneSecond: c10p99 <= 1000 };
}

async function main() {
  log(`bench: n8n 2.40.7, expression engine ${engineName}`);
  const n8nHome = ensureN8n();
  const tarball = packTarball();
  const which = process.env.BENCH_N8N_SETTINGS ?? 'both';
  const labels = process.env.BENCH_SKIP_REGULAR === '1' ? [] : which === 'both' ? ['recommended', 'defaults'] : [which];
  if (!labels.every((l) => l in SETTINGS)) throw new Error(`BENCH_N8N_SETTINGS must be recommended, defaults or both, not ${which}`);
  // the product's layout (split) for every settings label; the one-workflow layout beside it with the recommended settings
  const runs = labels.flatMap((label) => LAYOUTS.filter((l) => l === 'split' || label === 'recommended').map((layout) => ({ label, layout })));
  const regular: Record<string, ReturnType<typeof report>> = {};
  for (const { label, layout } of runs) {
    log(`bench: regular mode, n8n settings ${label}, ${LAYOUT_TITLE[layout]}`);
    regular[layout === 'split' ? label : `${label}, one workflow`] = report(label, layout, await regularMode(n8nHome, tarball, SETTINGS[label]!, layout));
  }
  let burstResult: Awaited<ReturnType<typeof burst>> | { skipped: string } = { skipped: 'BENCH_SKIP_BURST=1' };
  if (process.env.BENCH_SKIP_BURST !== '1') {
    try {
      burstResult = await burst(n8nHome, tarball, Number(process.env.BENCH_BURST ?? 1000));
      const b = burstResult;
      console.log(
        `burst ${b.calls} calls posted within ${(b.postedWithinMs / 1000).toFixed(1)} s: ${b.firstTouches} first touches, ${b.lost} lost, ${b.duplicates} duplicates, p50 ${b.ttftMs.p50} ms p99 ${b.ttftMs.p99} ms (goal ≤ 5000; POST answered p50 ${b.answeredMs.p50} p99 ${b.answeredMs.p99}), max queue depth ${b.queueDepthMax}, CPU cores mean/max and peak RSS: ${Object.entries(b.cpuCores).map(([g, v]) => `${g} ${v.mean}/${v.max} ${v.rssMaxMB} MB`).join(', ')}`,
      );
    } catch (e) {
      burstResult = { skipped: `queue-mode burst failed: ${(e as Error).message.split('\n')[0]}` };
      console.log(burstResult.skipped);
    }
  }
  console.log(JSON.stringify({ bench: 'e2e', n8n: '2.40.7', expressionEngine: engineName, cores: (await import('node:os')).availableParallelism(), regular, burst: burstResult }));
}

main().then(
  () => process.exit(0),
  (e: Error) => {
    process.stderr.write(`bench:e2e failed: ${e.stack ?? e.message}\n`);
    process.exit(1);
  },
);
