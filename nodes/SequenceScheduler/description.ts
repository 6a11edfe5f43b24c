import type { INodeProperties } from 'n8n-workflow';
import { ledgerProperty } from '../shared/ledgerFor';

export const DOCS_URL = 'https://github.com/n8n-nodes-missed-call/n8n-nodes-missed-call#sequence-scheduler';

/** The node's parameters (the class description itself is in SequenceScheduler.node.ts, where n8n's lint reads it). */
export const sequenceSchedulerProperties: INodeProperties[] = [
  {
    displayName:
      'Every step kind comes out here, with step.channel set to sms, email, callback_task or notify_agent: route with a Consent Gate (channel "From Item") and a Switch on step.channel. The Follow-up Sender schedules the next step after a send or skip, the Consent Gate after a block of that message only. Calls the Missed Call Trigger parked (waiting for a final event) are enrolled here once their settle window elapsed.',
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
    displayName: 'Send Outcome Lease (Minutes)',
    name: 'sendLeaseMinutes',
    type: 'number',
    typeOptions: { minValue: 1 },
    default: 15,
    description:
      'A touch still being sent this long after the sender started it (e.g. n8n was killed mid-send) is closed as failed with an unknown outcome (audited as touch_outcome_unknown so a person can check the provider), never sent again, and its sequence moves on',
  },
  {
    displayName: 'Current Time',
    name: 'currentTime',
    type: 'dateTime',
    default: '',
    description: 'Instant the poll treats as now; empty means now. Set it to test a flow without waiting.',
  },
];
