/**
 * Creates (once) the credentials and workflows of the product through n8n's public API and
 * publishes them; a later run finds them by the ids kept in the product state and reuses them.
 */
import { randomBytes } from 'node:crypto';
import type { N8nApi } from '../../test/e2e/harness/n8nApi';
import { fourTouch } from '../../shared/templates';
import { BUSINESS_NUMBER, type ProductState } from './config';
import { CRM_INBOX_PATH, crmInboxWorkflow, productWorkflow, triggerWebhookPath, type ProductCreds } from './productWorkflow';
import { splitN8nWorkflow } from '../../designer/src/export/n8nWorkflow';

const SEED = 'missed-call-product';
const CRM_FLAG_TYPE = 'n8n-nodes-missed-call.crmFlag';
/** the local CRM inbox on any port (what setUpWorkflows wrote) */
const LOCAL_INBOX = new RegExp(`^http://127\\.0\\.0\\.1:\\d+/webhook/${CRM_INBOX_PATH}$`);

interface StoredWorkflow {
  active: boolean;
  name: string;
  nodes: { type: string; parameters: Record<string, unknown> }[];
  connections: unknown;
  settings?: unknown;
}

async function exists(api: N8nApi, id: string | undefined): Promise<StoredWorkflow | null> {
  if (!id) return null;
  try {
    return await api.call<StoredWorkflow>('GET', `/workflows/${id}`);
  } catch {
    return null;
  }
}

/**
 * Points the CRM Flags that post to the local CRM inbox at `inboxUrl` (a start on another N8N_PORT
 * than the one that created them); true when a node changed. Flags sent elsewhere stay as they are.
 */
function repointCrmInbox(w: StoredWorkflow, inboxUrl: string): boolean {
  let changed = false;
  for (const n of w.nodes) {
    const url = n.parameters.webhookUrl;
    if (n.type !== CRM_FLAG_TYPE || n.parameters.provider !== 'webhook' || typeof url !== 'string') continue;
    if (url === inboxUrl || !LOCAL_INBOX.test(url)) continue;
    n.parameters.webhookUrl = inboxUrl;
    changed = true;
  }
  return changed;
}

/** Waits until a published webhook answers something else than 404 (n8n registers it about 1 s after publishing). */
export async function waitForWebhook(url: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'probe=1' });
    await r.arrayBuffer();
    if (r.status !== 404) return;
    if (Date.now() > deadline) throw new Error(`webhook ${url} still answers 404 ${timeoutMs / 1000} s after publishing`);
    await new Promise((res) => setTimeout(res, 100));
  }
}

export interface SetUpResult {
  state: ProductState;
  triggerUrl: string;
  created: boolean;
}

/**
 * Ensures the Sandbox follow-up and the local CRM inbox are imported and published. The follow-up is
 * three workflows (`layout: 'split'`, the default: first touch, later touches, replies; see
 * splitN8nWorkflow) or the designer's one workflow (`single`). A state from an earlier run keeps its
 * layout. `smsProvider: 'twilio'` plus `twilioBaseUrl` (benchmarks) sends through a Twilio emulator.
 */
