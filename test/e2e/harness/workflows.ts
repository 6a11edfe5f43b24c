/**
 * The workflows the e2e tests import, built from the designer's n8n export
 * (designer/src/export/n8nWorkflow.ts: node names, types, wiring and parameters as exported), with
 * only test settings on top:
 * - every pack node gets the scenario's "Current Time" so time is driven, not waited for,
 * - credentials are filled in, senders get a From Number and the caller's email,
 * - the ledger is the embedded one, or Postgres (every pack node, with the credential) in queue mode,
 * - the scheduler runs in its own workflow per instant, polling on a yearly cron: publishing it runs
 *   exactly one poll (n8n polls once on activation), which is how the tests step through time; its
 *   callback CRM Flag posts to a local receiver through the pack's generic webhook provider,
 * - the reply workflow (Webhook → Sequence Exit → CRM Flag) takes its "Current Time" from the
 *   webhook's `at` query parameter, and its CRM Flag talks to the HubSpot emulator.
 * The Consent Gates get no Consent Override: the trigger records informational consent from the
 * inbound call, so the first SMS going out proves that path.
 */
import { randomUUID } from 'node:crypto';
import type { SequenceTemplate } from '../../../shared/schema';
import { fourTouch } from '../../../shared/templates';
import { N8N_NODE_NAMES, templateToN8nWorkflow, type N8nNode, type N8nWorkflow } from '../../../designer/src/export/n8nWorkflow';
import { PROVIDER_CREDENTIALS } from '../../../nodes/MissedCallTrigger/description';

export const BUSINESS_NUMBER = '+15125550142';
export const NAMES = N8N_NODE_NAMES;

type CredRef = { id: string; name: string };

/** Phone systems other than Twilio whose webhook secret lives in a credential of its own. */
export type SignedProvider = Exclude<keyof typeof PROVIDER_CREDENTIALS, 'twilio'>;

export interface Creds {
  twilio: CredRef;
  smtp: CredRef;
  crm: CredRef;
  /** HubSpot private app (emulator) for the reply workflow's CRM Flag */
  hubspot?: CredRef;
  /** when set, every pack node uses the Postgres ledger with this credential (queue mode) */
  postgres?: CredRef;
  /** the trigger credential (webhook secret) of each other phone system */
  providers?: Partial<Record<SignedProvider, CredRef>>;
}

export interface Node {
  id: string;
  name: string;
  type: string;
  typeVersion: number;
  position: [number, number];
  parameters: Record<string, unknown>;
  credentials?: Record<string, CredRef>;
  webhookId?: string;
}

const main = (...targets: (string | null)[][]) => ({ main: targets.map((list) => list.filter((n): n is string => n !== null).map((n) => ({ node: n, type: 'main', index: 0 }))) });

/** The Ledger parameter and credential of a pack node. */
function ledger(creds: Creds): { parameters: Record<string, unknown>; credentials: Record<string, CredRef> } {
  return creds.postgres
    ? { parameters: { ledger: 'postgres' }, credentials: { missedCallPostgresLedgerApi: creds.postgres } }
    : { parameters: { ledger: 'embedded' }, credentials: {} };
}

/** An exported node with test parameters on top, a fresh id, the ledger choice and credentials. */
function fromExport(wf: N8nWorkflow, key: keyof typeof NAMES, creds: Creds, parameters: Record<string, unknown>, credentials: Record<string, CredRef> = {}): Node {
  const n: N8nNode = wf.nodes.find((x) => x.name === NAMES[key])!;
  if (!n) throw new Error(`the export has no node "${NAMES[key]}"`);
  // the pack's nodes with a ledger (the Missed Call SMS Trigger has none)
  const isPack = n.type.startsWith('n8n-nodes-missed-call.') && n.parameters.ledger !== undefined;
  const l = isPack ? ledger(creds) : { parameters: {}, credentials: {} };
  const allCreds = { ...l.credentials, ...credentials };
  return {
    id: randomUUID(),
    name: n.name,
    type: n.type,
    typeVersion: n.typeVersion,
    position: n.position,
    parameters: { ...n.parameters, ...l.parameters, ...parameters },
    ...(Object.keys(allCreds).length ? { credentials: allCreds } : {}),
  };
}

