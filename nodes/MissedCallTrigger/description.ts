import type { INodeProperties } from 'n8n-workflow';
import { ledgerProperty } from '../shared/ledgerFor';
import { DEFAULT_MAX_AGE_SECONDS } from '../shared/signatures/types';
import { EMPTY_TWIML } from '../shared/triggerPipeline/replies';
import { DEFAULT_CONVERSATION_HOURS, MAX_CONVERSATION_HOURS } from '../shared/triggerPipeline/types';

/** Credential per provider: type name and the field holding the webhook secret. */
export const PROVIDER_CREDENTIALS = {
  twilio: { name: 'missedCallTwilioApi', secretField: 'authToken' },
  aircall: { name: 'missedCallAircallApi', secretField: 'webhookToken' },
  ringcentral: { name: 'missedCallRingCentralWebhook', secretField: 'verificationToken' },
  dialpad: { name: 'missedCallDialpadWebhook', secretField: 'jwtSecret' },
  vonage: { name: 'missedCallVonageWebhook', secretField: 'signatureSecret' },
  zoom: { name: 'missedCallZoomPhoneWebhook', secretField: 'secretToken' },
} as const;

const GENERIC_MAPPING_EXAMPLE = JSON.stringify(
  {
    callId: 'call.id',
    from: 'call.from',
    to: 'call.to',
    status: 'call.status',
    direction: 'call.direction',
    ringSeconds: 'call.ring_seconds',
    statusMap: { missed: 'missed', voicemail: 'voicemail', abandoned: 'abandoned', answered: 'not_missed' },
  },
  null,
  2,
);

