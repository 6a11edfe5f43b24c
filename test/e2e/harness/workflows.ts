/**
 * The workflows the e2e tests import, shaped like the designer's n8n export
 * (designer/src/export/n8nWorkflow.ts: same node names, types and wiring) with the parameter names
 * the nodes really read. Differences, on purpose:
 * - the template goes into the trigger's `templateJson` (the export writes `template`),
 * - a core Set node maps the number called to `call.department` (Twilio sends no department),
 * - the reply branch (Sequence Exit → CRM Flag) is left out; the CRM Flag for callback tasks posts to
 *   a local receiver through the pack's generic webhook provider,
 * - every pack node gets the scenario's "Current Time" so time is driven, not waited for,
 * - the Consent Gates get Consent Override "informational": nothing in the pack records consent
 *   for a missed caller yet, and without it every first text is blocked NO_CONSENT (see the report),
 * - the scheduler runs in its own workflow per instant, polling on a yearly cron: publishing it runs
 *   exactly one poll (n8n polls once on activation), which is how the tests step through time.
 */
import { randomUUID } from 'node:crypto';
import type { SequenceTemplate } from '../../../shared/schema';
import { N8N_NODE_NAMES, N8N_NODE_TYPES } from '../../../designer/src/export/n8nWorkflow';

export const BUSINESS_NUMBER = '+15125550142';
export const NAMES = { ...N8N_NODE_NAMES, department: 'Department by Number Called' } as const;

export interface Creds {
  twilio: { id: string; name: string };
  smtp: { id: string; name: string };
  crm: { id: string; name: string };
}

interface Node {
  id: string;
  name: string;
  type: string;
  typeVersion: number;
  position: [number, number];
  parameters: Record<string, unknown>;
  credentials?: Record<string, { id: string; name: string }>;
  webhookId?: string;
}

const node = (name: string, type: string, position: [number, number], parameters: Record<string, unknown>, extra: Partial<Node> = {}): Node => ({
  id: randomUUID(),
  name,
  type,
  typeVersion: 1,
  position,
  parameters,
  ...extra,
});

const main = (...targets: (string | null)[][]) => ({ main: targets.map((list) => list.filter((n): n is string => n !== null).map((n) => ({ node: n, type: 'main', index: 0 }))) });

/** Consent Gate parameters at `now` (see the header about the consent override). */
function gateParams(now: string): Record<string, unknown> {
  return { ledger: 'embedded', currentTime: now, consentOverride: 'informational' };
}

function senderParams(now: string, callerEmail: string): Record<string, unknown> {
  return {
    ledger: 'embedded',
    smsProvider: 'twilio',
    smsSender: 'from',
    fromNumber: BUSINESS_NUMBER,
    emailProvider: 'smtp',
    callerEmail,
    agentName: 'Dana',
    currentTime: now,
    options: { maxAttempts: 2, retryBaseDelayMs: 50, maxRetryWaitSeconds: 2 },
  };
}

export interface TriggerWorkflow {
  name: string;
  webhookId: string;
  nodes: Node[];
  connections: Record<string, unknown>;
}

/**
 * Missed Call Trigger (Twilio) → Set department → Consent Gate (first touch) → Follow-up Sender
 * (first touch). `now` is the instant every node treats as the current time (ISO with offset).
 */
export function triggerWorkflow(o: { name: string; template: SequenceTemplate; now: string; creds: Creds; settleSeconds?: number }): TriggerWorkflow {
  const webhookId = randomUUID();
  const N = NAMES;
  const nodes: Node[] = [
    node(
      N.trigger,
      N8N_NODE_TYPES.trigger,
      [0, 0],
      {
        provider: 'twilio',
        ledger: 'embedded',
        templateSource: 'json',
        templateJson: JSON.stringify(o.template),
        classes: ['missed', 'voicemail', 'abandoned'],
        settleSeconds: o.settleSeconds ?? 90,
        filters: {},
        currentTime: o.now,
      },
      { webhookId, credentials: { missedCallTwilioApi: o.creds.twilio } },
    ),
    {
      ...node(N.department, 'n8n-nodes-base.set', [200, 0], {
        mode: 'manual',
        assignments: {
          assignments: [
            { id: randomUUID(), name: 'call.department', type: 'string', value: `={{ $json.call.to === '${BUSINESS_NUMBER}' ? 'service' : 'billing' }}` },
          ],
        },
        includeOtherFields: true,
        options: {},
      }),
      typeVersion: 3.4,
    },
    node(N.gateNow, N8N_NODE_TYPES.consentGate, [420, 0], gateParams(o.now)),
    node(N.senderNow, N8N_NODE_TYPES.sender, [640, 0], senderParams(o.now, ''), {
      credentials: { missedCallTwilioApi: o.creds.twilio, missedCallSmtp: o.creds.smtp },
    }),
  ];
  return {
    name: o.name,
    webhookId,
    nodes,
    // output 0 = Enrolled (Filtered goes nowhere); gate output 0 = Send (Defer/Block/Manual are recorded in the ledger)
    connections: { [N.trigger]: main([N.department]), [N.department]: main([N.gateNow]), [N.gateNow]: main([N.senderNow]) },
  };
}

/**
 * Sequence Scheduler → Consent Gate (due touches) → Follow-up Sender (sms, email) and CRM Flag
 * (callback tasks; it passes other steps through untouched), all at `now`; polls once when published.
 */
export function schedulerWorkflow(o: { name: string; now: string; creds: Creds; callerEmail: string; crmUrl: string; withCrm: boolean }) {
  const N = NAMES;
  const nodes: Node[] = [
    node(N.scheduler, N8N_NODE_TYPES.scheduler, [0, 240], {
      ledger: 'embedded',
      batchSize: 50,
      leaseMinutes: 10,
      currentTime: o.now,
      // effectively never again: the activation poll is the one the test asks for
      pollTimes: { item: [{ mode: 'custom', cronExpression: '0 0 1 1 *' }] },
    }),
    node(N.gateDue, N8N_NODE_TYPES.consentGate, [260, 240], gateParams(o.now)),
    node(N.senderDue, N8N_NODE_TYPES.sender, [520, 180], senderParams(o.now, o.callerEmail), {
      credentials: { missedCallTwilioApi: o.creds.twilio, missedCallSmtp: o.creds.smtp },
    }),
  ];
  if (o.withCrm) {
    nodes.push(
      node(
        N.crmCallback,
        N8N_NODE_TYPES.crmFlag,
        [520, 320],
        { ledger: 'embedded', provider: 'webhook', operation: 'callbackTask', webhookUrl: o.crmUrl, currentTime: o.now, options: { maxAttempts: 1, retryBaseDelayMs: 0, timeoutMs: 5000 } },
        { credentials: { missedCallWebhookSecret: o.creds.crm } },
      ),
    );
  }
  return {
    name: o.name,
    nodes,
    connections: { [N.scheduler]: main([N.gateDue]), [N.gateDue]: main([N.senderDue, o.withCrm ? N.crmCallback : null]) },
  };
}
