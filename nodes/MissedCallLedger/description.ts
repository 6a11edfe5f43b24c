import type { INodeProperties } from 'n8n-workflow';
import { ledgerProperty } from '../shared/ledgerFor';

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
        description: 'Per template, step and A/B variant: enrollments, time to first touch, response, re-engagement, conversion and opt-out rates',
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
    displayName:
      'Response: a real reply; re-engagement: a reply or a call back; conversion: a booked or CRM-status exit (Sequence Exit, Check mode). Rates are per enrolled. Step and variant rows use last-touch attribution; time to first touch is from the call to the first sent touch (p50/p90, nearest rank).',
    name: 'kpiNotice',
    type: 'notice',
    default: '',
    displayOptions: show('report', ['kpis']),
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
      { name: 'Template', value: 'template' },
    ],
    default: 'contact',
  },
  ...operations,
  ...fields,
];
