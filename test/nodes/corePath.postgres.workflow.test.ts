/**
 * The core path on the Postgres ledger, in-process: the designer's exported workflow with every pack
 * node switched to the Postgres ledger credential — a missed call through the real trigger webhook →
 * gate → sender (first SMS), then the Sequence Scheduler → gate → sender for the next touch, each
 * re-gated, and a second scheduler poll that finds nothing left to send twice.
 */
import type { IDataObject } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { N8N_NODE_NAMES as N } from '../../designer/src/export';
import type { Ledger } from '../../nodes/ledger';
import { closeCachedLedgers, ledgerFromOptions, postgresLedgerOptions } from '../../nodes/shared/ledgerFor';
import { fourTouch } from '../../shared/templates';
import { loadHarness, useFreshUserFolder, type Harness } from './harness';
import { harness as triggerHarness } from './MissedCallTrigger/fakeWebhook';
import { pgForNodeTests, pgLedgerFixture } from './ledger/pgStore';
import { corePathWorkflow, genericTriggerParameters } from './corePathWorkflow';

const available = await pgForNodeTests();
const pgFix = pgLedgerFixture('core_path');
const PG = pgFix.credentials.missedCallPostgresLedgerApi;
const T0 = Date.UTC(2027, 0, 14, 16, 0); // Thu 10:00 Chicago, 11:00 Miami
const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const TOKEN = 'core-path-token';
const iso = (t: number) => new Date(t).toISOString();

let h: Harness;
let ledger: Ledger;

describe.skipIf(!available)('the core path on the Postgres ledger (in-process n8n-core)', () => {
  beforeAll(async () => {
    useFreshUserFolder();
    h = await loadHarness();
    ledger = await ledgerFromOptions(postgresLedgerOptions(PG));
  });
  afterAll(async () => {
    await closeCachedLedgers();
    await pgFix.drop();
  });

  function run(startNode: string, now: number, items?: IDataObject[]) {
    const { nodes, connections } = corePathWorkflow(fourTouch, { ledger: 'postgres', currentTime: iso(now) });
    return h.runWorkflow({ nodes, connections, startNode, ...(items ? { triggerItems: items } : {}), credentials: { missedCallPostgresLedgerApi: PG } });
  }

  it('sends the first SMS at once and the next touch when the scheduler finds it due, each once', async () => {
    const phone = '+13055552901';
    const trigger = triggerHarness(
      genericTriggerParameters(fourTouch, { ledger: 'postgres', token: TOKEN }) as IDataObject,
      { missedCallPostgresLedgerApi: PG },
    );
    try {
      const body = JSON.stringify({ call: { id: `pg-core-${process.pid}`, from: phone, to: '+15125550142', status: 'missed', direction: 'inbound', caller_name: 'Dana Lee' } });
      const { reply, result } = await trigger.call({ rawBody: body, headers: { 'content-type': 'application/json', 'x-webhook-token': TOKEN } }, { currentTime: iso(T0) });
      expect(reply.status).toBe(200);
      const [item] = ((result.workflowData ?? [[]]) as { json: IDataObject }[][])[0]!;
      expect(item!.json.firstTouch).toMatchObject({ stepId: 'sms-first' });
      // the trigger wrote to Postgres: the enrollment and the consent from the call are there
      expect((await ledger.enrollmentsOf(phone)).map((e) => e.status)).toEqual(['active']);
      expect((await ledger.contact(phone))!.consent).toMatchObject({ level: 'informational' });

      const first = await run(N.trigger, T0, [item!.json]);
      expect(first.error).toBeUndefined();
      expect(first.outputs(N.senderNow)[0]).toMatchObject([{ send: { outcome: 'sent', stepId: 'sms-first', provider: 'sandbox', next: { stepId: 'email-next-day' } } }]);

      await ledger.upsertContact({ phone, email: 'dana@example.com', now: T0 });
      const due = await run(N.scheduler, T0 + DAY + MIN);
      expect(due.error).toBeUndefined();
      expect(due.outputs(N.gateDue)[0]).toHaveLength(1);
      expect(due.outputs(N.senderDue)[0]).toMatchObject([{ send: { outcome: 'sent', channel: 'email', stepId: 'email-next-day' } }]);

      const again = await run(N.scheduler, T0 + DAY + 2 * MIN);
      expect(again.outputs(N.senderDue)[0] ?? []).toEqual([]);
      const touches = await ledger.touchesOf((await ledger.enrollmentsOf(phone))[0]!.id);
      expect(touches.filter((t) => t.status === 'sent').map((t) => t.stepId).sort()).toEqual(['email-next-day', 'sms-first']);
      expect(touches.find((t) => t.stepId === 'callback-day-2')).toMatchObject({ status: 'pending' });
    } finally {
      await trigger.cleanup();
    }
  });
});
