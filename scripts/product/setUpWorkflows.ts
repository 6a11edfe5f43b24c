/**
 * Creates (once) the credentials and workflows of the product through n8n's public API and
 * publishes them; a later run finds them by the ids kept in the product state, reuses them and
 * brings those the user did not edit up to the pack's version (workflowHash).
 */
import { randomBytes } from 'node:crypto';
import type { N8nApi } from '../../test/e2e/harness/n8nApi';
import { fourTouch } from '../../shared/templates';
import { BUSINESS_NUMBER, type ProductState } from './config';
import { CRM_INBOX_PATH, crmInboxWorkflow, PRODUCT_SEED, productWorkflow, triggerWebhookPath, type CredRef, type ProductCreds } from './productWorkflow';
import { isPackVersion, LOCAL_INBOX, packHash, workflowHash, type WorkflowBody } from './workflowHash';
import { splitN8nWorkflow } from '../../designer/src/export/n8nWorkflow';

const SEED = PRODUCT_SEED;
const CRM_FLAG_TYPE = 'n8n-nodes-missed-call.crmFlag';

interface StoredWorkflow {
  active: boolean;
  isArchived?: boolean;
  name: string;
  nodes: { name: string; type: string; parameters: Record<string, unknown> }[];
  connections: unknown;
  settings?: unknown;
}

