import type { INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { ledgerCredentials, ledgerProperty } from '../shared/ledgerFor';

export const DOCS_URL = 'https://github.com/n8n-nodes-missed-call/n8n-nodes-missed-call#sequence-scheduler';

export const sequenceSchedulerDescription: INodeTypeDescription = {
  displayName: 'Sequence Scheduler',
  name: 'sequenceScheduler',
  icon: { light: 'file:missedCall.svg', dark: 'file:missedCall.dark.svg' },
  group: ['trigger'],
  version: 1,
  subtitle: '={{ "up to " + $parameter["batchSize"] + " touches per poll" }}',
  description:
    'Claims the follow-up touches now due from the ledger (atomically, once across every main and worker) and emits one item per touch',
  documentationUrl: DOCS_URL,
  defaults: { name: 'Sequence Scheduler' },
  polling: true,
  inputs: [],
  outputs: [NodeConnectionTypes.Main],
  credentials: [ledgerCredentials],
  properties: [
    {
      displayName:
        'Every step kind comes out here, with step.channel set to sms, email, callback_task or notify_agent: route with a Consent Gate (channel "From Item") and a Switch on step.channel. The Follow-up Sender schedules the next step after a successful send.',
      name: 'notice',
      type: 'notice',
      default: '',
    },
    ledgerProperty,
    {
      displayName: 'Batch Size',
      name: 'batchSize',
      type: 'number',
      typeOptions: { minValue: 1, maxValue: 1000 },
      default: 50,
      description: 'Most touches claimed per poll; the rest wait for the next poll',
    },
    {
      displayName: 'Lease (Minutes)',
      name: 'leaseMinutes',
      type: 'number',
      typeOptions: { minValue: 1 },
      default: 10,
      description:
        'How long a claimed touch is reserved for this execution; a touch not sent, deferred or closed by then is claimed again',
    },
    {
      displayName: 'Current Time',
      name: 'currentTime',
      type: 'dateTime',
      default: '',
      description: 'Instant the poll treats as now; empty means now. Set it to test a flow without waiting.',
    },
  ],
};