function senderParams(now: string, callerEmail: string): Record<string, unknown> {
  return {
    fromNumber: BUSINESS_NUMBER,
    callerEmail,
    agentName: 'Dana',
    currentTime: now,
    options: { maxAttempts: 2, retryBaseDelayMs: 50, maxRetryWaitSeconds: 2 },
  };
}

export interface TriggerWorkflow {
  name: string;
  /** the trigger's phone system (default Twilio) */
  provider?: SignedProvider;
  webhookId: string;
  nodes: Node[];
  connections: Record<string, unknown>;
}

/**
 * The export's first-touch path: Missed Call Trigger (template embedded; department from the
 * number called) → Consent Gate (first touch) → Follow-up Sender (first touch), all at `now`.
 * `provider` (default Twilio) sets the trigger's Phone System and its credential (`creds.providers`);
 * `params` are further trigger parameters. The sender texts through Twilio either way.
 */
export function triggerWorkflow(o: {
  name: string;
  template: SequenceTemplate;
  now: string;
  creds: Creds;
  settleSeconds?: number;
  provider?: SignedProvider;
  params?: Record<string, unknown>;
  /** the trigger's Message output (texts the phone system reports) → the export's Sequence Exit, Record Reply at `now` */
  messagesToExit?: boolean;
  /** the first-touch sender's SMS through another provider: its parameters (e.g. `smsProvider: 'dialpad'`) and credential */
  sms?: { params: Record<string, unknown>; credentials: Record<string, CredRef> };
}): TriggerWorkflow {
  const wf = templateToN8nWorkflow(o.template);
  const webhookId = randomUUID();
  const twilio = { missedCallTwilioApi: o.creds.twilio };
  let triggerCreds: Record<string, CredRef> = twilio;
  if (o.provider) {
    const ref = o.creds.providers?.[o.provider];
    if (!ref) throw new Error(`triggerWorkflow: no ${o.provider} credential in creds.providers`);
    triggerCreds = { [PROVIDER_CREDENTIALS[o.provider].name]: ref };
  }
  const params = { settleSeconds: o.settleSeconds ?? 90, currentTime: o.now, ...(o.provider ? { provider: o.provider } : {}), ...o.params };
  const trigger = fromExport(wf, 'trigger', o.creds, params, triggerCreds);
  const nodes: Node[] = [
    { ...trigger, webhookId },
    fromExport(wf, 'gateNow', o.creds, { currentTime: o.now }),
    fromExport(wf, 'senderNow', o.creds, { ...senderParams(o.now, ''), ...o.sms?.params }, { ...(o.sms?.credentials ?? twilio), missedCallSmtp: o.creds.smtp }),
  ];
  if (o.messagesToExit) nodes.push(fromExport(wf, 'exit', o.creds, { mode: 'record', currentTime: o.now }));
  // output 0 = Enrolled (Filtered goes nowhere; Message to Sequence Exit when asked); gate output 0 = Send (Defer/Block/Manual are recorded in the ledger)
  return {
    name: o.name,
    ...(o.provider ? { provider: o.provider } : {}),
    webhookId,
    nodes,
    connections: { [NAMES.trigger]: main([NAMES.gateNow], [], o.messagesToExit ? [NAMES.exit] : []), [NAMES.gateNow]: main([NAMES.senderNow]) },
  };
}

/**
 * The export's due-touch path: Sequence Scheduler → Consent Gate (due touches) → Follow-up Sender
 * (sms, email) and CRM Flag (callback tasks, to the local receiver; it passes other steps through
 * untouched), all at `now`; polls once when published.
 */
