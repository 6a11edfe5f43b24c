/**
 * `npm start` on a product folder it set up before, against a real n8n: while the first start runs,
 * the folder is made to look like one from an earlier version (its replies workflow without the
 * outcome webhook, as start published it then), the user edits the later-touches workflow and
 * archives the first-touch one. The restart updates the replies in place, leaves the edited workflow
 * as it is with one line saying so, imports the deleted one again, and keeps the credentials and
 * webhook URLs. Needs the pinned n8n (scripts/n8n-install.sh, installed once in beforeAll).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { N8N_NODE_NAMES } from '../../designer/src/export';
import type { ProductState } from '../../scripts/product/config';
import { packHash, workflowHash, type WorkflowBody } from '../../scripts/product/workflowHash';
import { freePorts } from '../e2e/harness/n8nProcess';
import { REPO } from '../e2e/harness/paths';
import { ensureN8n } from '../e2e/harness/prepare';

const dir = mkdtempSync(join(tmpdir(), 'product-restart-'));
const children: ChildProcess[] = [];

beforeAll(() => void ensureN8n(), 20 * 60_000);

afterAll(() => {
  for (const c of children) {
    try {
      process.kill(-c.pid!, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  rmSync(dir, { recursive: true, force: true });
});

/** Runs scripts/start.sh until it printed its URLs; `stop` sends Ctrl+C and resolves with the exit code. */
async function start(env: NodeJS.ProcessEnv) {
  const child = spawn('bash', [join(REPO, 'scripts/start.sh')], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  children.push(child);
  const out = { stdout: '', stderr: '' };
  child.stdout!.on('data', (d: Buffer) => (out.stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out.stderr += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const deadline = Date.now() + 60_000;
  while (!/^simulate:/m.test(out.stdout)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`start did not print its URLs:\n${out.stdout}\n${out.stderr}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { out, stop: () => (child.kill('SIGINT'), exited) };
}

interface Stored extends WorkflowBody {
  active: boolean;
  nodes: { name: string; type: string; parameters: Record<string, unknown>; notes?: string }[];
  connections: Record<string, unknown>;
}

describe('npm start on a folder it set up before', () => {
  it('updates the workflows it published and nobody edited, keeps the edited one with one line, imports an archived one again', async () => {
    const [n8nPort, brokerPort, designerPort] = await freePorts(3);
    const env: NodeJS.ProcessEnv = { ...process.env, PRODUCT_DIR: dir, N8N_PORT: String(n8nPort), N8N_RUNNERS_BROKER_PORT: String(brokerPort), DESIGNER_PORT: String(designerPort) };
    for (const k of Object.keys(env)) if (k.startsWith('VITEST') || k === 'NODE_OPTIONS') delete env[k];
    const n8nUrl = `http://127.0.0.1:${n8nPort}`;
    const stateFile = join(dir, 'state.json');

    const first = await start(env);
    const state = JSON.parse(readFileSync(stateFile, 'utf8')) as ProductState & { apiKey: string };
    const { firstTouch, sequence, replies } = state.workflowIds!;
    const api = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
      const r = await fetch(`${n8nUrl}/api/v1${path}`, {
        method,
        headers: { 'X-N8N-API-KEY': state.apiKey, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await r.text();
      if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`);
      return (text ? JSON.parse(text) : null) as T;
    };
    const get = (id: string) => api<Stored>('GET', `/workflows/${id}`);
    const put = async (id: string, w: WorkflowBody) => {
      await api('PUT', `/workflows/${id}`, { name: w.name, nodes: w.nodes, connections: w.connections, settings: w.settings });
      await api('POST', `/workflows/${id}/publish`, {});
    };

    // the replies as an earlier version published them (no outcome webhook), with that version's fingerprints
    const outcome = new Set<string>([N8N_NODE_NAMES.outcome, N8N_NODE_NAMES.exitOutcome]);
    const now = await get(replies);
    const older = { name: now.name, nodes: now.nodes.filter((n) => !outcome.has(n.name)), connections: Object.fromEntries(Object.entries(now.connections).filter(([k]) => !outcome.has(k))), settings: now.settings };
    await put(replies, older);
    // the user's own edit of the later touches, made after start published a version the pack has changed since
    const mine = await get(sequence);
    mine.nodes[0]!.notes = 'my own notes';
    await put(sequence, mine);
    // and the first touch archived in n8n (what its Delete menu does first)
    await api('POST', `/workflows/${firstTouch}/archive`);
    state.published = {
      ...state.published,
      [replies]: { pack: packHash(older), n8n: workflowHash(await get(replies)) },
      [sequence]: { ...state.published![sequence]!, pack: 'an earlier version' },
    };
    writeFileSync(stateFile, JSON.stringify(state));
    expect(await first.stop()).toBe(0);

    const again = await start(env);
    const lines = again.out.stderr.split('\n').filter((l) => /updated the|stays as it is|again \(it was/.test(l));
    expect(lines, again.out.stderr).toEqual([
      'start: imported and published the first-touch workflow again (it was deleted or archived in n8n)',
      'start: updated the replies workflow to this version of the pack (same workflow, published again)',
      `start: the later-touches workflow ${n8nUrl}/workflow/${sequence} was edited in n8n, so it stays as it is and misses this version's changes; to get them, archive or delete it in n8n (your edits go with it) and run npm start again`,
    ]);
    const after = JSON.parse(readFileSync(stateFile, 'utf8')) as ProductState;
    expect(after.credentialIds).toEqual(state.credentialIds);
    expect(after.workflowIds).toMatchObject({ sequence, replies });
    expect(after.workflowIds!.firstTouch).not.toBe(firstTouch);
    expect(again.out.stdout).toContain(`first touch:   ${n8nUrl}/workflow/${after.workflowIds!.firstTouch}`);
    const updated = await get(replies);
    expect(updated.active).toBe(true);
    expect(updated.nodes.map((n) => n.name)).toEqual(now.nodes.map((n) => n.name));
    expect((await get(sequence)).nodes[0]!.notes).toBe('my own notes');
    // the outcome webhook is back at its URL, behind the same Basic Auth; the trigger at its own
    const basic = `Basic ${Buffer.from(`${state.replyAuth!.user}:${state.replyAuth!.password}`).toString('base64')}`;
    const posted = await fetch(`${n8nUrl}/webhook/missed-call-outcomes/four-touch`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: basic }, body: JSON.stringify({ phone: '+13055550999', booked: true }) });
    expect(posted.status).toBe(200);
    expect(after.triggerUrl).toBe(state.triggerUrl);
    expect(await again.stop()).toBe(0);
  }, 180_000);
});
