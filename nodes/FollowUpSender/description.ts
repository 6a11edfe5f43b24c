import type { INodeProperties } from 'n8n-workflow';
import { ledgerProperty } from '../shared/ledgerFor';

export const DOCS_URL = 'https://github.com/n8n-nodes-missed-call/n8n-nodes-missed-call#follow-up-sender';
/** Credential names the sender uses. */
export const TWILIO_CREDENTIAL = 'missedCallTwilioApi';
export const DIALPAD_CREDENTIAL = 'missedCallDialpadApi';
export const RINGCENTRAL_CREDENTIAL = 'missedCallRingCentralApi';
export const VONAGE_CREDENTIAL = 'missedCallVonageApi';
export const SMTP_CREDENTIAL = 'missedCallSmtp';

/** The node's parameters (the class description itself is in FollowUpSender.node.ts, where n8n's lint reads it). */
export const followUpSenderProperties: INodeProperties[] = [
  ledgerProperty,
  {
    displayName: 'SMS Provider',
    name: 'smsProvider',
    type: 'options',
    options: [
      {
        name: 'Dialpad',
        value: 'dialpad',
        description: 'From the business\'s own Dialpad number, so replies reach the team in Dialpad (and the Missed Call Trigger\'s Message output)',
      },
      {
        name: 'RingCentral',
        value: 'ringcentral',
        description: 'From the business\'s own RingCentral number, so replies reach the team in RingCentral (and the Missed Call Trigger\'s Message output)',
      },
      { name: 'Sandbox (Send Nothing)', value: 'sandbox', description: 'Records the rendered text in the ledger only (trying flows, shadow mode)' },
      { name: 'Twilio', value: 'twilio' },
      {
        name: 'Vonage',
        value: 'vonage',
        description: 'From the business\'s own Vonage number (SMS API), so replies reach it (and, through the Messages API, the Missed Call Trigger\'s Message output)',
      },
    ],
    default: 'twilio',
  },
  {
    displayName: 'Send From',
    name: 'smsSender',
    type: 'options',
    options: [
      { name: 'Phone Number', value: 'from' },
      { name: 'Messaging Service', value: 'messagingService' },
    ],
    default: 'from',
    displayOptions: { show: { smsProvider: ['twilio'] } },
  },
  {
    displayName: 'From Number',
    name: 'fromNumber',
    type: 'string',
    default: '',
    placeholder: '+15125550100',
    required: true,
    description: 'Twilio number in E.164 format',
    displayOptions: { show: { smsProvider: ['twilio'], smsSender: ['from'] } },
  },
  {
    displayName: 'From Number',
    name: 'dialpadFromNumber',
    type: 'string',
    default: '',
    placeholder: '+15125550100',
    description:
      'The Dialpad number the texts come from, in E.164 format (a number of a user, office, department or call center). Empty: the number the caller called, so their reply reaches the line they tried.',
    displayOptions: { show: { smsProvider: ['dialpad'] } },
  },
  {
    displayName: 'From Number',
    name: 'ringCentralFromNumber',
    type: 'string',
    default: '',
    placeholder: '+15125550100',
    description:
      'The RingCentral number the texts come from, in E.164 format: an SMS-enabled number of the credential\'s user, or one it may text from. Empty: the number the caller called, so their reply reaches the line they tried.',
    displayOptions: { show: { smsProvider: ['ringcentral'] } },
  },
  {
    displayName: 'From Number',
    name: 'vonageFromNumber',
    type: 'string',
    default: '',
    placeholder: '+15125550100',
    description:
      'The Vonage number the texts come from, in E.164 format (a number of the account that can send SMS). Empty: the number the caller called, so their reply reaches the line they tried.',
    displayOptions: { show: { smsProvider: ['vonage'] } },
  },
  {
    displayName: 'Messaging Service SID',
    name: 'messagingServiceSid',
    type: 'string',
    default: '',
    placeholder: 'MG…',
    required: true,
    displayOptions: { show: { smsProvider: ['twilio'], smsSender: ['messagingService'] } },
  },
  {
    displayName: 'Status Callback URL',
    name: 'statusCallback',
    type: 'string',
    default: '',
    description:
      'URL Twilio (or Vonage: its delivery receipt) posts each text’s delivery status to (optional): an n8n Webhook node (POST, Basic Auth as https://user:password@… in this URL) feeding Sequence Exit in Record Delivery Status mode, which records delivered and undelivered texts on their touches (for Twilio also what a failure means: a landline, an opt-out)',
    displayOptions: { show: { smsProvider: ['twilio', 'vonage'] } },
  },
  {
    displayName: 'Email Provider',
    name: 'emailProvider',
    type: 'options',
    options: [
      {
        name: 'SMTP',
        value: 'smtp',
        description: 'Sends through the SMTP credential; an address that hard-bounced or that the server refused for good gets no more email (Not Sent, EMAIL_SUPPRESSED)',
      },
      { name: 'Sandbox (Send Nothing)', value: 'sandbox', description: 'Records the rendered email in the ledger only' },
    ],
    default: 'smtp',
  },
  {
    displayName: 'List-Unsubscribe',
    name: 'listUnsubscribe',
    type: 'string',
    default: '',
    placeholder: 'mailto:unsubscribe@acme.example, https://acme.example/unsubscribe',
    description:
      'Addresses for the List-Unsubscribe header, comma-separated. Empty: mailto the template’s support email when it has one.',
    displayOptions: { show: { emailProvider: ['smtp'] } },
  },
  {
    displayName: 'Caller Email',
    name: 'callerEmail',
    type: 'string',
    default: '',
    placeholder: '{{ $json.crm.email }}',
    description: 'Recipient of email steps; empty uses the item’s contact.email, then the email recorded for the contact in the ledger',
  },
  {
    displayName: 'Caller Name',
    name: 'callerName',
    type: 'string',
    default: '',
    description:
      'Fills {{callerName}} and {{callerFirstName}}; empty uses the item’s contact.name, then the ledger contact, then the call’s caller ID name',
  },
  {
    displayName: 'Agent Name',
    name: 'agentName',
    type: 'string',
    default: '',
    description: 'Fills {{agentName}}',
  },
  {
    displayName: 'Current Time',
    name: 'currentTime',
    type: 'dateTime',
    default: '',
    description: 'Instant of the send; empty means now. Set it to test a flow without waiting.',
  },
  {
    displayName: 'Options',
    name: 'options',
    type: 'collection',
    placeholder: 'Add Option',
    default: {},
    options: [
      {
        displayName: 'Max Attempts',
        name: 'maxAttempts',
        type: 'number',
        typeOptions: { minValue: 1, maxValue: 10 },
        default: 3,
        description: 'Attempts per SMS on 429 and 5xx answers (waits Retry-After, else exponential backoff), and per email on 4xx replies or a connection that failed before the data phase',
      },
      {
        displayName: 'First Retry Delay (Ms)',
        name: 'retryBaseDelayMs',
        type: 'number',
        typeOptions: { minValue: 0 },
        default: 1000,
      },
      {
        displayName: 'Max Retry Wait (Seconds)',
        name: 'maxRetryWaitSeconds',
        type: 'number',
        typeOptions: { minValue: 0 },
        default: 60,
        description: 'A longer Retry-After gives up (Not Sent, RATE_LIMITED) instead of holding the execution',
      },
    ],
  },
];
