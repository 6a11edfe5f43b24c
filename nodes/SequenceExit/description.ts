import type { INodeProperties } from 'n8n-workflow';
import { ledgerProperty } from '../shared/ledgerFor';

export const DOCS_URL = 'https://github.com/n8n-nodes-missed-call/n8n-nodes-missed-call#sequence-exit';
export const TWILIO_CREDENTIAL = 'missedCallTwilioApi';

/** Outputs of the Record mode, in order. */
export const RECORD_OUTPUTS = ['Opt-out', 'Opt-in', 'Help', 'Re-engaged', 'Auto-reply'] as const;
/** Outputs of the Check mode, in order. */
export const CHECK_OUTPUTS = ['Exit', 'Continue'] as const;
/** Outputs of the Record Delivery Status mode, in order. */
export const DELIVERY_OUTPUTS = ['Delivered', 'Undelivered', 'Other'] as const;

const outputsOf = (names: readonly string[]) => JSON.stringify(names.map((displayName) => ({ type: 'main', displayName })));

/** n8n evaluates this with the node's parameters: five outputs in Record mode, two in Check mode, three in Record Delivery Status mode. */
export const OUTPUTS_EXPRESSION: `={{${string}}}` =
  `={{ $parameter["mode"] === "check" ? ${outputsOf(CHECK_OUTPUTS)} : $parameter["mode"] === "delivery" ? ${outputsOf(DELIVERY_OUTPUTS)} : ${outputsOf(RECORD_OUTPUTS)} }}`;

const record = { show: { mode: ['record'] } };
const check = { show: { mode: ['check'] } };
const delivery = { show: { mode: ['delivery'] } };