export function schedulerWorkflow(o: { name: string; now: string; creds: Creds; callerEmail: string; crmUrl: string; withCrm: boolean; template?: SequenceTemplate }) {
  // the scheduler side does not depend on the template (the nodes read each touch's template from the ledger)
  const wf = templateToN8nWorkflow(o.template ?? fourTouch);
  const N = NAMES;
  const nodes: Node[] = [
    fromExport(wf, 'scheduler', o.creds, {
      currentTime: o.now,
      // effectively never again: the activation poll is the one the test asks for
      pollTimes: { item: [{ mode: 'custom', cronExpression: '0 0 1 1 *' }] },
    }),
    fromExport(wf, 'gateDue', o.creds, { currentTime: o.now }),
    fromExport(wf, 'senderDue', o.creds, senderParams(o.now, o.callerEmail), { missedCallTwilioApi: o.creds.twilio, missedCallSmtp: o.creds.smtp }),
  ];
  if (o.withCrm) {
    nodes.push(
      fromExport(
        wf,
        'crmCallback',
        o.creds,
        { provider: 'webhook', webhookUrl: o.crmUrl, currentTime: o.now, options: { maxAttempts: 1, retryBaseDelayMs: 0, timeoutMs: 5000 } },
        { missedCallWebhookSecret: o.creds.crm },
      ),
    );
  }
  return { name: o.name, nodes, connections: { [N.scheduler]: main([N.gateDue]), [N.gateDue]: main([N.senderDue, o.withCrm ? N.crmCallback : null]) } };
}

export interface ReplyWorkflow {
  name: string;
  nodes: Node[];
  connections: Record<string, unknown>;
  /** the webhook path after /webhook/ (the Missed Call SMS Trigger's `<webhookId>/sms`) */
  path: string;
}

/**
 * The export's delivery-status path: Missed Call SMS Trigger "Delivery Status" (Twilio's signature) →
 * Sequence Exit (Record Delivery Status); its "Current Time" comes from the `at` query parameter of the
 * Status Callback URL.
 */
export function deliveryWorkflow(o: { name: string; template: SequenceTemplate; creds: Creds }): ReplyWorkflow {
  const wf = templateToN8nWorkflow(o.template);
  const webhookId = randomUUID();
  const trigger = fromExport(wf, 'deliveryStatus', o.creds, {}, { missedCallTwilioApi: o.creds.twilio });
  const exit = fromExport(wf, 'exitDelivery', o.creds, { currentTime: `={{ $('${NAMES.deliveryStatus}').first().json.query.at }}` });
  return {
    name: o.name,
    path: `${webhookId}/sms`,
    nodes: [{ ...trigger, webhookId }, exit],
    connections: { [NAMES.deliveryStatus]: wf.connections[NAMES.deliveryStatus] },
  };
}

/**
 * The export's reply path: Missed Call SMS Trigger (Twilio inbound SMS, its signature) → Sequence Exit (Record, sends
 * the STOP confirmation through Twilio) → Re-engaged → CRM Flag (Flag Re-Engaged Lead, HubSpot,
 * owner by department). "Current Time" of both pack nodes comes from the `at` query parameter.
 */
export function replyWorkflow(o: { name: string; template: SequenceTemplate; creds: Creds; owners: Record<string, string> }): ReplyWorkflow {
  if (!o.creds.hubspot) throw new Error('replyWorkflow needs the hubspot credential');
  const wf = templateToN8nWorkflow(o.template);
  const webhookId = randomUUID();
  const trigger = fromExport(wf, 'inboundSms', o.creds, {}, { missedCallTwilioApi: o.creds.twilio });
  const at = `={{ $('${NAMES.inboundSms}').first().json.query.at }}`;
  const exit = fromExport(wf, 'exit', o.creds, { currentTime: at }, { missedCallTwilioApi: o.creds.twilio });
  const crmExport = wf.nodes.find((n) => n.name === NAMES.crmReengaged)!;
  const { mappings } = crmExport.parameters.departmentOwners as { mappings: { department: string; ownerId: string; queueId: string }[] };
  const crm = fromExport(
    wf,
    'crmReengaged',
    o.creds,
    {
      currentTime: at,
      departmentOwners: { mappings: mappings.map((m) => ({ ...m, ownerId: o.owners[m.department] ?? '' })) },
      options: { maxAttempts: 2, retryBaseDelayMs: 10, timeoutMs: 5000 },
    },
    { missedCallHubSpotApi: o.creds.hubspot },
  );
  const exported = wf.connections;
  return {
    name: o.name,
    path: `${webhookId}/sms`,
    nodes: [{ ...trigger, webhookId }, exit, crm],
    // the export's own wiring (trigger → Exit; Exit's Re-engaged output → CRM Flag)
    connections: { [NAMES.inboundSms]: exported[NAMES.inboundSms], [NAMES.exit]: exported[NAMES.exit] },
  };
}
