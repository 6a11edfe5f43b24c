import type { INodeProperties } from 'n8n-workflow';
import { ledgerProperty } from '../shared/ledgerFor';
import { PRUNE_BATCH_DEFAULT, PRUNE_BATCH_MAX, PRUNE_MAX_BATCHES_DEFAULT, RETENTION_MINIMUMS } from '../ledger/retention';
import { FAMILY_ALPHA, MIN_ENROLLMENTS, MIN_POOLED } from './variantVerdict';

export const DOCS_URL = 'https://github.com/n8n-nodes-missed-call/n8n-nodes-missed-call#missed-call-ledger';

const show = (resource: string, operation?: string[]) => ({ show: { resource: [resource], ...(operation ? { operation } : {}) } });

const operations: INodeProperties[] = [
  {
    displayName: 'Operation',
    name: 'operation',
    type: 'options',
    noDataExpression: true,
    displayOptions: show('contact'),
    options: [
      { name: 'Get State', value: 'get', description: 'Consent, opt-outs, pause, last reply and enrollments of a contact', action: 'Get the state of a contact' },
      { name: 'Pause', value: 'pause', description: 'Hold every automated touch of a contact', action: 'Pause a contact' },
      { name: 'Resume', value: 'resume', description: 'Lift a contact’s pause', action: 'Resume a contact' },
    ],
    default: 'get',
  },
  {
    displayName: 'Operation',
    name: 'operation',
    type: 'options',
    noDataExpression: true,
    displayOptions: show('template'),
    options: [
      { name: 'Pause', value: 'pause', description: 'Hold every touch of a sequence template', action: 'Pause a template' },
      { name: 'Resume', value: 'resume', description: 'Let a paused template send again', action: 'Resume a template' },
    ],
    default: 'pause',
  },
  {
    displayName: 'Operation',
    name: 'operation',
    type: 'options',
    noDataExpression: true,
    displayOptions: show('optOut'),
    options: [
      { name: 'Export CSV', value: 'export', description: 'Every current opt-out as a CSV file', action: 'Export the suppression list as CSV' },
      { name: 'Import CSV', value: 'import', description: 'Record the opt-outs of a CSV file (suppression list)', action: 'Import a suppression list from CSV' },
    ],
    default: 'export',
  },
  {
    displayName: 'Operation',
    name: 'operation',
    type: 'options',
    noDataExpression: true,
    displayOptions: show('auditTrail'),
    options: [{ name: 'Export CSV', value: 'export', description: 'The audit trail as a CSV file', action: 'Export the audit trail as CSV' }],
    default: 'export',
  },
  {
    displayName: 'Operation',
    name: 'operation',
    type: 'options',
    noDataExpression: true,
    displayOptions: show('report'),
    options: [
      {
        name: 'KPIs',
        value: 'kpis',
        description: 'Per template, step and A/B variant: enrollments, time to first touch, response, re-engagement, conversion and opt-out rates, human reached, time to a human and the winning variant',
        action: 'Compute sequence metrics',
      },
      {
        name: 'Data Audit',
        value: 'dataAudit',
        description: 'Share of callers with a mobile number, landline-only callers, CRM match rate of caller IDs',
        action: 'Audit caller data quality',
      },
    ],
    default: 'kpis',
  },
  {
    displayName: 'Operation',
    name: 'operation',
    type: 'options',
    noDataExpression: true,
    displayOptions: show('retention'),
    options: [
      {
        name: 'Prune Old Records',
        value: 'prune',
        description: 'Delete dedupe keys, call events, resolved pending calls, ended enrollments, audit entries and contacts known only from an answered call past their retention',
        action: 'Prune old records',
      },
    ],
    default: 'prune',
  },
];