/** The node's parameters (the class description is in SequenceExit.node.ts). */
export const sequenceExitProperties: INodeProperties[] = [
  ledgerProperty,
  {
    displayName: 'Mode',
    name: 'mode',
    type: 'options',
    noDataExpression: true,
    options: [
      {
        name: 'Record Reply',
        value: 'record',
        description: 'Classify an inbound SMS or email reply and update the ledger at once',
        action: 'Record an inbound reply',
      },
      {
        name: 'Check Exit',
        value: 'check',
        description: 'Route an item to Exit or Continue from the ledger and the item’s CRM fields',
        action: 'Check whether a sequence should end',
      },
      {
        name: 'Record Delivery Status',
        value: 'delivery',
        description: 'Record a Twilio SMS status callback or a Vonage delivery receipt (delivered, undelivered, failed) on the touch that sent the text',
        action: 'Record an SMS delivery status',
      },
    ],
    default: 'record',
  },
  {
    displayName:
      'Takes a Twilio inbound SMS (webhook fields From, To, Body — on the item or under an n8n Webhook node’s body) or an email reply (from, text). STOP is recorded as an opt-out (one confirmation text, the first time only), START as an opt-in, HELP gets the CTIA help text, a real reply ends every active sequence of the contact, an out-of-office pauses the contact until the date it gives. Bounces and automatic replies are recognized by their headers and never count as a person’s reply: a bounce goes to Auto-reply and marks the email it returns as undelivered (a hard bounce also stops later emails to that address: see the Missed Call Ledger’s Clear Email Suppression), an automatic reply pauses the contact.',
    name: 'recordNotice',
    type: 'notice',
    default: '',
    displayOptions: record,
  },
  {
    displayName:
      'Takes Twilio’s SMS status callbacks. Point the Follow-up Sender’s Status Callback URL (or your Twilio Messaging Service’s status callback) at an n8n Webhook node (POST, Basic Auth; give Twilio the user and password in the URL, https://user:password@your-n8n/webhook/…) that feeds this node. Delivered: the text reached the handset. Undelivered: it never will (undelivered or failed), with the reason (problem); error 30006 records the number as a landline, so the Consent Gate blocks its SMS touches for 30 days and the sequence goes on by email or callback, and 21610 records an SMS opt-out. Other: still queued or sent, a repeated or older callback, or a message no touch of this ledger sent (reason). Vonage delivery receipts (the SMS API’s callback, GET or POST, to a Webhook node with Basic Auth in the URL) are recorded the same way; their error codes are recorded, not acted on.',
    name: 'deliveryNotice',
    type: 'notice',
    default: '',
    displayOptions: delivery,
  },
  {
    displayName: 'Contact Phone',
    name: 'contactPhone',
    type: 'string',
    default: '',
    placeholder: '{{ $json.phone }}',
    description:
      'The contact’s phone (the ledger’s key). Empty: the SMS sender; for an email reply the item’s phone or touch.phone, or the touch named by its X-Missed-Call-Touch header.',
    displayOptions: record,
  },
  {
    displayName: 'Business Name',
    name: 'businessName',
    type: 'string',
    default: '',
    description: 'Shown in the STOP confirmation and the HELP answer. Empty: the business of the contact’s latest sequence.',
    displayOptions: record,
  },
  {
    displayName: 'Support Phone',
    name: 'supportPhone',
    type: 'string',
    default: '',
    description: 'Customer-care number for the HELP answer (CTIA). Empty: the template’s callback number.',
    displayOptions: record,
  },
  {
    displayName: 'Support Email',
    name: 'supportEmail',
    type: 'string',
    default: '',
    placeholder: 'name@email.com',
    description: 'Customer-care email for the HELP answer. Empty: the template’s support email.',
    displayOptions: record,
  },
  {
    displayName: 'Send Confirmation',
    name: 'sendConfirmation',
    type: 'boolean',
    default: false,
    description:
      'Whether to send the STOP confirmation and the HELP answer through Twilio. Off: they are only put on the item (reply.text, reply.twiml) for a Respond to Webhook node. Never sent when Twilio Advanced Opt-Out already answered.',
    displayOptions: record,
  },
  {
    displayName: 'From Number',
    name: 'fromNumber',
    type: 'string',
    default: '',
    placeholder: '+15125550100',
    description:
      'Twilio number the confirmation is sent from. Empty: the number the message was sent to (its To field), except for a text from the Missed Call Trigger\'s Message output (that number is the phone system\'s, so nothing is sent).',
    displayOptions: { show: { mode: ['record'], sendConfirmation: [true] } },
  },
  {
    displayName: 'Auto-Reply Pause (Days)',
    name: 'autoReplyPauseDays',
    type: 'number',
    typeOptions: { minValue: 0 },
    default: 3,
    description: 'How long an auto-reply without a return date pauses the contact; a stated return date wins',
    displayOptions: record,
  },
  {
    displayName: 'Verify Twilio Signature',
    name: 'verifySignature',
    type: 'boolean',
    default: false,
    description:
      'Whether to check each request’s X-Twilio-Signature with the Auth Token of the Twilio credential and fail an item that Twilio did not sign (nothing is recorded for it). Items from an n8n Webhook node are checked; an email reply from another trigger is not.',
    displayOptions: { show: { mode: ['record', 'delivery'] } },
  },
  {
    displayName: 'Signed URL',
    name: 'signedUrl',
    type: 'string',
    default: '',
    placeholder: 'https://n8n.example.com/webhook/missed-call-replies/four-touch',
    description:
      'The URL Twilio was given, without user and password. Empty: the webhook URL n8n reports (set n8n’s WEBHOOK_URL to its public address behind a proxy) with the request’s query.',
    displayOptions: { show: { mode: ['record', 'delivery'], verifySignature: [true] } },
  },
  {
    displayName: 'Default Country',
    name: 'defaultCountry',
    type: 'string',
    default: 'US',
    description: 'ISO country code for numbers without a country code',
    displayOptions: { hide: { mode: ['delivery'] } },
  },
  {
    displayName:
      'Exit when the contact opted out, replied or is paused, the enrollment is completed or ended, or the item says the caller booked or reached one of the template’s exit CRM statuses (exit.crmStatuses). A booked or CRM-status exit ends the enrollment in the ledger and counts as a conversion.',
    name: 'checkNotice',
    type: 'notice',
    default: '',
    displayOptions: check,
  },
  {
    displayName: 'Phone',
    name: 'phone',
    type: 'string',
    default: '',
    placeholder: '{{ $json.touch.phone }}',
    description: 'The contact’s phone. Empty: the item’s touch.phone, contact.phone or phone.',
    displayOptions: check,
  },
  {
    displayName: 'Enrollment ID',
    name: 'enrollmentId',
    type: 'string',
    default: '',
    placeholder: '{{ $json.touch.enrollmentId }}',
    description:
      'Empty: the item’s touch.enrollmentId, enrollment.ID or enrollmentId. Without one, a booking or CRM status is checked against every active sequence of the contact (each by its own template’s exits); otherwise only the contact is checked.',
    displayOptions: check,
  },
  {
    displayName: 'Booked',
    name: 'booked',
    type: 'boolean',
    default: false,
    description: 'Whether the caller booked (map your CRM’s booked flag here); ends the sequence when the template’s exit.onBooked is on',
    displayOptions: check,
  },
  {
    displayName: 'CRM Status',
    name: 'crmStatus',
    type: 'string',
    default: '',
    placeholder: '{{ $json.crm.status }}',
    description: 'The lead’s CRM status; ends the sequence when it is one of the template’s exit.crmStatuses or the extra statuses below (case-insensitive)',
    displayOptions: check,
  },
  {
    displayName: 'Extra Exit CRM Statuses',
    name: 'extraCrmStatuses',
    type: 'string',
    default: '',
    placeholder: 'won, lost',
    description: 'Comma-separated statuses that also end the sequence',
    displayOptions: check,
  },
  {
    displayName: 'Current Time',
    name: 'currentTime',
    type: 'dateTime',
    default: '',
    description: 'Instant the reply or delivery status is recorded or the check made; empty means now. Set it to test a flow without waiting.',
  },
];
