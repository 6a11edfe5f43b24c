import type { SequenceTemplate } from '../../../shared/schema';
import { templateToJson } from './templateFile';

export const PACKAGE = 'n8n-nodes-missed-call';
export const N8N_NODE_TYPES = {
  trigger: `${PACKAGE}.missedCallTrigger`,
  scheduler: `${PACKAGE}.sequenceScheduler`,
  consentGate: `${PACKAGE}.consentGate`,
  sender: `${PACKAGE}.followUpSender`,
  exit: `${PACKAGE}.sequenceExit`,
  crmFlag: `${PACKAGE}.crmFlag`,
  smsTrigger: `${PACKAGE}.missedCallSmsTrigger`,
} as const;
/** n8n core node that receives the outcome webhook (a real n8n has it; it is not in this package). */
export const N8N_WEBHOOK_TYPE = 'n8n-nodes-base.webhook';
/** n8n core node that answers a webhook set to respond "Using 'Respond to Webhook' Node". */
export const N8N_RESPOND_TYPE = 'n8n-nodes-base.respondToWebhook';

export interface N8nNode {
  id: string;
  name: string;
  type: string;
  typeVersion: number;
  position: [number, number];
  parameters: Record<string, unknown>;
  notes?: string;
  /** n8n's "On Error" setting; unset: stop the workflow */
  onError?: 'continueErrorOutput';
  /** n8n's "Deactivate": the node does not run, and its issues (a missing credential) do not block publishing */
  disabled?: boolean;
}
export interface N8nConnection {
  node: string;
  type: 'main';
  index: number;
}
export interface N8nWorkflow {
  name: string;
  nodes: N8nNode[];
  /** source node name → per output index, the nodes it feeds */
  connections: Record<string, { main: N8nConnection[][] }>;
  settings: { executionOrder: 'v1'; timezone: string };
  pinData: Record<string, never>;
  meta: { templateId: string; templateSchemaVersion: number; generatedBy: string };
}

/** Node names in the exported workflow (names are n8n's connection keys). */
export const N8N_NODE_NAMES = {
  trigger: 'Missed Call Trigger',
  scheduler: 'Sequence Scheduler',
  gateNow: 'Consent Gate (first touch)',
  gateDue: 'Consent Gate (due touches)',
  senderNow: 'Follow-up Sender (first touch)',
  senderDue: 'Follow-up Sender',
  crmCallback: 'CRM Flag (callback task)',
  crmNotify: 'CRM Flag (agent notification)',
  inboundSms: 'Inbound SMS',
  exit: 'Sequence Exit',
  crmReengaged: 'CRM Flag (re-engaged)',
  outcome: 'Booked or CRM Status',
  exitOutcome: 'Sequence Exit (outcome)',
  answerOutcome: 'Answer (outcome)',
  deliveryStatus: 'Delivery Status',
  exitDelivery: 'Sequence Exit (delivery)',
  exitTexts: 'Sequence Exit (phone system texts)',
  crmTexts: 'CRM Flag (re-engaged by text)',
} as const;

/** Phone systems the export sets the Missed Call Trigger up for (its Phone System option). */
export const EXPORT_PHONE_SYSTEMS = ['twilio', 'aircall', 'dialpad', 'ringcentral', 'vonage', 'zoom'] as const;
export type ExportPhoneSystem = (typeof EXPORT_PHONE_SYSTEMS)[number];
export const PHONE_SYSTEM_LABELS: Record<ExportPhoneSystem, string> = {
  twilio: 'Twilio',
  aircall: 'Aircall',
  dialpad: 'Dialpad',
  ringcentral: 'RingCentral',
  vonage: 'Vonage',
  zoom: 'Zoom Phone',
};
/** Phone systems whose trigger reports texts to their numbers (its Message output). */
export const TEXTING_PHONE_SYSTEMS: readonly ExportPhoneSystem[] = ['dialpad', 'ringcentral', 'vonage', 'zoom'];
/** The nodes only an export for one of TEXTING_PHONE_SYSTEMS has (the first touch's Message → Sequence Exit → CRM Flag). */
export const PHONE_SYSTEM_TEXT_NODES = ['exitTexts', 'crmTexts'] as const satisfies readonly (keyof typeof N8N_NODE_NAMES)[];