export async function setUpWorkflows(
  api: N8nApi,
  baseUrl: string,
  prev: ProductState,
  o: {
    smsProvider?: 'sandbox' | 'twilio';
    twilio?: { accountSid: string; authToken: string; baseUrl?: string };
    currentTime?: string;
    postgresLedger?: Record<string, unknown>;
    layout?: 'single' | 'split';
  } = {},
): Promise<SetUpResult> {
  const state: ProductState = { ...prev };
  const triggerUrl = `${baseUrl}/webhook/${triggerWebhookPath(SEED)}`;
  const ids = (s: ProductState): (string | undefined)[] => (s.layout !== 'split' ? [s.workflowId] : s.workflowIds ? Object.values(s.workflowIds) : [undefined]);
  const found = await Promise.all(ids(state).map((id) => exists(api, id)));
  const inbox = await exists(api, state.crmInboxWorkflowId);
  if (found.every((w) => w !== null) && inbox) {
    if (!inbox.active) await api.publish(state.crmInboxWorkflowId!);
    const inboxUrl = `${baseUrl}/webhook/${CRM_INBOX_PATH}`;
    for (const [i, w] of found.entries()) {
      const id = ids(state)[i]!;
      if (repointCrmInbox(w!, inboxUrl)) {
        // the public API takes name, nodes, connections and settings; an update needs publishing again
        await api.call('PUT', `/workflows/${id}`, { name: w!.name, nodes: w!.nodes, connections: w!.connections, settings: w!.settings });
        await api.publish(id);
      } else if (!w!.active) await api.publish(id);
    }
    await waitForWebhook(triggerUrl);
    return { state: { ...state, triggerUrl }, triggerUrl, created: false };
  }

  state.twilio = o.twilio ? { accountSid: o.twilio.accountSid, authToken: o.twilio.authToken } : (state.twilio ?? { accountSid: `AC${randomBytes(16).toString('hex')}`, authToken: randomBytes(16).toString('hex') });
  state.replyAuth ??= { user: 'twilio', password: randomBytes(12).toString('hex') };
  const twilioData: Record<string, unknown> = { authType: 'authToken', accountSid: state.twilio.accountSid, authToken: state.twilio.authToken };
  if (o.twilio?.baseUrl) Object.assign(twilioData, { baseUrl: o.twilio.baseUrl, lookupBaseUrl: o.twilio.baseUrl });
  const creds: ProductCreds = {
    twilio: { name: 'Twilio (local signatures only)', id: await api.createCredential('Twilio (local signatures only)', 'missedCallTwilioApi', twilioData) },
    crm: { name: 'Local CRM inbox signing secret', id: await api.createCredential('Local CRM inbox signing secret', 'missedCallWebhookSecret', { secret: randomBytes(16).toString('hex') }) },
    replyAuth: { name: 'Inbound SMS Basic Auth', id: await api.createCredential('Inbound SMS Basic Auth', 'httpBasicAuth', state.replyAuth) },
  };
  const pgLedger = o.postgresLedger
    ? { name: 'Missed Call Ledger (Postgres)', id: await api.createCredential('Missed Call Ledger (Postgres)', 'missedCallPostgresLedgerApi', o.postgresLedger) }
    : undefined;
  state.credentialIds = { twilio: creds.twilio.id, crm: creds.crm.id, replyAuth: creds.replyAuth.id };

  state.crmInboxWorkflowId = await api.createWorkflow(crmInboxWorkflow(SEED));
  await api.publish(state.crmInboxWorkflowId);
  const workflow = productWorkflow({
    template: fourTouch,
    creds,
    smsProvider: o.smsProvider ?? 'sandbox',
    fromNumber: BUSINESS_NUMBER,
    crmInboxUrl: `${baseUrl}/webhook/${CRM_INBOX_PATH}`,
    seed: SEED,
    ...(o.currentTime ? { currentTime: o.currentTime } : {}),
    ...(pgLedger ? { postgresLedger: pgLedger } : {}),
  });
  state.layout = o.layout ?? 'split';
  if (state.layout === 'split') {
    const parts = splitN8nWorkflow(workflow);
    // the trigger's workflow last: the first call finds the rest published
    const sequence = await api.createWorkflow(parts.sequence);
    const replies = await api.createWorkflow(parts.replies);
    const firstTouch = await api.createWorkflow(parts.firstTouch);
    state.workflowIds = { firstTouch, sequence, replies };
    state.workflowId = firstTouch;
    for (const id of [sequence, replies, firstTouch]) await api.publish(id);
  } else {
    delete state.workflowIds;
    state.workflowId = await api.createWorkflow(workflow);
    await api.publish(state.workflowId);
  }
  await waitForWebhook(triggerUrl);
  return { state: { ...state, triggerUrl }, triggerUrl, created: true };
}
