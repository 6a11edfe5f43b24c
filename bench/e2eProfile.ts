/**
 * Profiles one real n8n (regular mode, embedded ledger) while it serves sequential signed Twilio
 * "no-answer" webhooks for the bench workflow; writes a V8 .cpuprofile of the n8n main to
 * PROFILE_DIR (default /tmp/n8n-prof) and prints per-call timings (POST answered, first touch).
 * Env: PROFILE_CALLS (50), PROFILE_HEAP=1 (allocation profiles, see heapSampler), PROFILE_GAP_MS (0: the next call starts at the first touch), PROFILE_CPU=0 (no --cpu-prof), PROFILE_NODE_ARGS (more flags for n8n's node,
 * e.g. --trace-gc, `--require <repo>/bench/nodeParametersHook.cjs` to time n8n's parameter resolution per node type, or
 * `--require <repo>/bench/sqliteTraceHook.cjs` to log each call's own n8n database statements on the monotonic clock),
 * N8N_EXTRA_ENV (JSON of more n8n environment), PROFILE_N8N_SETTINGS (recommended, the default: RECOMMENDED_N8N_ENV as npm start runs n8n; defaults: n8n's own), BENCH_EXPRESSION_ENGINE, PROFILE_LAYOUT (split, as npm start publishes the follow-up, or single).
 * Run: bash scripts/run.sh node --import tsx bench/e2eProfile.ts; then bench/cpuProfileReport.ts reads the profile.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { N8nApi } from '../test/e2e/harness/n8nApi';
import { startN8n } from '../test/e2e/harness/n8nProcess';
import { artifactsDir } from '../test/e2e/harness/paths';
import { ensureN8n, installPackage, packTarball } from '../test/e2e/harness/prepare';
import { parentNoAnswer, postTwilio } from '../test/e2e/harness/twilioWebhook';
import { startTwilioEmulator } from '../test/emulators/twilioEmulator';
import { setUpWorkflows } from '../scripts/product/setUpWorkflows';
import { RECOMMENDED_N8N_ENV } from '../scripts/product/recommendedN8nEnv';
import { heapSampler } from './heapSampler';
import { freePort } from '../test/e2e/harness/n8nProcess';

const CALL_AT = '2027-03-10T15:00:00.000Z';
const dir = process.env.PROFILE_DIR ?? '/tmp/n8n-prof';
const calls = Number(process.env.PROFILE_CALLS ?? 50);
const ENGINE = process.env.BENCH_EXPRESSION_ENGINE ?? '';
/** pause after each call's first touch, so the execution's tail does not overlap the next call */
const GAP_MS = Number(process.env.PROFILE_GAP_MS ?? 0);
/** PROFILE_HEAP=1: also an allocation profile (garbage included) of each window: product.heapprofile, noop.heapprofile */
const HEAP = process.env.PROFILE_HEAP === '1';
/** PROFILE_N8N_SETTINGS=defaults: n8n's own settings instead of the pack's recommended ones (as npm start runs it) */
const DEFAULTS = process.env.PROFILE_N8N_SETTINGS === 'defaults';
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];