/** Phone systems the senders text through (from the number the caller called) instead of Twilio. */
export const SMS_PHONE_SYSTEMS: readonly ExportPhoneSystem[] = ['dialpad', 'ringcentral', 'vonage'];
/**
 * The replies part's Twilio-only nodes: texts and delivery callbacks of Twilio numbers. An export for
 * one of SMS_PHONE_SYSTEMS sends no text through Twilio, so it has them disabled (kept for a business
 * that also texts from Twilio numbers): enabled, their missing Twilio credential would keep n8n's
 * editor from publishing the replies workflow, and with it the outcome webhook.
 */
export const TWILIO_REPLY_NODES = ['inboundSms', 'exit', 'crmReengaged', 'deliveryStatus', 'exitDelivery'] as const satisfies readonly (keyof typeof N8N_NODE_NAMES)[];

export interface N8nExportOptions {
  /** the business's phone system (default Twilio); Dialpad and RingCentral also send the texts, from the number the caller called */
  phoneSystem?: ExportPhoneSystem;
}

/**
 * Output indexes the export wires (the nodes' own output order; test/designer/exportMatchesNodes
 * checks them against the built nodes). Unlisted outputs stay unconnected on purpose: the nodes
 * record Filtered, Defer, Block, Manual, Not Sent, the other reply classes and every delivery status
 * (Delivered, Undelivered, Other) in the ledger.
 */
export const N8N_OUTPUTS = {
  /** Missed Call Trigger: Enrolled, Filtered, Message */
  triggerEnrolled: 0,
  triggerMessage: 2,
  /** Consent Gate: Send, Defer, Block, Manual */
  gateSend: 0,
  /** Sequence Scheduler: its only output */
  schedulerTouches: 0,
  /** Webhook, Missed Call SMS Trigger: its only output */
  webhook: 0,
  /** Sequence Exit in Record mode: Opt-out, Opt-in, Help, Re-engaged, Auto-reply */
  exitReengaged: 3,
  /** Sequence Exit in Check mode: Exit, Continue; with "On Error: Continue (using error output)" n8n adds the error output */
  checkExit: 0,
  checkContinue: 1,
  checkError: 2,
} as const;

/** Whether the template ends a sequence on an outcome reported from outside: a booking or a CRM status. */
export const hasOutcomeExits = (t: Pick<SequenceTemplate, 'exit'>): boolean => t.exit.onBooked || t.exit.crmStatuses.length > 0;

/** Credential display names as n8n shows them (checked against the built credentials by the test). */
const CRED = {
  twilio: 'Missed Call Twilio API',
  dialpad: 'Missed Call Dialpad API',
  ringcentral: 'Missed Call RingCentral API',
  vonage: 'Missed Call Vonage API',
  aircallWebhook: 'Missed Call Aircall API',
  dialpadWebhook: 'Dialpad Webhook (Missed Call)',
  ringcentralWebhook: 'RingCentral Webhook (Missed Call)',
  vonageWebhook: 'Vonage Webhook (Missed Call)',
  zoomWebhook: 'Zoom Phone Webhook (Missed Call)',
  smtp: 'Missed Call SMTP',
  hubspot: 'Missed Call HubSpot Private App API',
  postgres: 'Missed Call Ledger (Postgres)',
} as const;

/** What the Missed Call SMS Triggers say about Twilio's signature. */
const SIGNATURE_NOTE = `Set the “${CRED.twilio}” credential of the account that owns the number: each request must carry Twilio's signature for this node's production URL, checked with its Auth Token; an unsigned or forged one gets 403 and starts nothing. Behind a proxy set n8n's WEBHOOK_URL to the public address (or fill Signed URL).`;
const LEDGER_NOTE = `Ledger: Embedded (SQLite in the n8n user folder; one n8n instance). For queue mode switch every node of the pack to Postgres with the “${CRED.postgres}” credential.`;

