/**
 * CRM Flag "Retry Pending" claims each pending update with a lease, on both ledgers: pending records
 * are found by kind however busy the audit log is, concurrent runs send each update once, and a run
 * that dies holding a lease leaves the update to the first run after the lease ran out, and an update
 * the CRM rejected (4xx) on a retry is not sent again.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, it } from 'vitest';
import { RETRY_LEASE_MIN_MS } from '../../../nodes/CrmFlag/retryLease';
import type { Ledger } from '../../../nodes/ledger';
import { enrollCaller } from '../harness/fixtures';
import { bulkAudit } from '../ledger/bulkAudit';
import { describeOnLedgers, type LedgerUse } from '../ledger/describeOnLedgers';
import { failWrites } from '../ledger/failWrites';
import { DAY, DONE, HOUR, MIN, NOON, RETRY, crmRetryRig } from './crmRetryRig';

const rig = crmRetryRig('+1305557');
const { crm, retry, reports, phone } = rig;
/** Task creations HubSpot took since request `from` of its log. */
const taskPosts = (from: number) => rig.hs.requests.slice(from).filter((q) => q.method === 'POST' && q.path === '/crm/v3/objects/tasks' && q.status < 300);

/** A callback step whose task could not be created (HubSpot down): its update is recorded as pending. */
async function pendingCallback(use: LedgerUse, ledger: Ledger) {
  const p = phone();
  const e = await enrollCaller(ledger, { phone: p, at: NOON - 2 * DAY, dueAt: NOON, stepId: 'callback-day-2' });
  const item = { touch: { id: e.touch.id, phone: p, enrollmentId: e.enrollment.id }, contact: { phone: p, name: 'Dana Lee' } };
  rig.hs.down();
  const r = await crm(use, [item], NOON, { operation: 'callbackTask' });
  rig.hs.up();
  expect(reports(r, RETRY)).toMatchObject([{ outcome: 'pending', reason: 'CRM_UNAVAILABLE' }]);
  const [pending] = await ledger.auditTrail({ enrollmentId: e.enrollment.id, kinds: ['crm_pending'] });
  return { ...e, key: (pending!.data as { key: string }).key };
}

await describeOnLedgers('CRM Flag Retry Pending leases each pending update', 'crm_lease', (getLedger, use) => {
  it('re-sends a pending update recorded after more than 10,000 other audit entries in the look-back window', async () => {
    const ledger = getLedger();
    // a busy contact center: sends and CRM updates of other calls, all in the window, before the pending one
    await bulkAudit(use, { count: 6_000, kind: 'begin_send', at: NOON - HOUR });
    await bulkAudit(use, { count: 4_500, kind: 'crm_update', at: NOON - HOUR, keyPrefix: 'crm:callbackTask:other-' });
    const e = await pendingCallback(use, ledger);
    const from = rig.hs.requests.length;
    const r = await retry(use, NOON + 10 * MIN);
    expect(r.error).toBeUndefined();
    expect(reports(r, DONE)).toEqual([expect.objectContaining({ outcome: 'done', retried: true, key: e.key, taskId: rig.hs.tasks[0]?.id })]);
    expect(taskPosts(from)).toHaveLength(1);
    // resolved: the next run has nothing to send
    expect((await retry(use, NOON + 20 * MIN)).outputs('CRM').flat()).toEqual([]);
    expect(rig.hs.tasks).toHaveLength(1);
  });

  it('sends each pending update once when three Retry Pending runs race', async () => {
    const ledger = getLedger();
    const es = [await pendingCallback(use, ledger), await pendingCallback(use, ledger), await pendingCallback(use, ledger)];
    const from = rig.hs.requests.length;
    const runs = await Promise.all([retry(use, NOON + 10 * MIN), retry(use, NOON + 10 * MIN), retry(use, NOON + 10 * MIN)]);
    for (const r of runs) expect(r.error).toBeUndefined();
    expect(taskPosts(from)).toHaveLength(3);
    expect(rig.hs.tasks).toHaveLength(3);
    expect(runs.flatMap((r) => reports(r, DONE)).map((c) => [c.outcome, c.key]).sort()).toEqual(es.map((e) => ['done', e.key]).sort());
    expect(runs.flatMap((r) => reports(r, RETRY))).toEqual([]);
    // each sequence moved on once
    for (const e of es) expect((await ledger.touchesOf(e.enrollment.id)).filter((t) => t.stepId === 'sms-final')).toHaveLength(1);
    expect((await retry(use, NOON + 20 * MIN)).outputs('CRM').flat()).toEqual([]);
  });

  it('leaves an update claimed by a run that died to its lease: sent by the first run after it ran out, once; a retry that fails again is given back at once', async () => {
    const ledger = getLedger();
    const e = await pendingCallback(use, ledger);
    const from = rig.hs.requests.length;
    const claimedAt = NOON + 10 * MIN;
    // the run dies right after its claim: its lease is neither renewed nor given back
    const heal = await failWrites(use, { op: 'UPDATE', table: 'retry_leases', column: 'key', value: e.key });
    const died = await retry(use, claimedAt).finally(heal);
    expect(died.error?.message).toMatch(/injected fault/);
    // while the lease runs, other runs leave the update alone. A run's lease instants are its current time
    // plus the real time it has run (router: clock()), so each instant here keeps a minute clear of the
    // lease's end: under a loaded machine a run's first claim comes some milliseconds after it starts
    const MARGIN = MIN;
    const during = await retry(use, claimedAt + RETRY_LEASE_MIN_MS - MARGIN);
    expect(during.outputs('CRM').flat()).toEqual([]);
    expect(rig.hs.requests.length).toBe(from);
    // it ran out: the next run re-sends it, but HubSpot is down again; the failed retry gives the lease back
    rig.hs.down();
    const failed = await retry(use, claimedAt + RETRY_LEASE_MIN_MS + MARGIN);
    rig.hs.up();
    expect(reports(failed, RETRY)).toEqual([expect.objectContaining({ outcome: 'pending', retried: true, key: e.key })]);
    // so a run a minute later (well within a lease) sends it, once
    const sent = await retry(use, claimedAt + RETRY_LEASE_MIN_MS + MARGIN + MIN);
    expect(reports(sent, DONE)).toEqual([expect.objectContaining({ outcome: 'done', retried: true, key: e.key })]);
    expect(taskPosts(from)).toHaveLength(1);
    expect(rig.hs.tasks).toHaveLength(1);
    expect((await retry(use, claimedAt + 2 * RETRY_LEASE_MIN_MS)).outputs('CRM').flat()).toEqual([]);
  });
});

