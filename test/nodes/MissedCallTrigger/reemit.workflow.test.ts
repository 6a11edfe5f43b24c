/**
 * A call whose first execution never started (n8n answered the phone system, then failed to start
 * the workflow): the provider's later retry re-emits the Enrolled item, and the exported first-touch
 * path (trigger → Consent Gate → Follow-up Sender, through n8n-core) sends exactly one SMS, also when
 * the lost execution turns up after all, at the same time or later.
 */
import type { IConnections, IDataObject } from 'n8n-workflow';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { N8N_NODE_NAMES as N, PACKAGE, templateToN8nWorkflow } from '../../../designer/src/export';
import type { Ledger } from '../../../nodes/ledger';
import { REEMIT_GRACE_MS } from '../../../nodes/shared/triggerPipeline';
import { SANDBOX_AUDIT_KIND } from '../../../nodes/transport/sandbox';
import { fourTouch } from '../../../shared/templates';
import { loadHarness, useFreshUserFolder, type Harness, type TestNode } from '../harness';
import { harness as triggerHarness, type Harness as TriggerHarness } from './fakeWebhook';

// Thursday 2027-01-14 10:00 in Chicago (the business)
const T0 = Date.UTC(2027, 0, 14, 16, 0);
const TOKEN = 'trigger-token-123';
const [SENT, NOT_SENT] = [0, 1];
const iso = (t: number) => new Date(t).toISOString();

const wf = templateToN8nWorkflow(fourTouch);
const exported = (name: string) => wf.nodes.find((n) => n.name === name)!;
const isPack = (name: string) => exported(name).type.startsWith(`${PACKAGE}.`);

let h: Harness;
let trigger: TriggerHarness;
let ledger: Ledger;
let calls = 0;

beforeAll(async () => {
  useFreshUserFolder();
  h = await loadHarness();
});
beforeEach(async () => {
  trigger = triggerHarness({
    ...exported(N.trigger).parameters,
    provider: 'generic',
    genericMapping: JSON.stringify({ callId: 'call.id', from: 'call.from', to: 'call.to', status: 'call.status', direction: 'call.direction', statusMap: { missed: 'missed' } }),
    genericAuth: 'headerToken',
    genericHeader: 'X-Webhook-Token',
    genericToken: TOKEN,
  });
  ledger = await trigger.ledger();
});
afterEach(async () => {
  await trigger.cleanup();
});

/** The exported workflow's first-touch path from the trigger, with `item` as the trigger's output. */
function runFirstTouch(now: number, item: IDataObject) {
  const nodes: TestNode[] = wf.nodes
    .filter((n) => isPack(n.name))
    .map((n) => {
      const parameters: Record<string, unknown> = { ...n.parameters, currentTime: iso(now) };
      if (n.type.endsWith('.followUpSender')) Object.assign(parameters, { smsProvider: 'sandbox', emailProvider: 'sandbox' });
      return { id: n.id, name: n.name, type: n.type, typeVersion: n.typeVersion, position: n.position, parameters: parameters as never };
    });
  const connections: IConnections = {};
  for (const [source, { main }] of Object.entries(wf.connections)) {
    if (isPack(source)) connections[source] = { main: main.map((targets) => targets.filter((t) => isPack(t.node))) };
  }
  return h.runWorkflow({ nodes, connections, startNode: N.trigger, triggerItems: [item], timezone: wf.settings.timezone });
}

/** One delivery of the call at `at`; returns the Enrolled items it emitted. */
async function deliver(callId: string, phone: string, at: number): Promise<IDataObject[]> {
  const body = JSON.stringify({ call: { id: callId, from: phone, to: '+15125550142', status: 'missed', direction: 'inbound' } });
  const { reply, result } = await trigger.call({ rawBody: body, headers: { 'content-type': 'application/json', 'x-webhook-token': TOKEN } }, { currentTime: iso(at) });
  expect(reply.status).toBe(200);
  return (((result.workflowData ?? [[]]) as { json: IDataObject }[][])[0] ?? []).map((i) => i.json);
}

type Run = Awaited<ReturnType<typeof runFirstTouch>>;
const outcomes = (r: Run) => [...(r.outputs(N.senderNow)[SENT] ?? []), ...(r.outputs(N.senderNow)[NOT_SENT] ?? [])].map((j) => (j.send as IDataObject).outcome);
const smsTo = async (phone: string) => (await ledger.auditTrail({ phone, kinds: [SANDBOX_AUDIT_KIND] })).filter((a) => (a.data as IDataObject).channel === 'sms');

describe('a call whose execution never started', () => {
  it.each([
    ['the lost execution never runs', 'never'],
    ['the lost execution runs at the same time as the re-emitted one', 'concurrently'],
    ['the lost execution runs after the re-emitted one', 'after'],
  ] as const)('the retry re-emits the enrollment and exactly one SMS goes out when %s', async (_, lost) => {
    const phone = `+1305555${String(2200 + ++calls)}`;
    const callId = `call-reemit-${process.pid}-${calls}`;
    await ledger.recordConsent(phone, 'informational', 'web_form', T0 - 86_400_000);
    const [original] = await deliver(callId, phone, T0);
    expect(original).toBeDefined();
    // n8n failed to start the execution: nothing ran. A retry within the grace period re-emits nothing
    expect(await deliver(callId, phone, T0 + REEMIT_GRACE_MS - 1000)).toEqual([]);
    const retryAt = T0 + REEMIT_GRACE_MS + 20_000;
    const again = await deliver(callId, phone, retryAt);
    expect(again).toHaveLength(1);
    expect(again[0]!.firstTouch).toEqual(original!.firstTouch);
    // the template summary too (the gate's From Item classification and minimum consent), from the stored template
    expect(again[0]!.template).toEqual(original!.template);
    expect(again[0]!.template).toMatchObject({ id: 'four-touch', consent: { required: 'informational' }, firstStepIds: ['sms-first'] });

    const runAt = Math.max(retryAt, Date.parse((original!.firstTouch as { dueAt: string }).dueAt));
    const runs: Run[] =
      lost === 'concurrently'
        ? await Promise.all([runFirstTouch(runAt, again[0]!), runFirstTouch(runAt, original!)])
        : [await runFirstTouch(runAt, again[0]!), ...(lost === 'after' ? [await runFirstTouch(runAt + 60_000, original!)] : [])];
    for (const r of runs) expect(r.error).toBeUndefined();
    expect(runs.flatMap(outcomes).filter((o) => o === 'sent')).toHaveLength(1);
    expect(await smsTo(phone)).toHaveLength(1);
    expect((await ledger.touch((original!.firstTouch as { id: string }).id))!.status).toBe('sent');
    // and once it was sent, a further retry re-emits nothing
    expect(await deliver(callId, phone, runAt + 120_000)).toEqual([]);
  });
});
