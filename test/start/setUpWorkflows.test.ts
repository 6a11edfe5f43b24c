/**
 * setUpWorkflows (what `npm start` publishes) against an in-memory stand-in for n8n's public API: a
 * fresh folder gets the three-workflow follow-up; a second start reuses it and republishes what was
 * unpublished; a product folder from before the split keeps its one workflow; a deleted part makes
 * it set up again; a start on another port points the CRM Flags at that port's local CRM inbox. (test/start/start.test.ts runs the real thing once against a real n8n.)
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { N8N_NODE_NAMES, N8N_WORKFLOW_PARTS } from '../../designer/src/export';
import type { ProductState } from '../../scripts/product/config';
import { setUpWorkflows } from '../../scripts/product/setUpWorkflows';
import type { N8nApi } from '../e2e/harness/n8nApi';

interface Stored {
  name: string;
  nodes: { name: string; type: string; parameters: Record<string, unknown> }[];
  connections: unknown;
  active: boolean;
}

/** The part of N8nApi setUpWorkflows uses, over a map; counts what it was asked to do. */
function fakeApi() {
  const workflows = new Map<string, Stored>();
  let seq = 0;
  const made = { credentials: 0, workflows: 0, publishes: 0, updates: 0 };
  const api = {
    async call<T>(method: string, path: string, body?: { name: string; nodes: Stored['nodes']; connections: unknown }): Promise<T> {
      const id = /^\/workflows\/(.+)$/.exec(path)?.[1];
      const w = id === undefined ? undefined : workflows.get(id);
      if (w === undefined) throw new Error(`404 ${method} ${path}`);
      // a copy, as over HTTP
      if (method === 'GET') return structuredClone(w) as T;
      if (method !== 'PUT' || !body) throw new Error(`405 ${method} ${path}`);
      made.updates++;
      workflows.set(id!, { ...w, name: body.name, nodes: structuredClone(body.nodes), connections: body.connections });
      return {} as T;
    },
    async createCredential(): Promise<string> {
      made.credentials++;
      return `cred-${++seq}`;
    },
    async createWorkflow(wf: { name: string; nodes: unknown[]; connections: unknown }): Promise<string> {
      made.workflows++;
      const id = `wf-${++seq}`;
      workflows.set(id, { name: wf.name, nodes: structuredClone(wf.nodes) as Stored['nodes'], connections: wf.connections, active: false });
      return id;
    },
    async publish(id: string): Promise<void> {
      made.publishes++;
      workflows.get(id)!.active = true;
    },
  };
  return { api: api as unknown as N8nApi, workflows, made };
}

const servers: Server[] = [];
let baseUrl = '';
/** a second n8n port (a later start with another N8N_PORT) */
let otherBaseUrl = '';

async function webhookServer(): Promise<string> {
  // answers every webhook (waitForWebhook waits for anything but 404)
  const server = createServer((_req, res) => res.end('ok'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

beforeAll(async () => {
  baseUrl = await webhookServer();
  otherBaseUrl = await webhookServer();
});
afterAll(() => Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r())))));

/** the webhook URL of every CRM Flag in the stored workflows */
const crmUrls = (workflows: Map<string, Stored>) =>
  [...workflows.values()].flatMap((w) => w.nodes.filter((n) => n.type === 'n8n-nodes-missed-call.crmFlag').map((n) => n.parameters.webhookUrl));

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
    // both webhooks of the replies (inbound SMS, booked / CRM-status outcome) behind the product's Basic Auth
    const hooks = workflows.get(ids.replies)!.nodes.filter((n) => n.type === 'n8n-nodes-base.webhook') as { name: string; credentials?: Record<string, { id: string }>; webhookId?: string }[];
    expect(hooks.map((n) => n.name)).toEqual([N8N_NODE_NAMES.inboundSms, N8N_NODE_NAMES.outcome]);
    expect(hooks.map((n) => n.credentials?.httpBasicAuth?.id)).toEqual([r.state.credentialIds!.replyAuth, r.state.credentialIds!.replyAuth]);
    expect(new Set(hooks.map((n) => n.webhookId)).size).toBe(2);
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
    expect(made.updates).toBe(0);
    expect(workflows.get(first.state.workflowIds!.replies)!.active).toBe(true);
  });

  it('points the CRM Flags at the local CRM inbox of the port n8n runs on now', async () => {
    const { api, workflows, made } = fakeApi();
    const first = await setUpWorkflows(api, baseUrl, {});
    const urls = crmUrls(workflows);
    // callback task, agent notification (later touches) and re-engaged (replies)
    expect(urls).toHaveLength(3);
    expect(new Set(urls)).toEqual(new Set([`${baseUrl}/webhook/local-crm-inbox`]));
    const before = { ...made };
    const again = await setUpWorkflows(api, otherBaseUrl, first.state);
    expect(again.created).toBe(false);
    expect(again.state.workflowIds).toEqual(first.state.workflowIds);
    expect(new Set(crmUrls(workflows))).toEqual(new Set([`${otherBaseUrl}/webhook/local-crm-inbox`]));
    // the later-touches and replies workflows updated and published again; the first touch has no CRM Flag
    expect(made.updates).toBe(2);
    expect(made.publishes).toBe(before.publishes + 2);
    expect(made.workflows).toBe(before.workflows);
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
