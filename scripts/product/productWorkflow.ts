/**
 * The ready-made follow-up workflow `npm start` publishes: the designer's n8n export of the
 * four-touch template (trigger, first-touch gate and sender, scheduler, reply handling), wired
 * to run locally without accounts:
 * - the trigger verifies Twilio signatures with a local Twilio credential (no real account),
 * - both senders use Sandbox (the message is recorded in the ledger, nothing is sent),
 * - Sequence Exit sends no STOP confirmation (that needs Twilio),
 * - the CRM Flags post signed JSON to a "Local CRM inbox" webhook workflow on the same n8n,
 * - the inbound-SMS and delivery-status triggers check Twilio's signature with that Twilio credential,
 * - the outcome (booked / CRM status) webhook gets a Basic Auth credential.
 * setUpWorkflows publishes it split in its three parts (splitN8nWorkflow) or whole. The benchmark
 * uses the same workflow with the Twilio sender pointed at its emulator.
 */
import { createHash } from 'node:crypto';
import type { SequenceTemplate } from '../../shared/schema';
import { N8N_NODE_NAMES, templateToN8nWorkflow, type N8nNode } from '../../designer/src/export/n8nWorkflow';

export interface CredRef {
  id: string;
  name: string;
}

export interface ProductCreds {
  twilio: CredRef;
  crm: CredRef;
  replyAuth: CredRef;
}

export interface ProductWorkflowOptions {
  template: SequenceTemplate;
  creds: ProductCreds;
  /** `sandbox` (product) or `twilio` (benchmark, against the emulator) */
  smsProvider: 'sandbox' | 'twilio';
  fromNumber: string;
  crmInboxUrl: string;
  /** fixed "Current Time" of every pack node (benchmarks); empty = the real clock */
  currentTime?: string;
  /** seed of the webhook ids, so a rebuilt workflow keeps its URLs */
  seed: string;
  /** the Postgres ledger credential (queue mode); default: the embedded ledger */
  postgresLedger?: CredRef;
}

