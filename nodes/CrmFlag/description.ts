import type { INodeProperties } from 'n8n-workflow';
import { ledgerProperty } from '../shared/ledgerFor';

export const DOCS_URL = 'https://github.com/n8n-nodes-missed-call/n8n-nodes-missed-call#crm-flag';
export const HUBSPOT_CREDENTIAL = 'missedCallHubSpotApi';
export const PIPEDRIVE_CREDENTIAL = 'missedCallPipedriveApi';
export const WEBHOOK_CREDENTIAL = 'missedCallWebhookSecret';
/** Default lead status: a custom `hs_lead_status` option (internal value) the HubSpot admin adds. */
export const DEFAULT_STATUS_VALUE = 'REENGAGED_NEEDS_CALLBACK';

const PRIORITY_OPTIONS = [
  { name: 'Low', value: 'low' },
  { name: 'Normal', value: 'normal' },
  { name: 'High', value: 'high' },
  { name: 'Urgent', value: 'urgent' },
];

const fields: INodeProperties[] = [
  {
    displayName: 'Phone',
    name: 'phone',
    type: 'string',
    default: '',
    placeholder: '+13055550123',
    description: 'Caller’s number (E.164 or national format). Empty: the item’s contact.phone, caller.phone, touch.phone or call.from.',
    displayOptions: { show: { operation: ['flagReengaged', 'callbackTask', 'notifyAgent'] } },
  },
  {
    displayName: 'Reply Text',
    name: 'replyText',
    type: 'string',
    default: '',
    description: 'What the caller wrote back. Empty: the item’s reply.text or text, then the last reply recorded in the ledger.',
    displayOptions: { show: { operation: ['flagReengaged'] } },
  },
  {
    displayName: 'Lead Status Property',
    name: 'statusProperty',
    type: 'string',
    default: 'hs_lead_status',
    description: 'HubSpot contact property, or the key of a Pipedrive person custom field (40 characters). Empty: leave the status alone.',
    displayOptions: { show: { operation: ['flagReengaged'] } },
  },
  {
    displayName: 'Lead Status Value',
    name: 'statusValue',
    type: 'string',
    default: DEFAULT_STATUS_VALUE,
    description:
      'Internal value of the “Re-engaged — needs callback” option (add it to hs_lead_status in HubSpot, or to the Pipedrive field; for an enum field in Pipedrive use the option ID)',
    displayOptions: { show: { operation: ['flagReengaged'] } },
  },
  {
    displayName: 'Callback Due In (Minutes)',
    name: 'dueInMinutes',
    type: 'number',
    typeOptions: { minValue: 0 },
    default: 15,
    description: 'The callback task is due this long after the current time (a callback step’s own dueInMinutes wins)',
    displayOptions: { show: { operation: ['flagReengaged', 'callbackTask', 'notifyAgent'] } },
  },
  {
    displayName: 'Log Touches as Notes',
    name: 'logTouches',
    type: 'boolean',
    default: true,
    description: 'Whether to add one note per automated touch of the enrollment so far (from the ledger)',
    displayOptions: { show: { operation: ['flagReengaged'] } },
  },
  {
    displayName: 'Reminder As',
    name: 'reminderAs',
    type: 'options',
    options: [
      { name: 'Task', value: 'task' },
      { name: 'Note', value: 'note' },
    ],
    default: 'task',
    displayOptions: { show: { operation: ['notifyAgent'] } },
  },
  {
    displayName: 'Department Owners',
    name: 'departmentOwners',
    type: 'fixedCollection',
    typeOptions: { multipleValues: true },
    placeholder: 'Add Department',
    default: {},
    description: 'Who gets the lead and the task, by the call’s department (ID or name, case-insensitive)',
    displayOptions: { show: { operation: ['flagReengaged', 'callbackTask', 'notifyAgent'] } },
    options: [
      {
        displayName: 'Mapping',
        name: 'mappings',
        values: [
          { displayName: 'Department', name: 'department', type: 'string', default: '', placeholder: 'service' },
          { displayName: 'Owner ID', name: 'ownerId', type: 'string', default: '', description: 'HubSpot owner ID or Pipedrive user ID' },
          { displayName: 'Queue ID', name: 'queueId', type: 'string', default: '', description: 'HubSpot task queue ID (optional)' },
        ],
      },
    ],
  },
  {
    displayName: 'Default Owner ID',
    name: 'defaultOwnerId',
    type: 'string',
    default: '',
    description: 'Owner when no department matches; empty: no owner is set',
    displayOptions: { show: { operation: ['flagReengaged', 'callbackTask', 'notifyAgent'] } },
  },
  {
    displayName: 'Priorities',
    name: 'priorities',
    type: 'fixedCollection',
    typeOptions: { multipleValues: true },
    placeholder: 'Add Priority Rule',
    default: {},
    description: 'Task priority by department or call class (missed, voicemail, abandoned); the first match wins',
    displayOptions: { show: { operation: ['flagReengaged', 'callbackTask', 'notifyAgent'] } },
    options: [
      {
        displayName: 'Rule',
        name: 'rules',
        values: [
          { displayName: 'Department or Call Class', name: 'match', type: 'string', default: '' },
          { displayName: 'Priority', name: 'priority', type: 'options', options: PRIORITY_OPTIONS, default: 'high' },
        ],
      },
    ],
  },
  {
    displayName: 'Default Priority',
    name: 'defaultPriority',
    type: 'options',
    options: PRIORITY_OPTIONS,
    default: 'high',
    displayOptions: { show: { operation: ['flagReengaged', 'callbackTask', 'notifyAgent'] } },
  },
  {
    displayName: 'Keep Existing Owner',
    name: 'keepOwner',
    type: 'boolean',
    default: true,
    description: 'Whether a contact that already has an owner keeps it (the task goes to that owner)',
    displayOptions: { show: { operation: ['flagReengaged', 'callbackTask', 'notifyAgent'] } },
  },
  {
    displayName: 'Look Back (Hours)',
    name: 'lookBackHours',
    type: 'number',
    typeOptions: { minValue: 1 },
    default: 72,
    description: 'Pending updates recorded this long ago or later are re-sent',
    displayOptions: { show: { operation: ['retryPending'] } },
  },
];

