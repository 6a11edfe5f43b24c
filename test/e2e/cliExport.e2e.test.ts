/**
 * `missed-call export --split` into a real n8n 2.40.7 with its own CLI, as a deployment script would:
 * `n8n import:workflow --input=<file>` takes the array of three workflows; importing a changed
 * template again replaces those three (their ids are stable), and never adds more.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main as cli } from '../../cli/missed-call';
import { N8N_NODE_NAMES, N8N_WORKFLOW_PARTS, PHONE_SYSTEM_TEXT_NODES, TWILIO_REPLY_NODES, templateToN8nWorkflows } from '../../designer/src/export';
import { fourTouch } from '../../shared/templates';
import { N8nApi } from './harness/n8nApi';
import { startN8n, type N8nInstance } from './harness/n8nProcess';
import { artifactsDir } from './harness/paths';
import { ensureN8n, installPackage, packTarball } from './harness/prepare';

interface StoredWorkflow {
  id: string;
  name: string;
  active: boolean;
  nodes: { name: string; type: string; disabled?: boolean }[];
  connections: Record<string, unknown>;
}

let n8n: N8nInstance;
let api: N8nApi;
const dir = mkdtempSync(join(tmpdir(), 'cli-export-'));

/** `missed-call export <template> --split` into a file, as a script would redirect it */
function exportSplit(name: string, template: unknown): { file: string; workflows: { id: string; name: string }[] } {
  const templateFile = join(dir, `${name}.json`);
  writeFileSync(templateFile, JSON.stringify(template));
  let stdout = '';
  let stderr = '';
  const code = cli(['export', templateFile, '--split'], (s) => (stdout += `${s}\n`), (s) => (stderr += `${s}\n`));
  expect(code, stderr).toBe(0);
  const file = join(dir, `${name}.n8n-workflows.json`);
  writeFileSync(file, stdout);
  return { file, workflows: JSON.parse(stdout) as { id: string; name: string }[] };
}

async function stored(): Promise<StoredWorkflow[]> {
  const all = await api.call<{ data: { id: string }[] }>('GET', '/workflows?limit=250');
  return Promise.all(all.data.map((w) => api.call<StoredWorkflow>('GET', `/workflows/${w.id}`)));
}

beforeAll(async () => {
  const n8nHome = ensureN8n();
  const userFolder = join(dir, 'n8n');
  installPackage(userFolder, packTarball());
  n8n = await startN8n({ n8nHome, userFolder, logFile: join(artifactsDir(), 'cli-export.n8n.log') });
  api = new N8nApi(n8n.baseUrl, () => n8n.logTail());
  await api.init();
}, 600_000);

afterAll(async () => {
  await n8n?.stop();
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe('missed-call export --split → n8n import:workflow', () => {
  it('imports the three workflows, and a second import of a changed template replaces them', async () => {
    const before = (await stored()).length;
    const first = exportSplit('four', fourTouch);
    const renamed = { ...fourTouch, name: 'Four touches (renamed)' };
    const second = exportSplit('four-renamed', renamed);
    expect(second.workflows.map((w) => w.id)).toEqual(first.workflows.map((w) => w.id));

    await n8n.stop(); // n8n's CLI writes the same SQLite database
    n8n.cli(['import:workflow', `--input=${first.file}`]);
    await n8n.start();
    const ids = first.workflows.map((w) => w.id);
    let mine = (await stored()).filter((w) => ids.includes(w.id));
    expect(mine.map((w) => w.name).sort()).toEqual(first.workflows.map((w) => w.name).sort());
    const parts = Object.values(N8N_WORKFLOW_PARTS);
    for (const [i, id] of ids.entries()) {
      const w = mine.find((x) => x.id === id)!;
      // imported as exported: the part's nodes and wiring, not published
      expect(w.nodes.map((n) => n.name).sort()).toEqual(
        parts[i]!.filter((k) => !(PHONE_SYSTEM_TEXT_NODES as readonly string[]).includes(k)).map((k) => N8N_NODE_NAMES[k]).sort(),
      );
      expect(Object.keys(w.connections).length).toBeGreaterThan(0);
      expect(w.active).toBe(false);
    }

    await n8n.stop();
    n8n.cli(['import:workflow', `--input=${second.file}`]);
    await n8n.start();
    const after = await stored();
    expect(after).toHaveLength(before + 3);
    mine = after.filter((w) => ids.includes(w.id));
    expect(mine.map((w) => w.name).sort()).toEqual(second.workflows.map((w) => w.name).sort());
    expect(mine.every((w) => w.name.includes('Four touches (renamed)'))).toBe(true);
  }, 180_000);

  it("a RingCentral export's replies workflow publishes with its Twilio-only nodes deactivated (enabled, n8n refuses it for their missing Twilio credential)", async () => {
    const template = { ...fourTouch, id: 'four-touch-ringcentral', exit: { ...fourTouch.exit, onBooked: true } };
    const { replies } = templateToN8nWorkflows(template, { phoneSystem: 'ringcentral' });
    // the user's one step: the outcome webhook's Basic Auth credential
    const auth = { id: await api.createCredential('Outcome webhook auth', 'httpBasicAuth', { user: 'booking-tool', password: 'outcome-pass-0123' }), name: 'Outcome webhook auth' };
    const nodes = replies.nodes.map((n) => (n.name === N8N_NODE_NAMES.outcome ? { ...n, credentials: { httpBasicAuth: auth } } : n));
    const create = (name: string, ns: typeof nodes) => api.createWorkflow({ name, nodes: ns, connections: replies.connections, settings: replies.settings });
    const enabled = await create(`${replies.name} (enabled)`, nodes.map(({ disabled: _off, ...n }) => n));
    const id = await create(replies.name, nodes);
    try {
      await expect(api.publish(enabled)).rejects.toThrow(/Cannot publish workflow[\s\S]*(Inbound SMS|Delivery Status)[\s\S]*missedCallTwilioApi/);
      await api.publish(id);
      const w = await api.call<StoredWorkflow>('GET', `/workflows/${id}`);
      expect(w.active).toBe(true);
      expect(w.nodes.filter((n) => n.disabled).map((n) => n.name).sort()).toEqual(TWILIO_REPLY_NODES.map((k) => N8N_NODE_NAMES[k]).sort());
      // the outcome webhook gets registered: a wrong password answers 401 (404 before)
      const url = `${n8n.baseUrl}/webhook/missed-call-outcomes/four-touch-ringcentral`;
      let status = 0;
      for (const deadline = Date.now() + 15_000; status !== 401 && Date.now() < deadline; await new Promise((res) => setTimeout(res, 200))) {
        status = (await fetch(url, { method: 'POST', headers: { authorization: 'Basic eDp4' } })).status;
      }
      expect(status).toBe(401);
    } finally {
      // the published one stays until n8n stops (deleting it right after unpublishing answers 409)
      await api.deleteWorkflow(enabled);
    }
  }, 60_000);
});