await describeOnLedgers('CRM Flag Retry Pending stops at a rejection', 'crm_reject', (getLedger, use) => {
  it('does not send an update again once the CRM rejected its retry (4xx): the rejection ends it', async () => {
    const ledger = getLedger();
    // a generic-webhook CRM that is down (503), then rejects the update (422)
    let status = 503;
    const got: string[] = [];
    const server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      req.on('end', () => {
        got.push(raw);
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(status < 300 ? JSON.stringify({ contactId: 'c-1', taskId: 't-1' }) : JSON.stringify({ message: status === 422 ? 'owner unknown' : 'down' }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    const run = (items: object[], now: number, parameters: Record<string, unknown>) =>
      crm(use, items, now, { provider: 'webhook', webhookUrl: url, ...parameters }, { missedCallWebhookSecret: { secret: 'whsec-reject-1' } });
    try {
      const p = phone();
      const e = await enrollCaller(ledger, { phone: p, at: NOON - 2 * DAY, dueAt: NOON, stepId: 'callback-day-2' });
      const first = await run([{ touch: { id: e.touch.id, phone: p, enrollmentId: e.enrollment.id }, contact: { phone: p, name: 'Dana Lee' } }], NOON, { operation: 'callbackTask' });
      expect(reports(first, RETRY)).toMatchObject([{ outcome: 'pending', reason: 'CRM_UNAVAILABLE' }]);
      status = 422;
      const rejected = await run([{}], NOON + 10 * MIN, { operation: 'retryPending' });
      expect(reports(rejected, RETRY)).toMatchObject([{ outcome: 'failed', reason: 'CRM_REJECTED', retried: true }]);
      const sentBefore = got.length;
      // later runs, the CRM fixed or not, leave the rejected update alone
      expect((await run([{}], NOON + 20 * MIN, { operation: 'retryPending' })).outputs('CRM').flat()).toEqual([]);
      status = 200;
      expect((await run([{}], NOON + 2 * HOUR, { operation: 'retryPending' })).outputs('CRM').flat()).toEqual([]);
      expect(got.length).toBe(sentBefore);
      expect(await ledger.auditTrail({ enrollmentId: e.enrollment.id, kinds: ['crm_failed'] })).toHaveLength(1);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});