/** A deterministic n8n-style node id from the workflow's template id and the node key. */
function nodeId(templateId: string, key: string): string {
  const hash = (seed: number) => {
    let h = seed;
    for (const c of `${templateId}:${key}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
    return h.toString(16).padStart(8, '0');
  };
  const hex = hash(2166136261) + hash(374761393) + hash(668265263) + hash(2246822519);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const slug = (id: string) => id.replace(/[^A-Za-z0-9_-]/g, '-') || 'sequence';

/** Parameters of one CRM Flag: HubSpot, the template's departments listed for owner IDs. */
function crmParameters(template: SequenceTemplate, operation: 'callbackTask' | 'notifyAgent' | 'flagReengaged', extra: Record<string, unknown> = {}) {
  return {
    ledger: 'embedded',
    provider: 'hubspot',
    operation,
    ...extra,
    departmentOwners: { mappings: template.business.departments.map((d) => ({ department: d.id, ownerId: '', queueId: '' })) },
    defaultOwnerId: '',
  };
}

const crmNote = (what: string) =>
  `${what} Set the “${CRED.hubspot}” credential (or switch Provider to Pipedrive / Generic Webhook and set its credential), then fill Owner ID per department under Department Owners. ${LEDGER_NOTE}`;

/**
 * Bodies the outcome webhook takes that end `template`'s sequence, as its node notes show them.
 * @example outcomeBodyExamples(fourTouch) // ['{ "phone": "+13055550123", "booked": true }', '{ "phone": "+13055550123", "crmStatus": "booked" }']
 */
export function outcomeBodyExamples(template: Pick<SequenceTemplate, 'exit'>): string[] {
  const { onBooked, crmStatuses } = template.exit;
  return [
    ...(onBooked ? ['{ "phone": "+13055550123", "booked": true }'] : []),
    ...(crmStatuses.length > 0 ? [`{ "phone": "+13055550123", "crmStatus": ${JSON.stringify(crmStatuses[0])} }`] : []),
  ];
}

type NodeMaker = (key: keyof typeof N8N_NODE_NAMES, type: string, position: [number, number], parameters: Record<string, unknown>, notes: string, typeVersion?: number) => N8nNode;

/** The answer's HTTP status: the verdict 200, an item Sequence Exit cannot check (no or invalid phone) 422, any other failure 500. */
const ANSWER_STATUS = '={{ $json.exit ? 200 : $json.details && $json.details.invalidItem ? 422 : 500 }}';
/** The answer's body: Sequence Exit's verdict (`exit`) with `endedEnrollments` always there, or why nothing was ended. */
const ANSWER_BODY = "={{ $json.exit ? { endedEnrollments: [], ...$json.exit } : { exit: false, reason: null, endedEnrollments: [], error: $json.error ?? 'Sequence Exit failed' } }}";

/**
 * The outcome entry of the replies part: a Webhook that a booking tool or a CRM workflow posts to,
 * Sequence Exit in Check mode reading its body, and a Respond to Webhook node answering with the
 * verdict. Without an enrollment id, Check ends every active sequence of the phone whose own
 * template exits on that booking or status. The answer has a node of its own: n8n's "When Last
 * Node Finishes" answers only from the last node's first output (an unlisted status, Continue,
 * would get a 500) and echoes the request's headers, Basic Auth credentials included.
 */
function outcomeNodes(template: SequenceTemplate, node: NodeMaker): N8nNode[] {
  const { onBooked, crmStatuses } = template.exit;
  const exits = [
    ...(onBooked ? ['a booking ("booked": true)'] : []),
    ...(crmStatuses.length > 0 ? [`${crmStatuses.length === 1 ? 'the CRM status' : 'one of the CRM statuses'} ${crmStatuses.map((s) => `“${s}”`).join(', ')}`] : []),
  ].join(' or ');
  return [
    node(
      'outcome',
      N8N_WEBHOOK_TYPE,
      [0, 960],
      { httpMethod: 'POST', path: `missed-call-outcomes/${slug(template.id)}`, authentication: 'basicAuth', responseMode: 'responseNode', options: {} },
      `Ends the caller's sequence on ${exits} (the template's exits). POST JSON here from your booking tool (Calendly, Cal.com: its booking webhook, with the attendee's phone) or from a CRM workflow when a lead's status changes: ${outcomeBodyExamples(template).join(' or ')}. A tool that sends its own payload: change the Phone, Booked and CRM Status expressions of “${N8N_NODE_NAMES.exitOutcome}” to read it. Set this node’s Basic Auth credential and send its user and password (https://user:password@host/webhook/… or an Authorization: Basic header; a tool that can only set a header of its own: switch Authentication to Header Auth): the endpoint ends sequences, so it must not be open. “${N8N_NODE_NAMES.answerOutcome}” answers with what it did: 200 and Sequence Exit’s verdict, e.g. { "endedEnrollments": ["…"], "exit": true, "reason": "booked", … } (endedEnrollments: the sequences it ended; [] when none was running or the status is not one of the exits, then "exit" is false); 422 { "endedEnrollments": [], "error": "The item names no phone or enrollment" } when the body holds no valid phone (nothing was ended; fix the payload rather than retry); 500 when Sequence Exit failed otherwise, e.g. the ledger (retry).`,
      2,
    ),
    {
      ...node(
        'exitOutcome',
        N8N_NODE_TYPES.exit,
        [300, 960],
        {
          ledger: 'embedded',
          mode: 'check',
          phone: '={{ $json.body.phone }}',
          booked: '={{ $json.body.booked ?? false }}',
          crmStatus: "={{ $json.body.crmStatus ?? '' }}",
        },
        `Ends every active sequence of the caller in the ledger (reason booked or crm_status, a conversion in the KPI report) when the body reports ${exits}; each sequence follows the exits of the template it started with (CRM statuses case-insensitive). Its open touches are cancelled, so the Sequence Scheduler sends nothing more. Exit, Continue and the error output (On Error: Continue (using error output)) all go to “${N8N_NODE_NAMES.answerOutcome}”; to mark the deal, connect Exit to your CRM's own node as well (the CRM Flag has no update for a booking). ${LEDGER_NOTE}`,
      ),
      onError: 'continueErrorOutput',
    },
    node(
      'answerOutcome',
      N8N_RESPOND_TYPE,
      [600, 960],
      { respondWith: 'json', responseBody: ANSWER_BODY, options: { responseCode: ANSWER_STATUS } },
      'Answers the booking tool or CRM: 200 with Sequence Exit’s verdict (exit, reason, endedEnrollments: the sequences it ended), 422 with the error when the body holds no valid phone, 500 when Sequence Exit failed otherwise.',
      1.5,
    ),
  ];
}

/** What the Follow-up Senders' notes say about delivery status (the export cannot know the n8n host). */
const STATUS_CALLBACK_LINE = `For delivery status in the ledger and the KPI report, set Status Callback URL to the production URL of the “${N8N_NODE_NAMES.deliveryStatus}” trigger (in the replies workflow of a split export).`;

/**
 * The delivery entry of the replies part: a Missed Call SMS Trigger that Twilio posts each sent text's
 * status callbacks to (the Follow-up Senders' Status Callback URL), signature checked and answered at once, and Sequence Exit
 * recording them on the touch that sent the text. Its outputs (Delivered, Undelivered, Other) stay
 * unconnected: the ledger has every status; users route Undelivered themselves.
 */
function deliveryNodes(template: SequenceTemplate, node: NodeMaker, y: number): N8nNode[] {
  return [
    node(
      'deliveryStatus',
      N8N_NODE_TYPES.smsTrigger,
      [0, y],
      {},
      `Twilio posts the delivery status of each text the Follow-up Senders send here (queued, sent, delivered, undelivered, failed, with the error code). Set Status Callback URL on “${N8N_NODE_NAMES.senderNow}” and “${N8N_NODE_NAMES.senderDue}” (the first-touch and later-touches workflows of a split export) to this node’s production URL. ${SIGNATURE_NOTE} Answers Twilio at once.`,
      2,
    ),
    node(
      'exitDelivery',
      N8N_NODE_TYPES.exit,
      [300, y],
      { ledger: 'embedded', mode: 'delivery' },
      `Records each status callback on the touch that sent the text (a late or repeated callback changes nothing), for the KPI report's delivery rate. “${N8N_NODE_NAMES.deliveryStatus}” has checked Twilio's signature, so this node needs no “${CRED.twilio}” credential (its Verify Twilio Signature is for a plain n8n Webhook in front). Delivered, Undelivered and Other stay unconnected: the ledger records every status; connect Undelivered to your own nodes (e.g. a CRM note) to act on texts that did not arrive. ${LEDGER_NOTE}`,
    ),
  ];
}

/**
 * An importable n8n workflow that runs `template` with the pack's nodes:
 * - first touch: Missed Call Trigger (template embedded) → Consent Gate → Follow-up Sender;
 * - later touches: Sequence Scheduler → Consent Gate → Send fans out to the Follow-up Sender (SMS,
 *   email) and two CRM Flags (callback_task, notify_agent). Each node acts only on its own step
 *   channel and passes the others by untouched (Sender: Not Sent UNSUPPORTED_CHANNEL; CRM Flag:
 *   skipped NOT_A_CRM_STEP), so every touch is handled exactly once without a Switch node;
 * - replies: Missed Call SMS Trigger (Twilio inbound SMS, signature checked) → Sequence Exit (Record) → Re-engaged → CRM Flag
 *   (Flag Re-Engaged Lead); and, when the template has the "Appointment booked" or "CRM status"
 *   exit (hasOutcomeExits), Webhook (outcome: `{ phone, booked }` or `{ phone, crmStatus }`) →
 *   Sequence Exit (Check), which ends the caller's active sequences on them → Respond to Webhook
 *   (the verdict, or why nothing was ended); and Missed Call SMS Trigger (Twilio status callbacks of the sent texts)
 *   → Sequence Exit (Record Delivery Status), its outputs unconnected.
 * The template is embedded as JSON text in the trigger's `templateJson` parameter; the other nodes
 * read it from the ledger enrollment. Credentials are left for the user; each node's notes name them.
 *
 * @example
 * const wf = templateToN8nWorkflow(fourTouch);
 * JSON.parse(wf.nodes[0].parameters.templateJson as string).id // 'four-touch'
 */
export function templateToN8nWorkflow(template: SequenceTemplate, options: N8nExportOptions = {}): N8nWorkflow {
  const phoneSystem = options.phoneSystem ?? 'twilio';
  const texting = TEXTING_PHONE_SYSTEMS.includes(phoneSystem);
  const N = N8N_NODE_NAMES;
  const T = N8N_NODE_TYPES;
  const node = (key: keyof typeof N, type: string, position: [number, number], parameters: Record<string, unknown>, notes: string, typeVersion = 1): N8nNode => ({
    id: nodeId(template.id, key),
    name: N[key],
    type,
    typeVersion,
    position,
    parameters,
    notes,
  });
  const gate = (judging: Record<string, unknown>) => ({ ledger: 'embedded', channel: 'fromItem', ...judging, consentOverride: '' });
  const gateNote = (extra: string) =>
    `${extra} Consent comes from the ledger; with none on record every text is blocked NO_CONSENT. If your CRM holds consent, map it into Consent Override (e.g. {{ $json.crm.consent }}). Defer, Block and Manual stay unconnected: the gate records them in the ledger (deferred touches come back through the Sequence Scheduler). ${LEDGER_NOTE}`;
  const sender = () =>
    phoneSystem === 'dialpad'
      ? { ledger: 'embedded', smsProvider: 'dialpad', dialpadFromNumber: '', emailProvider: 'smtp', callerEmail: '', agentName: '' }
      : phoneSystem === 'ringcentral'
        ? { ledger: 'embedded', smsProvider: 'ringcentral', ringCentralFromNumber: '', emailProvider: 'smtp', callerEmail: '', agentName: '' }
        : phoneSystem === 'vonage'
          ? { ledger: 'embedded', smsProvider: 'vonage', vonageFromNumber: '', emailProvider: 'smtp', callerEmail: '', agentName: '' }
          : { ledger: 'embedded', smsProvider: 'twilio', smsSender: 'from', fromNumber: '', emailProvider: 'smtp', callerEmail: '', agentName: '' };
  const senderNote = (extra: string) =>
    phoneSystem === 'dialpad'
      ? `${extra} Texts go through Dialpad, from the Dialpad number the caller called (or From Number): set the “${CRED.dialpad}” credential (a company API key) and the “${CRED.smtp}” credential (or choose Sandbox to try the flow without sending). ${LEDGER_NOTE}`
      : phoneSystem === 'ringcentral'
        ? `${extra} Texts go through RingCentral, from the RingCentral number the caller called (or From Number), which must be an SMS-enabled number of the JWT's user: set the “${CRED.ringcentral}” credential (a JWT-flow app's client ID and secret, and the user's JWT) and the “${CRED.smtp}” credential (or choose Sandbox to try the flow without sending). ${LEDGER_NOTE}`
        : phoneSystem === 'vonage'
          ? `${extra} Texts go through Vonage's SMS API, from the Vonage number the caller called (or From Number): set the “${CRED.vonage}” credential (the account's API key and secret) and the “${CRED.smtp}” credential (or choose Sandbox to try the flow without sending). ${LEDGER_NOTE}`
          : `${extra} Set From Number, the “${CRED.twilio}” credential and the “${CRED.smtp}” credential (or choose Sandbox to try the flow without sending). On Dialpad, RingCentral or Vonage, choose that SMS Provider with the “${CRED.dialpad}”, “${CRED.ringcentral}” or “${CRED.vonage}” credential: the text then comes from the number the caller called. ${STATUS_CALLBACK_LINE} ${LEDGER_NOTE}`;
  const triggerCredential: Record<ExportPhoneSystem, string> = {
    twilio: CRED.twilio,
    aircall: CRED.aircallWebhook,
    dialpad: CRED.dialpadWebhook,
    ringcentral: CRED.ringcentralWebhook,
    vonage: CRED.vonageWebhook,
    zoom: CRED.zoomWebhook,
  };
  const textsLine = texting
    ? ` Texts to your ${PHONE_SYSTEM_LABELS[phoneSystem]} numbers (and their opt-outs) come out of Message into “${N.exitTexts}”, so a reply or STOP there ends the follow-up.${phoneSystem === 'vonage' ? " Point your Vonage application's Messages inbound URL at this node too (signed webhooks, as its voice events)." : ''}`
    : '';
  const cap = template.sendWindow.maxPer24h;

  const nodes: N8nNode[] = [
    node(
      'trigger',
      T.trigger,
      [0, 0],
      {
        provider: phoneSystem,
        ledger: 'embedded',
        templateSource: 'json',
        templateJson: templateToJson(template).trimEnd(),
        classes: [...template.trigger.classes],
        settleSeconds: 90,
        filters: { calendar: 'template' },
      },
      phoneSystem === 'twilio'
        ? `Enrolls each missed call in the embedded template “${template.name}”. Pick your Phone System and set its credential (Twilio: “${CRED.twilio}”), then point the phone system's call webhooks at this node's production URL. With Dialpad, RingCentral, Vonage or Zoom Phone, texts to your business numbers (and their opt-outs) come out of Message: connect it to a Sequence Exit in Record Reply mode and a CRM Flag, as the replies part does, so a reply or STOP there ends the follow-up. ${LEDGER_NOTE}`
        : `Enrolls each missed call from ${PHONE_SYSTEM_LABELS[phoneSystem]} in the embedded template “${template.name}”. Set the “${triggerCredential[phoneSystem]}” credential, then point ${PHONE_SYSTEM_LABELS[phoneSystem]}'s call webhooks at this node's production URL.${textsLine} ${LEDGER_NOTE}`,
      2,
    ),
    node(
      'gateNow',
      T.consentGate,
      [300, 0],
      // the trigger's item carries no template: the export knows its classification and cap
      gate({ classification: template.classification, ...(cap ? { options: { maxPer24h: cap } } : {}) }),
      gateNote(`Judges the first touch (${template.classification}).`),
    ),
    node('senderNow', T.sender, [600, 0], sender(), senderNote('Sends the first SMS or email; a first step of another channel waits for the Sequence Scheduler.')),
    node(
      'scheduler',
      T.scheduler,
      [0, 320],
      { ledger: 'embedded', batchSize: 50, leaseMinutes: 10, pollTimes: { item: [{ mode: 'everyMinute' }] } },
      `Claims the touches now due (of every template in the ledger) once a minute. ${LEDGER_NOTE}`,
    ),
    node('gateDue', T.consentGate, [300, 320], gate({ classification: 'fromItem' }), gateNote('Judges each due touch with its own template’s classification and cap.')),
    node('senderDue', T.sender, [600, 220], sender(), senderNote('Sends SMS and email steps; callback and agent steps go to Not Sent (UNSUPPORTED_CHANNEL) and are handled by the CRM Flags below.')),
    node(
      'crmCallback',
      T.crmFlag,
      [600, 380],
      crmParameters(template, 'callbackTask'),
      crmNote('Creates the task of callback_task steps; other steps pass through as skipped (NOT_A_CRM_STEP).'),
    ),
    node(
      'crmNotify',
      T.crmFlag,
      [600, 540],
      crmParameters(template, 'notifyAgent', { reminderAs: 'task' }),
      crmNote('Creates the reminder of notify_agent steps; other steps pass through as skipped (NOT_A_CRM_STEP).'),
    ),
    node(
      'inboundSms',
      T.smsTrigger,
      [0, 760],
      {},
      `Point your Twilio number’s “A message comes in” webhook (HTTP POST) at this node’s production URL. ${SIGNATURE_NOTE} Answers Twilio with empty TwiML.`,
      2,
    ),
    node(
      'exit',
      T.exit,
      [300, 760],
      { ledger: 'embedded', mode: 'record', sendConfirmation: true, fromNumber: '', autoReplyPauseDays: 3 },
      `Records STOP / START / HELP, real replies and auto-replies in the ledger at once (“${N8N_NODE_NAMES.inboundSms}” has checked Twilio's signature). Sends the one STOP confirmation and the HELP answer through Twilio (not when Twilio's own opt-out handling already answered): set the “${CRED.twilio}” credential. ${LEDGER_NOTE}`,
    ),
    node(
      'crmReengaged',
      T.crmFlag,
      [600, 760],
      crmParameters(template, 'flagReengaged', { phone: '={{ $json.exit.phone }}', replyText: '={{ $json.reengaged.reply.text }}' }),
      crmNote('Flags a caller who replied: lead status “Re-engaged — needs callback” (add the REENGAGED_NEEDS_CALLBACK option to hs_lead_status), owner by department, callback task with the call context, touches as notes.'),
    ),
    ...(texting
      ? [
          node(
            'exitTexts',
            T.exit,
            [300, 160],
            { ledger: 'embedded', mode: 'record', sendConfirmation: false, autoReplyPauseDays: 3 },
            `Records what callers text to your ${PHONE_SYSTEM_LABELS[phoneSystem]} numbers in the ledger at once: STOP / START / HELP, real replies and auto-replies (“${N.trigger}” has checked ${PHONE_SYSTEM_LABELS[phoneSystem]}'s signature; its own opt-out verdict wins). ${phoneSystem === 'vonage' ? 'Sends nothing (no confirmation goes out from a Vonage number)' : `Sends nothing (${PHONE_SYSTEM_LABELS[phoneSystem]} answers its numbers' STOP and HELP itself)`}, so its “${CRED.twilio}” credential stays empty. ${LEDGER_NOTE}`,
          ),
          node(
            'crmTexts',
            T.crmFlag,
            [600, 160],
            crmParameters(template, 'flagReengaged', { phone: '={{ $json.exit.phone }}', replyText: '={{ $json.reengaged.reply.text }}' }),
            crmNote('Flags a caller who answered by text: lead status “Re-engaged — needs callback” (add the REENGAGED_NEEDS_CALLBACK option to hs_lead_status), owner by department, callback task with the call context, touches as notes.'),
          ),
        ]
      : []),
    ...(hasOutcomeExits(template) ? outcomeNodes(template, node) : []),
    // below the outcome entry, or in its place when the template has none
    ...deliveryNodes(template, node, hasOutcomeExits(template) ? 1160 : 960),
  ];
  if (SMS_PHONE_SYSTEMS.includes(phoneSystem)) {
    const twilioOnly = new Set<string>(TWILIO_REPLY_NODES.map((k) => N[k]));
    for (const n of nodes) {
      if (!twilioOnly.has(n.name)) continue;
      n.disabled = true;
      n.notes = `Deactivated: this export texts through ${PHONE_SYSTEM_LABELS[phoneSystem]}, so replies come out of the Missed Call Trigger's Message output and no Twilio delivery status arrives. Activate it only for texts sent from Twilio numbers. ${n.notes ?? ''}`.trimEnd();
    }
  }
  const O = N8N_OUTPUTS;
  const to = (name: string): N8nConnection => ({ node: name, type: 'main', index: 0 });
  /** output index → targets; outputs before it are left empty */
  const at = (output: number, ...targets: string[]) => ({ main: [...Array.from({ length: output }, () => []), targets.map(to)] });
  /** output index → targets, for a node with more than one output wired */
  const wire = (targets: Partial<Record<number, string[]>>) => ({
    main: Array.from({ length: Math.max(...Object.keys(targets).map(Number)) + 1 }, (_, i) => (targets[i] ?? []).map(to)),
  });
  const connections: N8nWorkflow['connections'] = {
    [N.trigger]: wire({ [O.triggerEnrolled]: [N.gateNow], ...(texting ? { [O.triggerMessage]: [N.exitTexts] } : {}) }),
    ...(texting ? { [N.exitTexts]: at(O.exitReengaged, N.crmTexts) } : {}),
    [N.gateNow]: at(O.gateSend, N.senderNow),
    [N.scheduler]: at(O.schedulerTouches, N.gateDue),
    [N.gateDue]: at(O.gateSend, N.senderDue, N.crmCallback, N.crmNotify),
    [N.inboundSms]: at(O.webhook, N.exit),
    [N.exit]: at(O.exitReengaged, N.crmReengaged),
    ...(hasOutcomeExits(template)
      ? { [N.outcome]: at(O.webhook, N.exitOutcome), [N.exitOutcome]: { main: [O.checkExit, O.checkContinue, O.checkError].map(() => [to(N.answerOutcome)]) } }
      : {}),
    [N.deliveryStatus]: at(O.webhook, N.exitDelivery),
  };
  return {
    name: `Missed-call follow-up: ${template.name}`,
    nodes,
    connections,
    settings: { executionOrder: 'v1', timezone: template.business.timeZone },
    pinData: {},
    meta: { templateId: template.id, templateSchemaVersion: template.schemaVersion, generatedBy: 'missed-call sequence designer' },
  };
}

/**
 * The three parts of the follow-up, each an n8n workflow of its own (they meet only in the ledger):
 * the first touch, the later touches, the replies. In one workflow n8n resolves the parameters of
 * every node each time it builds the workflow for an execution (three times per execution) and
 * stores the whole workflow with each execution, so every missed call pays for the scheduler and
 * reply nodes too; split, it does not (README "Measured": higher throughput under load).
 * `outcome`, `exitOutcome` and `answerOutcome` are there only for a template with outcome exits (hasOutcomeExits);
 * `exitTexts` and `crmTexts` only for a phone system that reports texts (TEXTING_PHONE_SYSTEMS).
 */
export const N8N_WORKFLOW_PARTS = {
  firstTouch: ['trigger', 'gateNow', 'senderNow', 'exitTexts', 'crmTexts'],
  sequence: ['scheduler', 'gateDue', 'senderDue', 'crmCallback', 'crmNotify'],
  replies: ['inboundSms', 'exit', 'crmReengaged', 'outcome', 'exitOutcome', 'answerOutcome', 'deliveryStatus', 'exitDelivery'],
} as const satisfies Record<string, readonly (keyof typeof N8N_NODE_NAMES)[]>;
export type N8nWorkflowPart = keyof typeof N8N_WORKFLOW_PARTS;

const PART_TITLES: Record<N8nWorkflowPart, string> = { firstTouch: 'first touch', sequence: 'later touches', replies: 'replies' };

/**
 * `workflow` (templateToN8nWorkflow's, possibly adapted) split into its three parts: the same nodes,
 * ids, parameters and connections, each part moved to the top of its canvas and named after it.
 * @example const { firstTouch } = splitN8nWorkflow(templateToN8nWorkflow(fourTouch)); // trigger → gate → sender
 */
export function splitN8nWorkflow<W extends Pick<N8nWorkflow, 'name' | 'nodes' | 'connections'>>(workflow: W): Record<N8nWorkflowPart, W> {
  const names = new Set<string>(Object.values(N8N_NODE_NAMES));
  const stray = workflow.nodes.filter((n) => !names.has(n.name)).map((n) => n.name);
  if (stray.length > 0) throw new Error(`cannot split a workflow with nodes the export does not make: ${stray.join(', ')}`);
  const part = (key: N8nWorkflowPart): W => {
    const inPart = new Set<string>(N8N_WORKFLOW_PARTS[key].map((k) => N8N_NODE_NAMES[k]));
    const nodes = workflow.nodes.filter((n) => inPart.has(n.name));
    const top = Math.min(...nodes.map((n) => n.position[1]));
    const connections = Object.fromEntries(Object.entries(workflow.connections).filter(([from]) => inPart.has(from)));
    for (const [from, c] of Object.entries(connections)) {
      const outside = c.main.flat().find((x) => !inPart.has(x.node));
      if (outside) throw new Error(`${from} feeds ${outside.node}, which belongs to another part`);
    }
    return {
      ...workflow,
      name: `${workflow.name} (${PART_TITLES[key]})`,
      nodes: nodes.map((n) => ({ ...n, position: [n.position[0], n.position[1] - top] as [number, number] })),
      connections,
    };
  };
  return { firstTouch: part('firstTouch'), sequence: part('sequence'), replies: part('replies') };
}

/** templateToN8nWorkflow in three workflows (splitN8nWorkflow): import all three, set their credentials, publish all three. */
export function templateToN8nWorkflows(template: SequenceTemplate, options: N8nExportOptions = {}): Record<N8nWorkflowPart, N8nWorkflow> {
  return splitN8nWorkflow(templateToN8nWorkflow(template, options));
}

/** File name of the n8n export; with `part`, of that part of the split export. */
export function n8nWorkflowFileName(template: Pick<SequenceTemplate, 'id'>, part?: N8nWorkflowPart): string {
  return part === undefined ? `${slug(template.id)}.n8n-workflow.json` : `${slug(template.id)}.${part}.n8n-workflow.json`;
}

/**
 * The raw template a workflow embeds: the first Missed Call Trigger's `templateJson` parameter
 * (or `template`, as exports before the node pack wrote it), or null.
 */
export function templateFromN8nWorkflow(workflow: unknown): unknown | null {
  const nodes = (workflow as { nodes?: unknown } | null)?.nodes;
  if (!Array.isArray(nodes)) return null;
  const trigger = nodes.find((n) => (n as { type?: unknown })?.type === N8N_NODE_TYPES.trigger) as N8nNode | undefined;
  const raw = trigger?.parameters?.templateJson ?? trigger?.parameters?.template;
  if (typeof raw === 'string') {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      return null;
    }
  }
  return raw !== null && typeof raw === 'object' ? raw : null;
}