async function main() {
  mkdirSync(dir, { recursive: true });
  const n8nHome = ensureN8n();
  const tarball = packTarball();
  const userFolder = mkdtempSync(join(tmpdir(), 'e2e-prof-'));
  installPackage(userFolder, tarball);
  const twilio = await startTwilioEmulator();
  const inspectPort = HEAP ? await freePort() : 0;
  const n8n = await startN8n({
    n8nHome,
    userFolder,
    logFile: join(artifactsDir(), 'e2e-profile.n8n.log'),
    env: { N8N_LOG_LEVEL: 'warn', ...(DEFAULTS ? {} : RECOMMENDED_N8N_ENV), ...(ENGINE ? { N8N_EXPRESSION_ENGINE: ENGINE } : {}), ...(process.env.N8N_EXTRA_ENV ? (JSON.parse(process.env.N8N_EXTRA_ENV) as Record<string, string>) : {}) },
    nodeArgs: [...(process.env.PROFILE_CPU === '0' ? [] : ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=200']), ...(process.env.PROFILE_NODE_ARGS?.split(' ').filter(Boolean) ?? []), ...(HEAP ? [`--inspect=127.0.0.1:${inspectPort}`] : [])],
  });
  try {
    const api = new N8nApi(n8n.baseUrl, () => n8n.logTail());
    await api.init();
    const { triggerUrl, state } = await setUpWorkflows(api, n8n.baseUrl, {}, {
      smsProvider: 'twilio',
      twilio: { accountSid: twilio.accountSid, authToken: twilio.authToken, baseUrl: twilio.url },
      currentTime: CALL_AT,
      layout: process.env.PROFILE_LAYOUT === 'single' ? 'single' : 'split',
    });
    // let n8n finish its post-start work (type generation, static files) so the profile's call window is clean
    await new Promise((res) => setTimeout(res, Number(process.env.PROFILE_QUIET_MS ?? 8_000)));
    const answered: number[] = [];
    const posted = new Map<string, number>();
    const heap = HEAP ? await heapSampler(inspectPort) : null;
    await heap?.start();
    const windowStart = process.hrtime.bigint() / 1000n;
    const first: number[] = [];
    /** each call's POST instant, CLOCK_MONOTONIC µs (the .cpuprofile's clock): marks.json, for per-call timelines */
    const marks: number[] = [];
    for (let i = 0; i < calls; i++) {
      const to = `+1305555${String(i).padStart(4, '0')}`;
      const sid = `CA${Date.now().toString(16)}${String(i).padStart(8, '0')}`.padEnd(34, '0').slice(0, 34);
      const before = twilio.messages.length;
      const t0 = performance.now();
      marks.push(Number(process.hrtime.bigint() / 1000n));
      posted.set(sid, Date.now());
      const r = await postTwilio(triggerUrl, parentNoAnswer(twilio.accountSid, sid, to, new Date(CALL_AT)), twilio.authToken);
      const t1 = performance.now();
      if (r.status !== 200) throw new Error(`trigger answered ${r.status}: ${r.body.slice(0, 200)}`);
      while (twilio.messages.length === before) await new Promise((res) => setTimeout(res, 2));
      const t2 = performance.now();
      answered.push(t1 - t0);
      first.push(t2 - t0);
      if (GAP_MS > 0) await new Promise((res) => setTimeout(res, GAP_MS));
    }
    // CLOCK_MONOTONIC µs, the clock of the .cpuprofile's startTime/endTime: the analyzer's window
    console.log(`profile window (µs, monotonic): ${windowStart} ${process.hrtime.bigint() / 1000n}`);
    if (heap) writeFileSync(join(dir, 'product.heapprofile'), JSON.stringify(await heap.stop()));
    writeFileSync(join(dir, 'marks.json'), JSON.stringify(marks));
    const f = (xs: number[]) => `p50 ${pct(xs, 50)!.toFixed(1)} p90 ${pct(xs, 90)!.toFixed(1)} max ${Math.max(...xs).toFixed(1)}`;
    // where the time goes, from n8n's execution data: POST → execution start → each node's start/end
    await new Promise((res) => setTimeout(res, 1_500));
    const execs = await api.executions(state.workflowId!);
    const phases: Record<string, number[]> = {};
    const add = (k: string, v: number) => (phases[k] ??= []).push(v);
    const sizes: number[] = [];
    for (const e of execs) {
      const text = JSON.stringify(e.data ?? {});
      if (sizes.length === 0) writeFileSync(join(dir, 'execution-sample.json'), JSON.stringify(e.data, null, 1));
      sizes.push(text.length);
      const sid = [...posted.keys()].find((k) => text.includes(k));
      if (!sid) continue;
      const t0 = posted.get(sid)!;
      add('POST → execution startedAt', Date.parse(e.startedAt) - t0);
      add('POST → execution stoppedAt', Date.parse(e.stoppedAt!) - t0);
      for (const [node, runs] of Object.entries(e.data?.resultData?.runData ?? {})) {
        const r = runs[0] as { startTime?: number; executionTime?: number } | undefined;
        if (r?.startTime === undefined) continue;
        add(`POST → ${node} start`, r.startTime - t0);
        add(`${node} executionTime`, r.executionTime ?? 0);
      }
    }
    console.log(`  execution data (JSON chars) p50 ${pct(sizes, 50)}`);
    for (const [k, xs] of Object.entries(phases).sort((a, b) => pct(a[1], 50)! - pct(b[1], 50)!)) console.log(`  ${k.padEnd(48)} p50 ${pct(xs, 50)} p90 ${pct(xs, 90)} (n ${xs.length})`);
    // the same for webhook → 4 NoOps (n8n's floor on this box)
    const noopId = await api.createWorkflow({
      name: 'profile: webhook → NoOp',
      nodes: [
        { id: '00000000-0000-4000-a000-000000000001', name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: '00000000-0000-4000-a000-0000000000fe', parameters: { httpMethod: 'POST', path: 'profile-noop', responseMode: 'onReceived', options: {} } },
        ...[1, 2, 3, 4].map((i) => ({ id: `00000000-0000-4000-a000-00000000001${i}`, name: `NoOp ${i}`, type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [i * 200, 0], parameters: {} })),
      ],
      connections: Object.fromEntries(['Webhook', 'NoOp 1', 'NoOp 2', 'NoOp 3'].map((n, i) => [n, { main: [[{ node: `NoOp ${i + 1}`, type: 'main', index: 0 }]] }])),
    });
    await api.publish(noopId);
    await new Promise((res) => setTimeout(res, 2_000));
    const noopPosted = new Map<string, number>();
    const noopAnswered: number[] = [];
    await heap?.start();
    const noopWindowStart = process.hrtime.bigint() / 1000n;
    const noopMarks: number[] = [];
    for (let i = 0; i < calls; i++) {
      const marker = `noop-${i}-${Date.now()}`;
      const t0 = performance.now();
      noopMarks.push(Number(process.hrtime.bigint() / 1000n));
      noopPosted.set(marker, Date.now());
      const r = await fetch(`${n8n.baseUrl}/webhook/profile-noop`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ marker }) });
      await r.arrayBuffer();
      noopAnswered.push(performance.now() - t0);
      await new Promise((res) => setTimeout(res, 60));
    }
    console.log(`NoOp profile window (µs, monotonic): ${noopWindowStart} ${process.hrtime.bigint() / 1000n}`);
    writeFileSync(join(dir, 'marks-noop.json'), JSON.stringify(noopMarks));
    if (heap) writeFileSync(join(dir, 'noop.heapprofile'), JSON.stringify(await heap.stop()));
    heap?.close();
    await new Promise((res) => setTimeout(res, 1_500));
    const noopEnd: number[] = [];
    const noopStart: number[] = [];
    const noopSizes: number[] = [];
    for (const e of await api.executions(noopId)) {
      const text = JSON.stringify(e.data ?? {});
      const m = [...noopPosted.keys()].find((k) => text.includes(k));
      if (!m || !e.stoppedAt) continue;
      noopSizes.push(text.length);
      noopStart.push(Date.parse(e.startedAt) - noopPosted.get(m)!);
      noopEnd.push(Date.parse(e.stoppedAt) - noopPosted.get(m)!);
    }
    console.log(`  NoOp: POST answered p50 ${pct(noopAnswered, 50)!.toFixed(1)}; POST → startedAt p50 ${pct(noopStart, 50)} p90 ${pct(noopStart, 90)}; POST → stoppedAt p50 ${pct(noopEnd, 50)} p90 ${pct(noopEnd, 90)} (n ${noopEnd.length}); execution data p50 ${pct(noopSizes, 50)} chars`);
    console.log(`${calls} sequential calls: POST answered ${f(answered)} ms; first touch ${f(first)} ms`);
  } finally {
    await n8n.stop(30_000);
    await twilio.close();
    rmSync(userFolder, { recursive: true, force: true });
  }
}
main().then(() => process.exit(0), (e: Error) => { process.stderr.write(`${e.stack}\n`); process.exit(1); });