/** The workflow `id` in n8n; null when it is not there (deleted) or archived. */
async function exists(api: N8nApi, id: string | undefined): Promise<StoredWorkflow | null> {
  if (!id) return null;
  try {
    const w = await api.call<StoredWorkflow>('GET', `/workflows/${id}`);
    return w.isArchived ? null : w;
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

/** A workflow the product owns: the CRM inbox, the follow-up's three parts (`split`) or its one workflow (`single`). */
export type ProductPart = 'crmInbox' | 'firstTouch' | 'sequence' | 'replies' | 'single';

export interface SetUpResult {
  state: ProductState;
  triggerUrl: string;
  /** a fresh set-up: new credentials and workflows */
  created: boolean;
  /** workflows start had published unedited, brought up to this version of the pack in place (same id) */
  updated: ProductPart[];
  /** workflows that were deleted or archived in n8n, imported and published again (same credentials and webhooks) */
  recreated: ProductPart[];
  /**
   * workflows that differ from the pack's version and were left as they are: edited in n8n since
   * start published them (`edited`), or published by a start from before the fingerprints (`unknown`)
   */
  outdated: { part: ProductPart; id: string; why: 'edited' | 'unknown' }[];
}

type SetUpOptions = {
  smsProvider?: 'sandbox' | 'twilio';
  twilio?: { accountSid: string; authToken: string; baseUrl?: string };
  currentTime?: string;
  postgresLedger?: Record<string, unknown>;
  layout?: 'single' | 'split';
};

const CRED_NAMES = {
  twilio: 'Twilio (local signatures only)',
  crm: 'Local CRM inbox signing secret',
  replyAuth: 'Outcome webhook Basic Auth',
  postgresLedger: 'Missed Call Ledger (Postgres)',
} as const;

/** Publishing order: the trigger's workflow last, so the first call finds the rest published. */
const ORDER: Record<'single' | 'split', ProductPart[]> = { split: ['crmInbox', 'sequence', 'replies', 'firstTouch'], single: ['crmInbox', 'single'] };

function idOf(s: ProductState, part: ProductPart): string | undefined {
  if (part === 'crmInbox') return s.crmInboxWorkflowId;
  if (part === 'single') return s.workflowId;
  return s.workflowIds?.[part];
}

function setId(s: ProductState, part: ProductPart, id: string): void {
  if (part === 'crmInbox') s.crmInboxWorkflowId = id;
  else if (part === 'single') s.workflowId = id;
  else {
    s.workflowIds = { ...s.workflowIds!, [part]: id };
    if (part === 'firstTouch') s.workflowId = id;
  }
}

/** What this version of the pack publishes, by part. */
function packWorkflows(baseUrl: string, state: ProductState, pgLedger: CredRef | undefined, o: SetUpOptions): Partial<Record<ProductPart, WorkflowBody>> {
  const ids = state.credentialIds!;
  const creds: ProductCreds = {
    twilio: { name: CRED_NAMES.twilio, id: ids.twilio! },
    crm: { name: CRED_NAMES.crm, id: ids.crm! },
    replyAuth: { name: CRED_NAMES.replyAuth, id: ids.replyAuth! },
  };
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
  const crmInbox = crmInboxWorkflow(SEED);
  if (state.layout !== 'split') return { crmInbox, single: workflow };
  const { firstTouch, sequence, replies } = splitN8nWorkflow(workflow);
  return { crmInbox, firstTouch, sequence, replies };
}

/** Publishes `id` and keeps the fingerprints of what it holds now: the pack's `pack` and n8n's copy. */
async function publishAndRecord(api: N8nApi, state: ProductState, id: string, pack: WorkflowBody): Promise<void> {
  await api.publish(id);
  const stored = await api.call<StoredWorkflow>('GET', `/workflows/${id}`);
  state.published = { ...state.published, [id]: { pack: packHash(pack), n8n: workflowHash(stored) } };
}

/** The public API takes name, nodes, connections and settings; an update needs publishing again. */
const put = (api: N8nApi, id: string, w: WorkflowBody) => api.call('PUT', `/workflows/${id}`, { name: w.name, nodes: w.nodes, connections: w.connections, settings: w.settings });

/**
 * Ensures the Sandbox follow-up and the local CRM inbox are imported and published. The follow-up is
 * three workflows (`layout: 'split'`, the default: first touch, later touches, replies; see
 * splitN8nWorkflow) or the designer's one workflow (`single`). A state from an earlier run keeps its
 * layout and its credentials; on it, each workflow is:
 * - imported again when it was deleted or archived in n8n;
 * - updated in place (same id, published again) when n8n still holds what start published and the
 *   pack's version changed since (a new part such as the outcome webhook);
 * - left as it is when it was edited in n8n (or published before start kept fingerprints and is not
 *   the pack's version): listed in `outdated`. Its CRM Flags still follow the port.
 * `smsProvider: 'twilio'` plus `twilioBaseUrl` (benchmarks) sends through a Twilio emulator.
 */
export async function setUpWorkflows(api: N8nApi, baseUrl: string, prev: ProductState, o: SetUpOptions = {}): Promise<SetUpResult> {
  const state: ProductState = { ...prev };
  const triggerUrl = `${baseUrl}/webhook/${triggerWebhookPath(SEED)}`;
  state.layout ??= state.workflowIds ? 'split' : state.workflowId ? 'single' : (o.layout ?? 'split');
  const order = ORDER[state.layout];
  const found = new Map<ProductPart, StoredWorkflow | null>();
  for (const part of order) found.set(part, await exists(api, idOf(state, part)));
  // a folder set up before keeps its credentials; one whose workflows are all gone (a new n8n database) starts over
  const reuse = state.credentialIds !== undefined && [...found.values()].some((w) => w !== null);
  const result: SetUpResult = { state, triggerUrl, created: !reuse, updated: [], recreated: [], outdated: [] };

  if (!reuse) {
    state.layout = o.layout ?? 'split';
    state.twilio = o.twilio ? { accountSid: o.twilio.accountSid, authToken: o.twilio.authToken } : (state.twilio ?? { accountSid: `AC${randomBytes(16).toString('hex')}`, authToken: randomBytes(16).toString('hex') });
    state.replyAuth ??= { user: 'twilio', password: randomBytes(12).toString('hex') };
    const twilioData: Record<string, unknown> = { authType: 'authToken', accountSid: state.twilio.accountSid, authToken: state.twilio.authToken };
    if (o.twilio?.baseUrl) Object.assign(twilioData, { baseUrl: o.twilio.baseUrl, lookupBaseUrl: o.twilio.baseUrl });
    state.credentialIds = {
      twilio: await api.createCredential(CRED_NAMES.twilio, 'missedCallTwilioApi', twilioData),
      crm: await api.createCredential(CRED_NAMES.crm, 'missedCallWebhookSecret', { secret: randomBytes(16).toString('hex') }),
      replyAuth: await api.createCredential(CRED_NAMES.replyAuth, 'httpBasicAuth', state.replyAuth),
    };
    if (o.postgresLedger) state.credentialIds.postgresLedger = await api.createCredential(CRED_NAMES.postgresLedger, 'missedCallPostgresLedgerApi', o.postgresLedger);
    delete state.workflowIds;
    delete state.published;
  }
  if (o.postgresLedger && !state.credentialIds!.postgresLedger) {
    state.credentialIds = { ...state.credentialIds, postgresLedger: await api.createCredential(CRED_NAMES.postgresLedger, 'missedCallPostgresLedgerApi', o.postgresLedger) };
  }
  const pgLedger = o.postgresLedger ? { name: CRED_NAMES.postgresLedger, id: state.credentialIds!.postgresLedger! } : undefined;
  const want = packWorkflows(baseUrl, state, pgLedger, o);
  const inboxUrl = `${baseUrl}/webhook/${CRM_INBOX_PATH}`;

  for (const part of ORDER[state.layout]) {
    const pack = want[part]!;
    const id = idOf(state, part);
    const current = reuse ? found.get(part)! : null;
    if (current === null) {
      const created = await api.createWorkflow(pack);
      if (id !== undefined && state.published) delete state.published[id];
      setId(state, part, created);
      await publishAndRecord(api, state, created, pack);
      if (reuse) result.recreated.push(part);
      continue;
    }
    let record = state.published?.[id!];
    if (record === undefined && isPackVersion(current, pack)) {
      // published before start kept fingerprints, and the pack's version: start's own
      record = { pack: packHash(pack), n8n: workflowHash(current) };
      state.published = { ...state.published, [id!]: record };
    }
    const untouched = record !== undefined && record.n8n === workflowHash(current);
    if (untouched && record!.pack !== packHash(pack)) {
      await put(api, id!, pack);
      await publishAndRecord(api, state, id!, pack);
      result.updated.push(part);
      continue;
    }
    if (repointCrmInbox(current, inboxUrl)) {
      await put(api, id!, current);
      if (untouched) await publishAndRecord(api, state, id!, pack);
      else await api.publish(id!);
    } else if (!current.active) await api.publish(id!);
    if (!untouched && record?.pack !== packHash(pack)) result.outdated.push({ part, id: id!, why: record ? 'edited' : 'unknown' });
  }
  // fingerprints of workflows start no longer knows
  const known = new Set(ORDER[state.layout].map((p) => idOf(state, p)));
  if (state.published) state.published = Object.fromEntries(Object.entries(state.published).filter(([id]) => known.has(id)));
  await waitForWebhook(triggerUrl);
  state.triggerUrl = triggerUrl;
  return result;
}
