/**
 * setUpWorkflows (what `npm start` publishes) against an in-memory stand-in for n8n's public API: a
 * fresh folder gets the three-workflow follow-up; a second start reuses it and republishes what was
 * unpublished; a product folder from before the split keeps its one workflow; a deleted part is
 * imported again alone; a start on another port points the CRM Flags at that port's local CRM inbox;
 * a workflow start published and the user left alone follows the pack's version, an edited one
 * stays as it is and is named outdated. (test/start/start.test.ts runs the real thing against a real n8n.)
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { N8N_NODE_NAMES, N8N_WORKFLOW_PARTS, PHONE_SYSTEM_TEXT_NODES } from '../../designer/src/export';
import type { ProductState } from '../../scripts/product/config';
import { setUpWorkflows } from '../../scripts/product/setUpWorkflows';
import { deliveryWebhookPath, PRODUCT_SEED, replyWebhookPath } from '../../scripts/product/productWorkflow';
import { packHash, workflowHash } from '../../scripts/product/workflowHash';
import type { N8nApi } from '../e2e/harness/n8nApi';

interface Stored {
  name: string;
  nodes: { name: string; type: string; parameters: Record<string, unknown>; notes?: string; webhookId?: string; credentials?: Record<string, { id: string }> }[];
  connections: Record<string, unknown>;
  settings?: unknown;
  active: boolean;
  isArchived?: boolean;
}

/** The part of N8nApi setUpWorkflows uses, over a map; counts what it was asked to do. */
function fakeApi() {
  const workflows = new Map<string, Stored>();
  let seq = 0;
  const made = { credentials: 0, workflows: 0, publishes: 0, updates: 0 };
  const api = {
    async call<T>(method: string, path: string, body?: { name: string; nodes: Stored['nodes']; connections: Stored['connections']; settings?: unknown }): Promise<T> {
      const id = /^\/workflows\/(.+)$/.exec(path)?.[1];
      const w = id === undefined ? undefined : workflows.get(id);
      if (w === undefined) throw new Error(`404 ${method} ${path}`);
      // a copy, as over HTTP
      if (method === 'GET') return structuredClone(w) as T;
      if (method !== 'PUT' || !body) throw new Error(`405 ${method} ${path}`);
      made.updates++;
      workflows.set(id!, { ...w, name: body.name, nodes: structuredClone(body.nodes), connections: structuredClone(body.connections), settings: structuredClone(body.settings) });
      return {} as T;
    },
    async createCredential(): Promise<string> {
      made.credentials++;
      return `cred-${++seq}`;
    },
    async createWorkflow(wf: { name: string; nodes: unknown[]; connections: Stored['connections']; settings?: unknown }): Promise<string> {
      made.workflows++;
      const id = `wf-${++seq}`;
      workflows.set(id, { name: wf.name, nodes: structuredClone(wf.nodes) as Stored['nodes'], connections: structuredClone(wf.connections), settings: structuredClone(wf.settings), active: false });
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

/** the webhook ids of a workflow's webhook nodes */
const webhookIds = (w: Stored) => w.nodes.filter((n) => n.type === 'n8n-nodes-base.webhook').map((n) => n.webhookId);
const credentialIdsOf = (w: Stored) => new Set(w.nodes.flatMap((n) => Object.values(n.credentials ?? {}).map((c) => c.id)));

/** `w` as a start before the outcome webhook published it: without the outcome nodes and their wire */
function withoutOutcome(w: Stored): Pick<Stored, 'name' | 'nodes' | 'connections' | 'settings'> {
  const outcome = new Set<string>([N8N_NODE_NAMES.outcome, N8N_NODE_NAMES.exitOutcome]);
  return {
    name: w.name,
    nodes: w.nodes.filter((n) => !outcome.has(n.name)),
    connections: Object.fromEntries(Object.entries(w.connections).filter(([from]) => !outcome.has(from))),
    settings: w.settings,
  };
}

/** a part's node names in the Twilio export npm start publishes (no phone-system text nodes) */
const namesOf = (part: keyof typeof N8N_WORKFLOW_PARTS) =>
  N8N_WORKFLOW_PARTS[part]
    .filter((k) => !(PHONE_SYSTEM_TEXT_NODES as readonly string[]).includes(k))
    .map((k) => N8N_NODE_NAMES[k])
    .sort();

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
    // Twilio's two entries (inbound SMS, delivery status) check its signature with the product's Twilio credential;
    // the booked / CRM-status outcome webhook is behind the product's Basic Auth
    type Hook = { name: string; type: string; credentials?: Record<string, { id: string }>; webhookId?: string; parameters: Record<string, unknown> };
    const replyNodes = workflows.get(ids.replies)!.nodes as Hook[];
    const twilioHooks = replyNodes.filter((n) => n.type === 'n8n-nodes-missed-call.missedCallSmsTrigger');
    expect(twilioHooks.map((n) => n.name)).toEqual([N8N_NODE_NAMES.inboundSms, N8N_NODE_NAMES.deliveryStatus]);
    expect(twilioHooks.map((n) => n.credentials)).toEqual(twilioHooks.map(() => ({ missedCallTwilioApi: expect.objectContaining({ id: r.state.credentialIds!.twilio }) })));
    expect(twilioHooks.map((n) => n.webhookId)).toEqual([replyWebhookPath(PRODUCT_SEED), deliveryWebhookPath(PRODUCT_SEED)].map((p) => p.replace(/\/sms$/, '')));
    const outcome = replyNodes.filter((n) => n.type === 'n8n-nodes-base.webhook');
    expect(outcome.map((n) => [n.name, n.credentials?.httpBasicAuth?.id])).toEqual([[N8N_NODE_NAMES.outcome, r.state.credentialIds!.replyAuth]]);
    // the Sequence Exits behind the triggers do not check again; the one recording replies keeps the Twilio credential
    const exits = replyNodes.filter((n) => n.name === N8N_NODE_NAMES.exit || n.name === N8N_NODE_NAMES.exitDelivery);
    expect(exits.map((n) => [n.name, n.parameters.verifySignature, n.credentials?.missedCallTwilioApi?.id])).toEqual([
      [N8N_NODE_NAMES.exit, undefined, r.state.credentialIds!.twilio],
      [N8N_NODE_NAMES.exitDelivery, undefined, undefined],
    ]);
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
    expect(workflows.get(old.state.workflowId!)!.nodes).toHaveLength(Object.keys(N8N_NODE_NAMES).length - PHONE_SYSTEM_TEXT_NODES.length);
    // a state file written before `layout` existed
    const legacy: ProductState = { ...old.state };
    delete legacy.layout;
    const before = made.workflows;
    const again = await setUpWorkflows(api, baseUrl, legacy);
    expect(again.created).toBe(false);
    expect(again.state.workflowId).toBe(old.state.workflowId);
    expect(made.workflows).toBe(before);
  });

  it('imports only a deleted or archived part again, with the same credentials and webhooks', async () => {
    const { api, workflows, made } = fakeApi();
    const first = await setUpWorkflows(api, baseUrl, {});
    const before = { ...made };
    const hooksBefore = webhookIds(workflows.get(first.state.workflowIds!.replies)!);
    workflows.delete(first.state.workflowIds!.sequence);
    workflows.get(first.state.workflowIds!.replies)!.isArchived = true;
    const again = await setUpWorkflows(api, baseUrl, first.state);
    expect(again.created).toBe(false);
    expect(again.recreated).toEqual(['sequence', 'replies']);
    expect(made.credentials).toBe(before.credentials);
    expect(made.workflows).toBe(before.workflows + 2);
    const ids = again.state.workflowIds!;
    expect(ids.firstTouch).toBe(first.state.workflowIds!.firstTouch);
    expect(ids.sequence).not.toBe(first.state.workflowIds!.sequence);
    for (const part of ['sequence', 'replies'] as const) expect(workflows.get(ids[part])!.active).toBe(true);
    expect(webhookIds(workflows.get(ids.replies)!)).toEqual(hooksBefore);
    // every credential of the product: the Twilio one checks the signatures of inbound texts and status callbacks
    expect(credentialIdsOf(workflows.get(ids.replies)!)).toEqual(new Set(Object.values(first.state.credentialIds!)));
    // the fingerprints follow the new ids
    expect(Object.keys(again.state.published!).sort()).toEqual([again.state.crmInboxWorkflowId!, ...Object.values(ids)].sort());
  });

  it('brings a workflow it published, unedited, up to the pack’s version in place', async () => {
    const { api, workflows, made } = fakeApi();
    const first = await setUpWorkflows(api, baseUrl, {});
    const id = first.state.workflowIds!.replies;
    const current = workflows.get(id)!;
    // what a start of an earlier version published: the replies without the outcome webhook
    const older = withoutOutcome(current);
    workflows.set(id, { ...current, ...structuredClone(older) });
    const state: ProductState = { ...first.state, published: { ...first.state.published, [id]: { pack: packHash(older), n8n: workflowHash(workflows.get(id)!) } } };
    const before = { ...made };
    const again = await setUpWorkflows(api, baseUrl, state);
    expect(again.updated).toEqual(['replies']);
    expect(again.outdated).toEqual([]);
    expect(again.state.workflowIds).toEqual(first.state.workflowIds);
    expect(made).toMatchObject({ credentials: before.credentials, workflows: before.workflows, updates: before.updates + 1, publishes: before.publishes + 1 });
    const updated = workflows.get(id)!;
    expect(updated.nodes.map((n) => n.name)).toContain(N8N_NODE_NAMES.outcome);
    expect(updated).toEqual({ ...current, active: true });
    // the next start finds it as published: nothing to do
    const steady = { ...made };
    const third = await setUpWorkflows(api, baseUrl, again.state);
    expect([third.updated, third.outdated, third.recreated]).toEqual([[], [], []]);
    expect(made).toEqual(steady);
  });

  it('leaves a workflow the user edited as it is, and names it outdated once the pack’s version changed', async () => {
    const { api, workflows, made } = fakeApi();
    const first = await setUpWorkflows(api, baseUrl, {});
    const id = first.state.workflowIds!.sequence;
    workflows.get(id)!.nodes[0]!.notes = 'my own notes';
    const edited = structuredClone(workflows.get(id)!);
    // the pack's version unchanged: the edit is simply the user's
    const quiet = await setUpWorkflows(api, baseUrl, first.state);
    expect([quiet.updated, quiet.outdated]).toEqual([[], []]);
    // the pack's version changed since start published it
    const state: ProductState = { ...first.state, published: { ...first.state.published, [id]: { ...first.state.published![id]!, pack: 'an earlier version' } } };
    const before = { ...made };
    const again = await setUpWorkflows(api, baseUrl, state);
    expect(again.updated).toEqual([]);
    expect(again.outdated).toEqual([{ part: 'sequence', id, why: 'edited' }]);
    expect(workflows.get(id)).toEqual(edited);
    expect(made.updates).toBe(before.updates);
  });

  it('adopts the workflows of a folder from before the fingerprints that are the pack’s, and names the others outdated', async () => {
    const { api, workflows, made } = fakeApi();
    const first = await setUpWorkflows(api, baseUrl, {});
    const legacy: ProductState = { ...first.state };
    delete legacy.published;
    const id = first.state.workflowIds!.replies;
    const older = structuredClone(withoutOutcome(workflows.get(id)!));
    Object.assign(workflows.get(id)!, older);
    const before = { ...made };
    const again = await setUpWorkflows(api, baseUrl, legacy);
    // cannot tell an earlier version from the user's edits: left as it is
    expect(again.outdated).toEqual([{ part: 'replies', id, why: 'unknown' }]);
    expect(again.updated).toEqual([]);
    expect(workflows.get(id)!.nodes.map((n) => n.name)).not.toContain(N8N_NODE_NAMES.outcome);
    expect(made.updates).toBe(before.updates);
    // the others are the pack's version: fingerprinted as start's own
    const { firstTouch, sequence } = first.state.workflowIds!;
    expect(Object.keys(again.state.published!).sort()).toEqual([first.state.crmInboxWorkflowId!, firstTouch, sequence].sort());
    expect(again.state.published![sequence]).toEqual(first.state.published![sequence]);
  });
});
