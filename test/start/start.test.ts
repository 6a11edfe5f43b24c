/**
 * `npm start` end to end: the start script on free ports in a temp product folder, the printed
 * URLs answering, one simulated missed call whose Sandbox SMS (with the business name) lands in the
 * ledger, a second start on the same folder refused, then Ctrl+C (SIGINT) stopping n8n and the
 * designer. Needs the pinned n8n
 * (scripts/n8n-install.sh, installed once in beforeAll; the e2e tests share it).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLedger } from '../../nodes/ledger';
import { SANDBOX_AUDIT_KIND } from '../../nodes/transport/sandbox';
import { fourTouch } from '../../shared/templates';
import { freePorts } from '../e2e/harness/n8nProcess';
import { REPO } from '../e2e/harness/paths';
import { ensureN8n } from '../e2e/harness/prepare';
import { callerAllowedNow, SAMPLE_CALLERS } from '../../scripts/product/callerAllowedNow';
import { PRODUCT_SEED, replyWebhookPath } from '../../scripts/product/productWorkflow';

function callerForNow(now: number): string {
  const n = callerAllowedNow(now);
  if (n === null) throw new Error(`none of ${SAMPLE_CALLERS.join(', ')} may be texted at ${new Date(now).toISOString()}`);
  return n;
}

/** Runs a script in its own process group; after `timeoutMs` the whole group is killed (code null). */
async function runDetached(script: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<{ code: number | null; stderr: string }> {
  const c = spawn('bash', [script], { cwd: REPO, env, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderr = '';
  c.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((r) => {
    const t = setTimeout(() => r(null), timeoutMs);
    c.once('exit', (x) => {
      clearTimeout(t);
      r(x);
    });
  });
  try {
    process.kill(-c.pid!, 'SIGKILL');
  } catch {
    /* already gone */
  }
  return { code, stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'product-start-'));
let child: ChildProcess | null = null;

// the one-time n8n install (about 4 minutes on a fresh machine) is not part of the 60 s start budget
beforeAll(() => void ensureN8n(), 20 * 60_000);

afterAll(() => {
  // the whole process group: a failed run must not leave n8n or the designer preview behind
  if (child?.pid) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('starts n8n and the designer, simulates a missed call into a Sandbox SMS, and stops on Ctrl+C', async () => {
    const [n8nPort, brokerPort, designerPort] = await freePorts(3);
    const env: NodeJS.ProcessEnv = { ...process.env, PRODUCT_DIR: dir, N8N_PORT: String(n8nPort), N8N_RUNNERS_BROKER_PORT: String(brokerPort), DESIGNER_PORT: String(designerPort) };
    for (const k of Object.keys(env)) if (k.startsWith('VITEST') || k === 'NODE_OPTIONS') delete env[k];
    let stdout = '';
    let stderr = '';
    child = spawn('bash', [join(REPO, 'scripts/start.sh')], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((r) => child!.once('exit', (code) => r(code)));

    // building the pack and the designer and starting n8n: about 20 s idle, much longer on a loaded machine
    const deadline = Date.now() + 120_000;
    while (!/^simulate:/m.test(stdout)) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`start did not print its URLs:\n${stdout}\n${stderr}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const n8nUrl = /^n8n:\s+(\S+)/m.exec(stdout)?.[1];
    const designerUrl = /^designer:\s+(\S+)/m.exec(stdout)?.[1];
    expect(n8nUrl).toBe(`http://127.0.0.1:${n8nPort}/`);
    expect(designerUrl).toBe(`http://127.0.0.1:${designerPort}/`);
    expect(stdout).toMatch(/owner@missed-call\.local \/ \S+/);
    expect((await fetch(`${n8nUrl}healthz/readiness`)).status).toBe(200);
    const page = await fetch(designerUrl!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');

    // the follow-up as three published workflows (first touch, later touches, replies), each named in the output
    const state = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as { apiKey: string; layout: string; workflowIds: Record<string, string> };
    expect(state.layout).toBe('split');
    for (const [part, label] of [['firstTouch', 'first touch'], ['sequence', 'later touches'], ['replies', 'replies']] as const) {
      expect(stdout).toContain(`${label}:`.padEnd(15) + `${n8nUrl}workflow/${state.workflowIds[part]}`);
      const wf = (await (await fetch(`${n8nUrl}api/v1/workflows/${state.workflowIds[part]}`, { headers: { 'X-N8N-API-KEY': state.apiKey } })).json()) as { active: boolean; nodes: { type: string }[] };
      expect(wf.active, part).toBe(true);
    }
    const caller = callerForNow(Date.now());
    const sim = spawnSync('bash', [join(REPO, 'scripts/run.sh'), 'node', '--import', 'tsx', 'scripts/product/simulateCall.ts', caller], { cwd: REPO, env, encoding: 'utf8', timeout: 30_000 });
    expect(sim.status, `${sim.stdout}\n${sim.stderr}`).toBe(0);
    expect(sim.stdout).toMatch(/Gate decision: SEND/);
    expect(sim.stdout).toContain(fourTouch.business.name);

    const ledger = await openLedger({ kind: 'embedded', path: join(dir, 'n8n/.n8n/missed-call-ledger.sqlite') });
    try {
      const sends = await ledger.auditTrail({ phone: caller, kinds: [SANDBOX_AUDIT_KIND] });
      expect(sends).toHaveLength(1);
      expect((sends[0]!.data as { body: string; channel: string }).channel).toBe('sms');
      expect((sends[0]!.data as { body: string }).body).toContain(fourTouch.business.name);
    } finally {
      await ledger.close();
    }

    const inboundUrl = `${n8nUrl}webhook/${replyWebhookPath(PRODUCT_SEED)}`;
    expect(stdout).toMatch(new RegExp(`^  inbound SMS: ${inboundUrl}\\s`, 'm'));
    // the printed inbound SMS trigger refuses what Twilio did not sign
    const unsigned = await fetch(inboundUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `From=${encodeURIComponent(caller)}&Body=STOP` });
    expect(unsigned.status).toBe(403);
    // the printed outcome webhook is published behind Basic Auth
    const outcomeUrl = `${n8nUrl}webhook/missed-call-outcomes/${fourTouch.id}`;
    expect(stdout).toMatch(new RegExp(`^  outcomes: +${outcomeUrl}\\s`, 'm'));
    const { replyAuth } = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as { replyAuth: { user: string; password: string } };
    const booked = JSON.stringify({ phone: '+13055550999', booked: true });
    expect((await fetch(outcomeUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: booked })).status).toBe(401);
    const basic = `Basic ${Buffer.from(`${replyAuth.user}:${replyAuth.password}`).toString('base64')}`;
    expect((await fetch(outcomeUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: basic }, body: booked })).status).toBe(200);
    // the caller replies: the replies workflow ends the sequence and flags the lead in the local CRM inbox
    const reply = spawnSync('bash', [join(REPO, 'scripts/run.sh'), 'node', '--import', 'tsx', 'scripts/product/simulateReply.ts', caller, 'Yes please call me back this afternoon'], { cwd: REPO, env, encoding: 'utf8', timeout: 30_000 });
    expect(reply.status, `${reply.stdout}\n${reply.stderr}`).toBe(0);
    expect(reply.stdout).toMatch(/Sequence Exit: Re-engaged \(class reply, reply_recorded\)/);
    expect(reply.stdout).toMatch(/CRM Flag: flagReengaged done/);
    expect(reply.stdout).toMatch(/: exited \(replied\)/);
    const after = await openLedger({ kind: 'embedded', path: join(dir, 'n8n/.n8n/missed-call-ledger.sqlite') });
    try {
      expect((await after.enrollmentsOf(caller)).map((e) => [e.status, e.endReason])).toEqual([['exited', 'replied']]);
    } finally {
      await after.close();
    }

    // a second start on the same folder (other ports) is refused before it starts anything, and the
    // state keeps pointing at the running n8n (before, it started a second n8n on the same database)
    const [p1, p2, p3] = await freePorts(3);
    const second = await runDetached(join(REPO, 'scripts/start.sh'), { ...env, N8N_PORT: String(p1), N8N_RUNNERS_BROKER_PORT: String(p2), DESIGNER_PORT: String(p3) }, 20_000);
    expect(second.code, second.stderr).toBe(1);
    expect(second.stderr).toContain(`is running this product folder (${dir}) with n8n at ${n8nUrl} and the designer at ${designerUrl}`);
    expect((JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as { n8nUrl: string }).n8nUrl).toBe(n8nUrl!.replace(/\/$/, ''));
    expect((await fetch(`${n8nUrl}healthz/readiness`)).status).toBe(200);

    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stderr).toContain('start: stopped');
    expect(existsSync(join(dir, 'start.lock'))).toBe(false);
    await expect(fetch(`${n8nUrl}healthz`, { signal: AbortSignal.timeout(1_000) })).rejects.toThrow();
    await expect(fetch(designerUrl!, { signal: AbortSignal.timeout(1_000) })).rejects.toThrow();
  }, 180_000);
});
