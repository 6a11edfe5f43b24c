/**
 * setUpWorkflows (what `npm start` publishes) against an in-memory stand-in for n8n's public API: a
 * fresh folder gets the three-workflow follow-up; a second start reuses it and republishes what was
 * unpublished; a product folder from before the split keeps its one workflow; a deleted part makes
 * it set up again. (test/start/start.test.ts runs the real thing once against a real n8n.)
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { N8N_NODE_NAMES, N8N_WORKFLOW_PARTS } from '../../designer/src/export';
import type { ProductState } from '../../scripts/product/config';
import { setUpWorkflows } from '../../scripts/product/setUpWorkflows';
import type { N8nApi } from '../e2e/harness/n8nApi';

interface Stored {
  name: string;
  nodes: { name: string; type: string }[];
  active: boolean;
}

/** The part of N8nApi setUpWorkflows uses, over a map; counts what it was asked to do. */
function fakeApi() {
  const workflows = new Map<string, Stored>();
  let seq = 0;
  const made = { credentials: 0, workflows: 0, publishes: 0 };
  const api = {
    async call<T>(method: string, path: string): Promise<T> {
      const id = /^\/workflows\/(.+)$/.exec(path)?.[1];
      const w = id === undefined ? undefined : workflows.get(id);
      if (method !== 'GET' || w === undefined) throw new Error(`404 ${method} ${path}`);
      return { active: w.active } as T;
    },
    async createCredential(): Promise<string> {
      made.credentials++;
      return `cred-${++seq}`;
    },
    async createWorkflow(wf: { name: string; nodes: unknown[] }): Promise<string> {
      made.workflows++;
      const id = `wf-${++seq}`;
      workflows.set(id, { name: wf.name, nodes: wf.nodes as Stored['nodes'], active: false });
      return id;
    },
    async publish(id: string): Promise<void> {
      made.publishes++;
      workflows.get(id)!.active = true;
    },
  };
  return { api: api as unknown as N8nApi, workflows, made };
}

let server: Server;
let baseUrl = '';

beforeAll(async () => {
  // answers every webhook (waitForWebhook waits for anything but 404)
  server = createServer((_req, res) => res.end('ok'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const namesOf = (part: keyof typeof N8N_WORKFLOW_PARTS) => N8N_WORKFLOW_PARTS[part].map((k) => N8N_NODE_NAMES[k]).sort();

describe('setUpWorkflows', () => {
  it('publishes the follow-up as three workflows in a fresh folder, the trigger\'s as workflowId', async () => {
    const { api, workflows, made } = fakeApi();
    const r = await setUpWorkflows(api, baseUrl, {});
    expect(r.created).toBe(true);
    expect(r.state.layout).toBe('split');
    const ids = r.state.workflowIds!;
    expect(r.state.workflowId).toBe(ids.firstTouch);
    for (const part of ['firstTouch', 'sequence', 'replies'] as const) {
      const w = workflows.get(ids[part])!;
      expect(w.active).toBe(true);
      expect(w.nodes.map((n) => n.name).sort()).toEqual(namesOf(part));
    }
    // plus the local CRM inbox
    expect(made.workflows).toBe(4);
    expect(workflows.get(r.state.crmInboxWorkflowId!)!.active).toBe(true);
  });

  it('reuses them on the next start, republishing only what was unpublished', async () => {
    const { api, workflows, made } = fakeApi();
    const first = await setUpWorkflows(api, baseUrl, {});
    workflows.get(first.state.workflowIds!.replies)!.active = false;
    const before = { ...made };
    const again = await setUpWorkflows(api, baseUrl, first.state);
    expect(again.created).toBe(false);
    expect(again.state.workflowIds).toEqual(first.state.workflowIds);
    expect(made.workflows).toBe(before.workflows);
    expect(made.credentials).toBe(before.credentials);
    expect(made.publishes).toBe(before.publishes + 1);
    expect(workflows.get(first.state.workflowIds!.replies)!.active).toBe(true);
  });

  it('keeps a folder from before the split on its one workflow', async () => {
    const { api, workflows, made } = fakeApi();
    const old = await setUpWorkflows(api, baseUrl, {}, { layout: 'single' });
    expect(old.state.layout).toBe('single');
    expect(old.state.workflowIds).toBeUndefined();
    expect(workflows.get(old.state.workflowId!)!.nodes).toHaveLength(Object.keys(N8N_NODE_NAMES).length);
    // a state file written before `layout` existed
    const legacy: ProductState = { ...old.state };
    delete legacy.layout;
    const before = made.workflows;
    const again = await setUpWorkflows(api, baseUrl, legacy);
    expect(again.created).toBe(false);
    expect(again.state.workflowId).toBe(old.state.workflowId);
    expect(made.workflows).toBe(before);
  });

  it('sets everything up again when a part was deleted', async () => {
    const { api, workflows } = fakeApi();
    const first = await setUpWorkflows(api, baseUrl, {});
    workflows.delete(first.state.workflowIds!.sequence);
    const again = await setUpWorkflows(api, baseUrl, first.state);
    expect(again.created).toBe(true);
    expect(again.state.workflowIds!.sequence).not.toBe(first.state.workflowIds!.sequence);
    expect(workflows.get(again.state.workflowIds!.sequence)!.active).toBe(true);
  });
});