/** The node's parameters (the class description itself is in MissedCallTrigger.node.ts, where n8n's lint reads it). */
export const missedCallTriggerProperties: INodeProperties[] = [
  {
    displayName: 'Phone System',
    name: 'provider',
    type: 'options',
    default: 'twilio',
    options: [
      { name: 'Aircall', value: 'aircall' },
      { name: 'Dialpad', value: 'dialpad' },
      { name: 'Generic (Field Mapping)', value: 'generic' },
      { name: 'RingCentral', value: 'ringcentral' },
      { name: 'Twilio', value: 'twilio' },
      { name: 'Vonage', value: 'vonage' },
      { name: 'Zoom Phone', value: 'zoom' },
    ],
    description: 'Which phone system posts to this webhook. Point its call status / action / event webhooks at the URL above.',
  },
  {
    displayName: 'Twilio: point &lt;Dial action&gt;, &lt;Record action&gt;, &lt;Enqueue action&gt; and status callbacks here, not the number\'s Voice URL (the answer below ends the TwiML flow).',
    name: 'twilioNotice',
    type: 'notice',
    default: '',
    displayOptions: { show: { provider: ['twilio'] } },
  },
  {
    displayName:
      'Texts to your phone system\'s numbers (and its opt-out records) come out of Message. Connect a Sequence Exit in Record Reply mode there, so a reply or STOP sent to the business number ends the follow-up at once.',
    name: 'messageNotice',
    type: 'notice',
    default: '',
    displayOptions: { show: { provider: ['dialpad', 'ringcentral', 'vonage', 'zoom'] } },
  },
  {
    displayName: 'TwiML Response',
    name: 'twiml',
    type: 'string',
    typeOptions: { rows: 3 },
    default: EMPTY_TWIML,
    displayOptions: { show: { provider: ['twilio'] } },
    description: 'TwiML answered to Twilio voice webhooks, e.g. a &lt;Record&gt; voicemail prompt after an unanswered &lt;Dial&gt;',
  },
  {
    displayName: 'Outbound Calls Use Async AMD',
    name: 'twilioAsyncAmd',
    type: 'boolean',
    default: false,
    displayOptions: { show: { provider: ['twilio'] } },
    description:
      'Whether the business\'s call-backs use Twilio\'s asynchronous answering machine detection (AsyncAmd=true). Point AsyncAmdStatusCallback here too: an answered call-back then ends the automation only once AMD says a person answered (or could not tell), or when the call completes without a machine verdict; a voicemail box or fax leaves the sequence running.',
  },
  {
    displayName: 'Outbound Calls Use Machine Detection',
    name: 'vonageMachineDetection',
    type: 'boolean',
    default: false,
    displayOptions: { show: { provider: ['vonage'] } },
    description:
      'Whether the business\'s call-backs use Vonage machine detection (machine_detection or advanced_machine_detection, on the Create Call request or the NCCO connect endpoint) with their events sent here. An answered call-back then ends the automation only once the human event says a person answered, or when the call completes without a verdict; a machine event (a voicemail box) leaves the sequence running, even when the call completes afterwards. Off: an answered call-back ends the automation at once.',
  },
  {
    displayName: 'Agent Legs Use Machine Detection',
    name: 'vonageAgentMachineDetection',
    type: 'boolean',
    default: false,
    displayOptions: { show: { provider: ['vonage'] } },
    description:
      'Whether the connect legs that reach agents on inbound calls use Vonage machine detection, with their events sent here. A machine event there means an agent\'s voicemail box took the call, so the caller is followed up as missed (or as a voicemail when they leave a message); an agent\'s answer then counts once the human event or the leg\'s end arrives. Off: an agent\'s answer counts at once.',
  },
  {
    displayName: 'Field Mapping (JSON)',
    name: 'genericMapping',
    type: 'json',
    default: GENERIC_MAPPING_EXAMPLE,
    displayOptions: { show: { provider: ['generic'] } },
    description: 'Dotted paths of the call fields in the posted body and a status → class map (missed, voicemail, abandoned, not_missed, pending)',
  },
  {
    displayName: 'Authentication',
    name: 'genericAuth',
    type: 'options',
    default: 'headerToken',
    displayOptions: { show: { provider: ['generic'] } },
    options: [
      { name: 'Shared Token in a Header', value: 'headerToken' },
      { name: 'None (Insecure; Only Behind an Authenticating Proxy)', value: 'none' },
    ],
  },
  {
    displayName: 'Header Name',
    name: 'genericHeader',
    type: 'string',
    default: 'X-Webhook-Token',
    displayOptions: { show: { provider: ['generic'], genericAuth: ['headerToken'] } },
  },
  {
    displayName: 'Token',
    name: 'genericToken',
    type: 'string',
    typeOptions: { password: true },
    default: '',
    displayOptions: { show: { provider: ['generic'], genericAuth: ['headerToken'] } },
    description: 'Requests without this exact header value are refused with 401',
  },
  ledgerProperty,
  {
    displayName: 'Sequence Template Source',
    name: 'templateSource',
    type: 'options',
    default: 'json',
    options: [
      { name: 'Pasted JSON', value: 'json' },
      { name: 'URL', value: 'url' },
    ],
  },
  {
    displayName: 'Sequence Template (JSON)',
    name: 'templateJson',
    type: 'json',
    default: '',
    required: true,
    // the template's {{placeholders}} are no n8n expressions: without this, pasting one switches the field to Expression mode
    noDataExpression: true,
    displayOptions: { show: { templateSource: ['json'] } },
    description: 'The template JSON exported by the sequence designer',
  },
  {
    displayName: 'Sequence Template URL',
    name: 'templateUrl',
    type: 'string',
    default: '',
    required: true,
    placeholder: 'https://example.com/templates/four-touch.json',
    displayOptions: { show: { templateSource: ['url'] } },
    description: 'Fetched for every decided call (3 s timeout); an unreachable or invalid template is audited as TEMPLATE_INVALID and the call comes out of Filtered with that reason',
  },
  {
    displayName: 'Call Classes',
    name: 'classes',
    type: 'multiOptions',
    default: ['missed', 'voicemail', 'abandoned'],
    options: [
      { name: 'Missed', value: 'missed' },
      { name: 'Voicemail', value: 'voicemail' },
      { name: 'Abandoned', value: 'abandoned' },
    ],
    description: 'Calls of these classes enroll (the template\'s trigger.classes must allow them too)',
  },
  {
    displayName: 'Settle Window (Seconds)',
    name: 'settleSeconds',
    type: 'number',
    default: 90,
    typeOptions: { minValue: 0 },
    description: 'A provisional miss (e.g. Twilio Dial no-answer, Aircall call.hungup) fires after this long without a newer event of the call, unless its final event decides first',
  },
  {
    displayName: 'Replay Window (Seconds)',
    name: 'replayWindowSeconds',
    type: 'number',
    default: DEFAULT_MAX_AGE_SECONDS,
    typeOptions: { minValue: 1 },
    displayOptions: { show: { provider: ['dialpad', 'vonage', 'zoom'] } },
    description: 'Deliveries whose signed timestamp (Zoom x-zm-request-timestamp, Dialpad/Vonage JWT iat) is older than this are refused with 401; a repeat inside the window fires the call only once',
  },
  {
    displayName: 'Filters',
    name: 'filters',
    type: 'collection',
    placeholder: 'Add Filter',
    default: {},
    options: [
      {
        displayName: 'Business Hours',
        name: 'calendar',
        type: 'options',
        default: 'template',
        options: [
          { name: 'As the Template Says', value: 'template' },
          { name: 'Always (24/7)', value: 'always' },
          { name: 'Only During Opening Hours', value: 'open_hours' },
          { name: 'Only Outside Opening Hours', value: 'after_hours' },
        ],
        description: 'Opening hours and time zone come from the template\'s business block',
      },
      { displayName: 'Default Country', name: 'defaultCountry', type: 'string', default: 'US', description: 'ISO country for numbers sent without a country code' },
      { displayName: 'Ignore Numbers', name: 'ignoreNumbers', type: 'string', default: '', placeholder: '+13055550100, +13055550101', description: 'Numbers never enrolled (internal lines, known spam), separated by commas or lines: E.164, or as dialled in the Default Country. An entry that is no phone number stops the trigger with an error naming it.' },
      {
        displayName: 'In-Conversation Window (Hours)',
        name: 'conversationHours',
        type: 'number',
        default: DEFAULT_CONVERSATION_HOURS,
        typeOptions: { minValue: 0, maxValue: MAX_CONVERSATION_HOURS },
        description:
          'A caller who replied (by text or email) or spoke with a person on a call (an answered call, or an agent\'s call they picked up, first-time callers included) within this window is already talking with a person: their missed call starts no new sequence (filtered as ENROLLMENT_IN_CONVERSATION). Applies with this default when not set; 0 = off; at most 720 (30 days).',
      },
      { displayName: 'Inbound Only', name: 'inboundOnly', type: 'boolean', default: true },
      { displayName: 'Minimum Ring Seconds', name: 'minRingSeconds', type: 'number', default: 0, typeOptions: { minValue: 0 }, description: 'Calls that rang shorter are filtered (calls without a ring time pass)' },
      { displayName: 'Mobile Only', name: 'mobileOnly', type: 'boolean', default: false, description: 'Whether to filter landlines (never text a landline): by the numbering plan, the Twilio Lookup below, or a line type the ledger learned in the last 30 days (e.g. a text Twilio refused as a landline)' },
      { displayName: 'Repeat-Caller Window (Minutes)', name: 'repeatCallerMinutes', type: 'number', default: 0, typeOptions: { minValue: 0 }, description: 'A caller who already triggered within this window is filtered; 0 = off' },
      {
        displayName: 'Twilio Lookup Line Type',
        name: 'lookupLineType',
        type: 'boolean',
        default: false,
        description:
          "Whether to ask Twilio Lookup v2 for the caller's line type (line_type_intelligence, billed per lookup; the answer is kept in the ledger for 30 days, so a repeat caller costs no new lookup). Mobile Only filters on it, and the Consent Gate blocks texts to a number it says is a landline. Twilio provider only.",
      },
    ],
  },
  {
    displayName: 'Current Time',
    name: 'currentTime',
    type: 'dateTime',
    default: '',
    description: 'Leave empty for now; set it to test settle windows, business hours and signature ages without waiting',
  },
  // for whoever runs n8n, not for the flow's author: last
  {
    displayName:
      'Fastest first touch: start n8n with N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true. Otherwise n8n 2.x builds an expression isolate while each missed call waits (about 100 ms on 2 cores); this pack evaluates no expressions of its own.',
    name: 'speedNotice',
    type: 'notice',
    default: '',
  },
];