const fields: INodeProperties[] = [
  {
    displayName: 'Phone',
    name: 'phone',
    type: 'string',
    default: '',
    required: true,
    placeholder: '+13055550123',
    displayOptions: show('contact'),
  },
  {
    displayName: 'Pause Until',
    name: 'until',
    type: 'dateTime',
    default: '',
    description: 'Empty: until resumed',
    displayOptions: show('contact', ['pause']),
  },
  {
    displayName: 'Reason',
    name: 'reason',
    type: 'string',
    default: 'manual',
    displayOptions: { show: { resource: ['contact'], operation: ['pause', 'resume'] } },
  },
  {
    displayName: 'Template ID',
    name: 'templateId',
    type: 'string',
    default: '',
    required: true,
    displayOptions: show('template'),
  },
  {
    displayName: 'Input',
    name: 'inputSource',
    type: 'options',
    options: [
      { name: 'Binary File', value: 'binary' },
      { name: 'Text', value: 'text' },
    ],
    default: 'binary',
    displayOptions: show('optOut', ['import']),
  },
  {
    displayName: 'Input Binary Field',
    name: 'binaryPropertyName',
    type: 'string',
    default: 'data',
    required: true,
    displayOptions: { show: { resource: ['optOut'], operation: ['import'], inputSource: ['binary'] } },
  },
  {
    displayName: 'CSV Text',
    name: 'csvText',
    type: 'string',
    typeOptions: { rows: 6 },
    default: '',
    placeholder: 'phone,channel\n+13055550123,sms',
    displayOptions: { show: { resource: ['optOut'], operation: ['import'], inputSource: ['text'] } },
  },
  {
    displayName:
      'Columns: phone (required; also number, mobile, phone_number), channel (sms, email or all; default sms), opted_out_at (ISO date; default now), source, text. Without a header row the first column is the phone. Bad rows are reported with their line numbers and skipped.',
    name: 'importNotice',
    type: 'notice',
    default: '',
    displayOptions: show('optOut', ['import']),
  },
  {
    displayName: 'Source Label',
    name: 'sourceLabel',
    type: 'string',
    default: 'csv_import',
    description: 'Recorded as the opt-out source when a row has none',
    displayOptions: show('optOut', ['import']),
  },
  {
    displayName: 'Since',
    name: 'since',
    type: 'dateTime',
    default: '',
    description: 'Entries at or after this instant; empty: from the beginning',
    displayOptions: show('auditTrail'),
  },
  {
    displayName: 'Phone Filter',
    name: 'phoneFilter',
    type: 'string',
    default: '',
    description: 'Only entries of this phone',
    displayOptions: show('auditTrail'),
  },
  {
    displayName: 'Kinds',
    name: 'kinds',
    type: 'string',
    default: '',
    placeholder: 'opt_out, reply, decision',
    description: 'Comma-separated audit kinds; empty: all',
    displayOptions: show('auditTrail'),
  },
  {
    displayName: 'Max Rows',
    name: 'maxRows',
    type: 'number',
    typeOptions: { minValue: 1 },
    default: 100000,
    displayOptions: show('auditTrail'),
  },
  {
    displayName: 'Output Binary Field',
    name: 'outputBinaryPropertyName',
    type: 'string',
    default: 'data',
    displayOptions: { show: { resource: ['optOut', 'auditTrail'], operation: ['export'] } },
  },
  {
    displayName: 'From',
    name: 'from',
    type: 'dateTime',
    default: '',
    description: 'Start of the window of enrollments (missed calls) reported; empty: 30 days before the end',
    displayOptions: show('report'),
  },
  {
    displayName: 'To',
    name: 'to',
    type: 'dateTime',
    default: '',
    description: 'End of the window (exclusive); empty: the current time',
    displayOptions: show('report'),
  },
  {
    displayName: 'Template ID',
    name: 'reportTemplateId',
    type: 'string',
    default: '',
    description: 'Only this template; empty: every template',
    displayOptions: show('report'),
  },
  {
    displayName: 'Winner Metric',
    name: 'winnerMetric',
    type: 'options',
    options: [
      { name: 'Conversion', value: 'conversion', description: 'A booked or CRM-status exit' },
      { name: 'Human Reached', value: 'humanReached', description: 'The caller spoke with a person' },
      { name: 'Re-Engagement', value: 'reengagement', description: 'A reply or a call back' },
      { name: 'Response', value: 'response', description: 'A real reply' },
    ],
    default: 'reengagement',
    description: 'Rate on which the A/B variants of each step are compared to pick a winner',
    displayOptions: show('report', ['kpis']),
  },
  {
    displayName: 'Default Country',
    name: 'defaultCountry',
    type: 'string',
    default: 'US',
    description: "ISO country for call numbers without a country code (use the trigger's Default Country)",
    displayOptions: show('report', ['kpis']),
  },
  {
    displayName:
      `Response: a real reply; re-engagement: a reply or a call back; conversion: a booked or CRM-status exit (Sequence Exit, Check mode); human reached: the caller spoke with a person (their call answered, or the business’s call answered by them). Rates are per enrolled. Step and variant rows use last-touch attribution; time to first touch is from the call to the first sent touch, time to a human from the call to the start of the first conversation (else when the ledger received its proof), numbers read in Default Country when they come without a country code (p50/p90, nearest rank). A/B variants: the leader (highest Winner Metric rate) is tested against each other variant (two-sided two-proportion z-test, alpha ${FAMILY_ALPHA} split over the comparisons); a variant needs ${MIN_ENROLLMENTS} enrollments and each test ${MIN_POOLED} pooled successes and ${MIN_POOLED} failures, else insufficient_data. The leader is the winner only when significantly better than every other variant and its opt-out rate is not significantly higher than any of theirs.`,
    name: 'kpiNotice',
    type: 'notice',
    default: '',
    displayOptions: show('report', ['kpis']),
  },
  {
    displayName:
      'Deletes in small batches (one short transaction each) and writes one audit entry per run with the counts. Never deleted: contacts with their consent, opt-outs, replies or enrollments (a contact known only from an answered call goes once that call is old), active enrollments, touches still open, unresolved pending calls, the latest enrollment of each caller in each template (re-entry rules read it). Schedule it e.g. daily.',
    name: 'pruneNotice',
    type: 'notice',
    default: '',
    displayOptions: show('retention'),
  },
  {
    displayName: 'Keep Dedupe Keys (Days)',
    name: 'dedupeKeyDays',
    type: 'number',
    typeOptions: { minValue: RETENTION_MINIMUMS.dedupeKeys, numberPrecision: 0 },
    default: 30, // RETENTION_DEFAULTS.dedupeKeys (a literal for the n8n lint; a test keeps them equal)
    description: 'Keys that stop a provider’s retry of a call or inbound message from firing twice; they only need to outlive the provider’s retries and the trigger’s replay window',
    displayOptions: show('retention'),
  },
  {
    displayName: 'Keep Resolved Pending Calls (Days)',
    name: 'pendingCallDays',
    type: 'number',
    typeOptions: { minValue: RETENTION_MINIMUMS.pendingCalls, numberPrecision: 0 },
    default: 30, // RETENTION_DEFAULTS.pendingCalls (a literal for the n8n lint; a test keeps them equal)
    description: 'Calls parked for their final event, counted from their resolution; keep them at least as long as dedupe keys',
    displayOptions: show('retention'),
  },
  {
    displayName: 'Keep Call Events (Days)',
    name: 'callEventDays',
    type: 'number',
    typeOptions: { minValue: RETENTION_MINIMUMS.callEvents, numberPrecision: 0 },
    default: 400, // RETENTION_DEFAULTS.callEvents (a literal for the n8n lint; a test keeps them equal)
    description: 'Provider call events; the KPI report reads them for call-backs and conversations, so keep them as long as the oldest report window you need',
    displayOptions: show('retention'),
  },
  {
    displayName: 'Keep Ended Enrollments (Days)',
    name: 'enrollmentDays',
    type: 'number',
    typeOptions: { minValue: RETENTION_MINIMUMS.enrollments, numberPrecision: 0 },
    default: 400, // RETENTION_DEFAULTS.enrollments (a literal for the n8n lint; a test keeps them equal)
    description: 'Completed or exited enrollments with their touches, counted from their end; the KPI report reads them',
    displayOptions: show('retention'),
  },
  {
    displayName: 'Keep Audit Trail (Days)',
    name: 'auditDays',
    type: 'number',
    typeOptions: { minValue: RETENTION_MINIMUMS.auditTrail, numberPrecision: 0 },
    default: 1826, // RETENTION_DEFAULTS.auditTrail (a literal for the n8n lint; a test keeps them equal)
    description: 'Evidence of consent, opt-outs and every send. TCPA claims can come up to 4 years later, so at least 1461 days.',
    displayOptions: show('retention'),
  },
  {
    displayName: 'Keep Conversation-Only Contacts (Days)',
    name: 'conversationContactDays',
    type: 'number',
    typeOptions: { minValue: RETENTION_MINIMUMS.conversationContacts, numberPrecision: 0 },
    default: 60, // RETENTION_DEFAULTS.conversationContacts (a literal for the n8n lint; a test keeps them equal)
    description:
      'Contacts the ledger knows only from a call a person answered (no enrollment, consent, opt-out or reply), counted from that call. They keep the In-Conversation Window for first-time callers, so at least 30 days, the longest window.',
    displayOptions: show('retention'),
  },
  {
    displayName: 'Dry Run',
    name: 'dryRun',
    type: 'boolean',
    default: false,
    description: 'Whether to only count what would be deleted, changing nothing',
    displayOptions: show('retention'),
  },
  {
    displayName: 'Options',
    name: 'pruneOptions',
    type: 'collection',
    placeholder: 'Add Option',
    default: {},
    displayOptions: show('retention'),
    options: [
      {
        displayName: 'Batch Size',
        name: 'batchSize',
        type: 'number',
        typeOptions: { minValue: 1, maxValue: PRUNE_BATCH_MAX, numberPrecision: 0 },
        default: PRUNE_BATCH_DEFAULT,
        description: 'Rows deleted per transaction',
      },
      {
        displayName: 'Max Batches',
        name: 'maxBatches',
        type: 'number',
        typeOptions: { minValue: 1, numberPrecision: 0 },
        default: PRUNE_MAX_BATCHES_DEFAULT,
        description: 'Most batches per kind of record in one run; the output says complete: false when rows are left for the next run',
      },
    ],
  },
  {
    displayName: 'Default Country',
    name: 'defaultCountry',
    type: 'string',
    default: 'US',
    description: 'ISO country code for numbers without a country code',
    displayOptions: { show: { resource: ['contact', 'optOut', 'auditTrail'] } },
  },
  {
    displayName: 'Current Time',
    name: 'currentTime',
    type: 'dateTime',
    default: '',
    description: 'Instant of the change or of the report; empty means now',
  },
];

/** The node's parameters (the class description is in MissedCallLedger.node.ts). */
export const missedCallLedgerProperties: INodeProperties[] = [
  ledgerProperty,
  {
    displayName: 'Resource',
    name: 'resource',
    type: 'options',
    noDataExpression: true,
    options: [
      { name: 'Audit Trail', value: 'auditTrail' },
      { name: 'Contact', value: 'contact' },
      { name: 'Opt-Out', value: 'optOut' },
      { name: 'Report', value: 'report' },
      { name: 'Retention', value: 'retention' },
      { name: 'Template', value: 'template' },
    ],
    default: 'contact',
  },
  ...operations,
  ...fields,
];
