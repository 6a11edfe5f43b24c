import type { INodeProperties } from 'n8n-workflow';
import { ledgerProperty } from '../shared/ledgerFor';

export const DOCS_URL = 'https://github.com/n8n-nodes-missed-call/n8n-nodes-missed-call#consent-gate';

/** Output order: the index of each verdict's output. */
export const OUTPUTS = ['send', 'defer', 'block', 'manual'] as const;

/** The node's parameters (the class description itself is in ConsentGate.node.ts, where n8n's lint reads it). */
export const consentGateProperties: INodeProperties[] = [
  ledgerProperty,
  {
    displayName: 'Phone',
    name: 'phone',
    type: 'string',
    default: '',
    placeholder: '{{ $json.touch.phone }}',
    description:
      'Number of the contact (E.164 or national format). Empty: the item’s touch.phone (Sequence Scheduler), else contact.phone (Missed Call Trigger), else call.from. A number that does not parse is blocked. Note: n8n expressions cannot read a field named "caller".',
  },
  {
    displayName: 'Channel',
    name: 'channel',
    type: 'options',
    options: [
      {
        name: 'From Item (step.channel)',
        value: 'fromItem',
        description:
          'Step channel of the item: sms, email; callback_task is judged as a voice call; notify_agent contacts no consumer and always goes to Send',
      },
      { name: 'SMS', value: 'sms' },
      { name: 'Email', value: 'email' },
      { name: 'Voice (Callback)', value: 'voice' },
    ],
    default: 'fromItem',
  },
  {
    displayName: 'Classification',
    name: 'classification',
    type: 'options',
    options: [
      {
        name: 'From Item (template.classification)',
        value: 'fromItem',
        description: 'Classification of the sequence template on the item; informational when absent',
      },
      { name: 'Informational', value: 'informational' },
      { name: 'Marketing', value: 'marketing' },
    ],
    default: 'fromItem',
    description: 'What the message content is; marketing needs express or written consent',
  },
  {
    displayName: 'Consent Override',
    name: 'consentOverride',
    type: 'string',
    default: '',
    placeholder: '{{ $json.crm.consent }}',
    description:
      'Leave empty to use the consent recorded in the ledger. Otherwise one of none, informational, marketing, written, which replaces it for this decision. Either way it must reach the template’s “Consent required” (the item’s template.consent.required), else the item is blocked.',
  },
  {
    displayName: 'Current Time',
    name: 'currentTime',
    type: 'dateTime',
    default: '',
    description: 'Instant of the decision; empty means now. Set it to test a flow without waiting.',
  },
  {
    displayName: 'Options',
    name: 'options',
    type: 'collection',
    placeholder: 'Add Option',
    default: {},
    options: [
      {
        displayName: 'Carrier Line Type Field',
        name: 'lineTypeField',
        type: 'string',
        default: 'lineType',
        description:
          "Dotted path of an item field holding a carrier lookup line type (Twilio Lookup's mobile, landline, fixedVoip…). When the item has none (or unknown), the contact's line type on record in the ledger applies while younger than 30 days (the trigger's Twilio Lookup records it).",
      },
      {
        displayName: 'Default Country',
        name: 'defaultCountry',
        type: 'string',
        default: 'US',
        description: 'ISO 3166-1 alpha-2 country for numbers in national format',
      },
      {
        displayName: 'High-Value Account Field',
        name: 'highValueField',
        type: 'string',
        default: 'highValueAccount',
        description: 'Dotted path of an item field; a true value sends the item to Manual',
      },
      {
        displayName: 'High-Value Numbers',
        name: 'highValueNumbers',
        type: 'string',
        typeOptions: { rows: 3 },
        default: '',
        description: 'Numbers of known high-value accounts (comma or line separated); they go to Manual. An entry that is no phone number stops the node with an error.',
      },
      {
        displayName: 'Horizon (Days)',
        name: 'horizonDays',
        type: 'number',
        typeOptions: { minValue: 1 },
        default: 14,
        description: 'With no allowed instant within this many days the item is blocked',
      },
      {
        displayName: 'Max Touches per 24 H',
        name: 'maxPer24h',
        type: 'number',
        typeOptions: { minValue: 0 },
        default: 0,
        description:
          'Own frequency cap; 0 uses the item template’s sendWindow.maxPer24h when present (legal caps apply anyway)',
      },
      {
        displayName: 'Quiet Hours Apply to Email',
        name: 'windowsForEmail',
        type: 'boolean',
        default: true,
        description: 'Whether the time windows apply to email too (conservative)',
      },
      {
        displayName: 'Record Block/Manual on Touch',
        name: 'completeTouches',
        type: 'boolean',
        default: true,
        description:
          'Whether a blocked or manual item that carries a touch ID marks that touch blocked/manual in the ledger, so the scheduler does not claim it again. Then a block of this message only (landline or toll-free SMS, marketing consent, consent below the template’s, no allowed instant) schedules the next step; a block of the contact (opted out, no consent, unknown zone, invalid number) ends the enrollment; Manual leaves the enrollment to a person (audited as manual_review).',
      },
      {
        displayName: 'Reschedule Deferred Touches',
        name: 'rescheduleDeferred',
        type: 'boolean',
        default: true,
        description: 'Whether a deferred item that carries a touch ID moves that touch to the Not Before instant in the ledger',
      },
      {
        displayName: 'Sensitive Industry',
        name: 'sensitiveIndustry',
        type: 'boolean',
        default: false,
        description: 'Whether every item goes to Manual for a person to review (healthcare, debt collection…)',
      },
      {
        displayName: 'State Quiet Hours Apply to SMS',
        name: 'stateWindowsForSms',
        type: 'boolean',
        default: true,
        description: 'Whether every state time window applies to SMS (conservative), or only those whose statute covers texts',
      },
    ],
  },
];
