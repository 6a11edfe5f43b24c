/**
 * A real Missed Call Trigger (generic provider, header token) feeding a hand-built first-touch
 * workflow (trigger → Consent Gate): for tests of what the gate reads off an Enrolled item.
 * Call `start()` in beforeAll and `stop()` in afterAll.
 */
import type { IDataObject } from 'n8n-workflow';
import { expect } from 'vitest';
import type { Ledger } from '../../../nodes/ledger';
import type { SequenceTemplate } from '../../../shared/schema';
import { loadHarness, useFreshUserFolder, type Harness } from '../harness';
import { BASE_PARAMS, harness as triggerHarness, type Harness as TriggerHarness } from '../MissedCallTrigger/fakeWebhook';

const TOKEN = 'trigger-token-456';
const iso = (t: number) => new Date(t).toISOString();

export interface FirstTouchRig {
  h: Harness;
  ledger: Ledger;
  /** a missed call from `phone` to `to` at `at` through the trigger with `template`: its Enrolled item */
  deliver(template: SequenceTemplate, phone: string, at: number, to?: string): Promise<IDataObject>;
  /** trigger → Consent Gate (the gate's defaults: Classification "From Item") on `item` at `now` */
  firstTouch(item: IDataObject, now: number, gate?: Record<string, unknown>): ReturnType<Harness['runWorkflow']>;
  stop(): Promise<void>;
}

export async function startFirstTouchRig(label: string): Promise<FirstTouchRig> {
  useFreshUserFolder();
  const h = await loadHarness();
  // its ledger folder becomes N8N_USER_FOLDER: the workflows' nodes share the trigger's ledger
  const trigger: TriggerHarness = triggerHarness({
    ...BASE_PARAMS,
    provider: 'generic',
    genericMapping: JSON.stringify({ callId: 'call.id', from: 'call.from', to: 'call.to', status: 'call.status', direction: 'call.direction', statusMap: { missed: 'missed' } }),
    genericAuth: 'headerToken',
    genericHeader: 'X-Webhook-Token',
    genericToken: TOKEN,
  });
  const ledger = await trigger.ledger();
  let calls = 0;
  return {
    h,
    ledger,
    async deliver(template, phone, at, to = '+15125550142') {
      const body = JSON.stringify({ call: { id: `call-${label}-${process.pid}-${++calls}`, from: phone, to, status: 'missed', direction: 'inbound' } });
      const { reply, result } = await trigger.call(
        { rawBody: body, headers: { 'content-type': 'application/json', 'x-webhook-token': TOKEN } },
        { currentTime: iso(at), templateJson: JSON.stringify(template) },
      );
      expect(reply.status).toBe(200);
      const [item] = (((result.workflowData ?? [[]]) as { json: IDataObject }[][])[0] ?? []).map((i) => i.json);
      expect(item).toBeDefined();
      return item!;
    },
    firstTouch(item, now, gate = {}) {
      return h.runWorkflow({
        nodes: [
          { name: 'Trigger', type: 'missedCallTrigger', parameters: {} },
          { name: 'Gate', type: 'consentGate', parameters: { currentTime: iso(now), ...gate } },
        ],
        connections: [['Trigger', 'Gate']],
        startNode: 'Trigger',
        triggerItems: [item],
      });
    },
    stop: () => trigger.cleanup(),
  };
}