/** A stable UUID-shaped id from a seed. */
export function stableUuid(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The seed of `npm start`'s webhook ids. */
export const PRODUCT_SEED = 'missed-call-product';

/** Path of the trigger's production webhook under `/webhook/`. */
export function triggerWebhookPath(seed: string): string {
  return `${stableUuid(`${seed}:trigger`)}/missed-call`;
}

/** Path of the Inbound SMS trigger (a Missed Call SMS Trigger) under `/webhook/`. */
export function replyWebhookPath(seed: string): string {
  return `${stableUuid(`${seed}:inbound-sms`)}/sms`;
}

/** Path of the Delivery Status trigger (a Missed Call SMS Trigger) under `/webhook/`: the senders' Status Callback URL. */
export function deliveryWebhookPath(seed: string): string {
  return `${stableUuid(`${seed}:delivery-status`)}/sms`;
}

/** Path of the outcome webhook (a booking or a CRM status ends the sequence) under `/webhook/`; null when the template has neither exit. */
export function outcomeWebhookPath(template: SequenceTemplate): string | null {
  const n = templateToN8nWorkflow(template).nodes.find((x) => x.name === N8N_NODE_NAMES.outcome);
  return n ? String(n.parameters.path) : null;
}

export const CRM_INBOX_PATH = 'local-crm-inbox';

export function productWorkflow(o: ProductWorkflowOptions) {
  const wf = templateToN8nWorkflow(o.template);
  const N = N8N_NODE_NAMES;
  const now = o.currentTime ? { currentTime: o.currentTime } : {};
  const patch = (name: string, f: (n: N8nNode & { credentials?: Record<string, CredRef>; webhookId?: string }) => void) => {
    const n = wf.nodes.find((x) => x.name === name);
    if (!n) throw new Error(`the designer export has no node "${name}"`);
    f(n);
  };
  patch(N.trigger, (n) => {
    n.webhookId = stableUuid(`${o.seed}:trigger`);
    n.credentials = { missedCallTwilioApi: o.creds.twilio };
    Object.assign(n.parameters, now);
  });
  for (const gate of [N.gateNow, N.gateDue]) patch(gate, (n) => Object.assign(n.parameters, now));
  for (const sender of [N.senderNow, N.senderDue]) {
    patch(sender, (n) => {
      Object.assign(n.parameters, { smsProvider: o.smsProvider, emailProvider: 'sandbox', fromNumber: o.fromNumber, agentName: 'Dana', ...now });
      if (o.smsProvider === 'twilio') n.credentials = { missedCallTwilioApi: o.creds.twilio };
    });
  }
  patch(N.scheduler, (n) => Object.assign(n.parameters, now));
  for (const crm of [N.crmCallback, N.crmNotify, N.crmReengaged]) {
    patch(crm, (n) => {
      Object.assign(n.parameters, { provider: 'webhook', webhookUrl: o.crmInboxUrl, ...now });
      n.credentials = { missedCallWebhookSecret: o.creds.crm };
    });
  }
  // Twilio's signature on each inbound text (simulate-reply signs as Twilio does) with the trigger's Twilio credential
  patch(N.inboundSms, (n) => {
    n.webhookId = stableUuid(`${o.seed}:inbound-sms`);
    n.credentials = { missedCallTwilioApi: o.creds.twilio };
  });
  patch(N.exit, (n) => {
    Object.assign(n.parameters, { sendConfirmation: false, ...now });
    n.credentials = { missedCallTwilioApi: o.creds.twilio };
  });
  // the outcome webhook (booked / CRM status) when the template has those exits: Basic Auth
  if (wf.nodes.some((x) => x.name === N.outcome)) {
    patch(N.outcome, (n) => {
      n.webhookId = stableUuid(`${o.seed}:outcome`);
      n.credentials = { httpBasicAuth: o.creds.replyAuth };
    });
    patch(N.exitOutcome, (n) => Object.assign(n.parameters, now));
  }
  // Twilio's status callbacks (none from the Sandbox; a sender pointed at Twilio asks for them)
  patch(N.deliveryStatus, (n) => {
    n.webhookId = stableUuid(`${o.seed}:delivery-status`);
    n.credentials = { missedCallTwilioApi: o.creds.twilio };
  });
  patch(N.exitDelivery, (n) => Object.assign(n.parameters, now));
  if (o.postgresLedger) {
    for (const n of wf.nodes as (N8nNode & { credentials?: Record<string, CredRef> })[]) {
      if (n.parameters.ledger === undefined) continue;
      n.parameters.ledger = 'postgres';
      n.credentials = { ...n.credentials, missedCallPostgresLedgerApi: o.postgresLedger };
    }
  }
  // the public API accepts name, nodes, connections and settings only
  return { name: wf.name, nodes: wf.nodes, connections: wf.connections, settings: wf.settings };
}

/** A webhook that plays the CRM for the CRM Flags' generic-webhook provider (answers like a CRM). */
export function crmInboxWorkflow(seed: string) {
  return {
    name: 'Local CRM inbox (receives the CRM Flag updates)',
    nodes: [
      {
        id: stableUuid(`${seed}:crm-inbox`),
        name: 'CRM Inbox',
        type: 'n8n-nodes-base.webhook',
        typeVersion: 2,
        position: [0, 0] as [number, number],
        webhookId: stableUuid(`${seed}:crm-inbox-hook`),
        parameters: {
          httpMethod: 'POST',
          path: CRM_INBOX_PATH,
          responseMode: 'onReceived',
          options: {
            responseData: JSON.stringify({ contactId: 'local-contact', matched: false, taskId: 'local-task' }),
            responseHeaders: { entries: [{ name: 'Content-Type', value: 'application/json' }] },
          },
        },
      },
    ],
    connections: {},
    settings: { executionOrder: 'v1' },
  };
}