const properties: INodeProperties[] = [
  {
    // n8n folds the Provider option into its Credential picker (the credentials depend on it): say so
    displayName: 'The CRM is chosen by its credential: a HubSpot private app, a Pipedrive API token, or, for any other CRM, a webhook signing secret (the update is POSTed as signed JSON to your endpoint).',
    name: 'crmNotice',
    type: 'notice',
    default: '',
  },
  ledgerProperty,
  {
    displayName: 'Provider',
    name: 'provider',
    type: 'options',
    noDataExpression: true,
    options: [
      { name: 'HubSpot', value: 'hubspot' },
      { name: 'Pipedrive', value: 'pipedrive' },
      { name: 'Generic Webhook', value: 'webhook', description: 'POSTs the update as signed JSON to your endpoint' },
    ],
    default: 'hubspot',
  },
  {
    displayName: 'Operation',
    name: 'operation',
    type: 'options',
    noDataExpression: true,
    options: [
      {
        name: 'Flag Re-Engaged Lead',
        value: 'flagReengaged',
        action: 'Flag a lead that replied',
        description: 'Status “needs callback”, owner by department, callback task with the call context, touches as notes',
      },
      {
        name: 'Create Callback Task',
        value: 'callbackTask',
        action: 'Create a callback task',
        description: 'For the scheduler’s callback_task steps (other steps pass through untouched)',
      },
      { name: 'Notify Agent', value: 'notifyAgent', action: 'Notify an agent', description: 'A reminder task or note (notify_agent steps, missed-call reminders)' },
      {
        name: 'Retry Pending',
        value: 'retryPending',
        action: 'Retry pending CRM updates',
        description: 'Re-sends updates recorded as pending while the CRM was down (run it on a schedule)',
      },
    ],
    default: 'flagReengaged',
  },
  {
    displayName: 'Webhook URL',
    name: 'webhookUrl',
    type: 'string',
    default: '',
    required: true,
    placeholder: 'https://crm.example.com/hooks/missed-call',
    displayOptions: { show: { provider: ['webhook'] } },
  },
  ...fields,
  {
    displayName: 'Current Time',
    name: 'currentTime',
    type: 'dateTime',
    default: '',
    description: 'Instant of the update (task due times count from it); empty means now. Set it to test a flow without waiting.',
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
        default: 4,
        description: 'Attempts per CRM request on 5xx, 429 and timeouts (exponential backoff) before the item goes to Error / Retry',
      },
      { displayName: 'First Retry Delay (Ms)', name: 'retryBaseDelayMs', type: 'number', typeOptions: { minValue: 0 }, default: 1000 },
      { displayName: 'Timeout (Ms)', name: 'timeoutMs', type: 'number', typeOptions: { minValue: 100 }, default: 10000 },
    ],
  },
];

export const crmFlagProperties = properties;
