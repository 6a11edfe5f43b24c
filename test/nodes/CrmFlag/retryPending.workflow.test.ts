/**
 * CRM Flag "Retry Pending" on a callback step's touch, on both ledgers: once the CRM takes the task,
 * the touch is completed and its sequence moves on in one ledger transaction (completeTouch with
 * `next`). A failure inside that transaction leaves neither (the Scheduler's stranded-touch sweep
 * still moves it on); a second or concurrent run schedules the next step once.
 */
import { expect, it } from 'vitest';
import type { Ledger } from '../../../nodes/ledger';
import { nextAfterTouch } from '../../../nodes/shared/nextAfterTouch';
import { fourTouch } from '../../../shared/templates';
import { enrollCaller } from '../harness/fixtures';
import { describeOnLedgers, type LedgerUse } from '../ledger/describeOnLedgers';
import { failWrites } from '../ledger/failWrites';
import { DAY, DONE, MIN, NOON, RETRY, iso, crmRetryRig } from './crmRetryRig';

const LEASE = 15 * MIN;
const rig = crmRetryRig('+1305556');
const { crm, retry, reports, phone } = rig;

/**
 * A callback step whose task could not be created (HubSpot down), its update recorded as pending:
 * `failed`, as the flag leaves it; `sending`, when the flag died before it recorded the failure.
 */
async function pendingCallback(use: LedgerUse, ledger: Ledger, left: 'failed' | 'sending', template = fourTouch) {
  const p = phone();
  const e = await enrollCaller(ledger, { phone: p, at: NOON - 2 * DAY, dueAt: NOON, stepId: 'callback-day-2', template });
  const item = { touch: { id: e.touch.id, phone: p, enrollmentId: e.enrollment.id }, contact: { phone: p, name: 'Dana Lee' } };
  rig.hs.down();
  const heal = left === 'sending' ? await failWrites(use, { op: 'UPDATE', table: 'touches', column: 'status', value: 'failed' }) : null;
  const r = await crm(use, [item], NOON, { operation: 'callbackTask' }).finally(() => heal?.());
  rig.hs.up();
  if (left === 'failed') expect(reports(r, RETRY)).toMatchObject([{ outcome: 'pending', reason: 'CRM_UNAVAILABLE' }]);
  else expect(r.error?.message).toMatch(/injected fault/);
  expect((await ledger.touch(e.touch.id))?.status).toBe(left);
  const pending = await ledger.auditTrail({ enrollmentId: e.enrollment.id, kinds: ['crm_pending'] });
  expect(pending.map((a) => a.touchId)).toEqual([e.touch.id]);
  expect(rig.hs.tasks).toHaveLength(0);
  return { ...e, key: (pending[0]!.data as { key: string }).key };
}

/** What the Scheduler's two sweeps would still do for this enrollment (nothing, once it moved on). */
async function sweeps(ledger: Ledger, e: { enrollment: { id: string }; touch: { id: string } }, now: number) {
  const settled = await ledger.settleStrandedTouches({ now, sendLeaseMs: LEASE, limit: 1000, next: nextAfterTouch });
  const repaired = await ledger.repairStrandedEnrollments({ now, limit: 1000, next: nextAfterTouch });
  return [...settled.filter((x) => x.touch.id === e.touch.id), ...repaired.filter((x) => x.enrollmentId === e.enrollment.id)];
}

await describeOnLedgers('CRM Flag Retry Pending moves the sequence on atomically', 'crm_retry', (getLedger, use) => {
  it.each(['failed', 'sending'] as const)(
    'completes a callback touch left %s and schedules its next step in the same transaction once the CRM takes the task',
    async (left) => {
      const ledger = getLedger();
      const e = await pendingCallback(use, ledger, left);
      const r = await retry(use, NOON + 10 * MIN);
      expect(r.error).toBeUndefined();
      expect(rig.hs.tasks).toHaveLength(1);
      const touches = await ledger.touchesOf(e.enrollment.id);
      // a touch still sending is completed sent (the task is its message); a failed one stays failed
      expect(touches.map((t) => [t.stepId, t.status])).toEqual([['callback-day-2', left === 'sending' ? 'sent' : 'failed'], ['sms-final', 'pending']]);
      const next = touches[1]!;
      expect(next.dueAt).toBe(Date.parse(e.call.startedAt!) + 6 * DAY);
      expect(reports(r, DONE)).toEqual([
        expect.objectContaining({ outcome: 'done', retried: true, key: e.key, taskId: rig.hs.tasks[0]!.id, next: { touchId: next.id, stepId: 'sms-final', dueAt: iso(next.dueAt) }, enrollmentCompleted: false }),
      ]);
      // the next step is scheduled by the completion itself (`after` the touch), in its transaction
      const audit = await ledger.auditTrail({ enrollmentId: e.enrollment.id });
      const at = audit.findIndex((a) => a.kind === 'touch_scheduled' && a.touchId === next.id);
      expect(audit[at]!.data).toMatchObject({ stepId: 'sms-final', after: e.touch.id });
      if (left === 'sending') {
        expect(audit[at - 1]).toMatchObject({ id: audit[at]!.id - 1, kind: 'touch_completed', touchId: e.touch.id, data: { status: 'sent', providerMessageId: rig.hs.tasks[0]!.id } });
      }
      expect(audit.filter((a) => a.kind === 'crm_resolved').map((a) => [a.touchId, (a.data as { key: string }).key])).toEqual([[e.touch.id, e.key]]);
      // settled with the move-on: neither sweep of the Scheduler has anything left to do for it
      expect(await sweeps(ledger, e, NOON + DAY)).toEqual([]);
    },
  );

  it('completes the enrollment after its last step', async () => {
    const ledger = getLedger();
    const lastIsCallback = { ...fourTouch, id: 'four-touch-no-final', steps: fourTouch.steps.filter((s) => s.id !== 'sms-final') };
    const e = await pendingCallback(use, ledger, 'failed', lastIsCallback);
    const r = await retry(use, NOON + 10 * MIN);
    expect(reports(r, DONE)).toEqual([expect.objectContaining({ outcome: 'done', next: null, enrollmentCompleted: true })]);
    expect(await ledger.enrollment(e.enrollment.id)).toMatchObject({ status: 'completed', endedAt: NOON + 10 * MIN });
    expect(await sweeps(ledger, e, NOON + DAY)).toEqual([]);
  });

  it.each(['failed', 'sending'] as const)(
    'leaves a touch left %s as it was when the transaction fails after the completion: no next step, nothing resolved; the stranded-touch sweep moves it on once',
    async (left) => {
      const ledger = getLedger();
      const e = await pendingCallback(use, ledger, left);
      const before = (await ledger.auditTrail({ enrollmentId: e.enrollment.id })).map((a) => a.id);
      // the next step's insert fails: after the touch's outcome was written, in the same transaction
      const heal = await failWrites(use, { op: 'INSERT', table: 'touches', column: 'step_id', value: 'sms-final' });
      const r = await retry(use, NOON + 10 * MIN).finally(heal);
      expect(r.error?.message).toMatch(/injected fault/);
      expect(rig.hs.tasks).toHaveLength(1); // the CRM took the task before the ledger transaction
      expect((await ledger.touchesOf(e.enrollment.id)).map((t) => [t.stepId, t.status])).toEqual([['callback-day-2', left]]);
      const added = (await ledger.auditTrail({ enrollmentId: e.enrollment.id })).filter((a) => !before.includes(a.id)).map((a) => a.kind);
      expect(added.filter((k) => k !== 'crm_match' && k !== 'crm_update')).toEqual([]);
      expect(await ledger.enrollment(e.enrollment.id)).toMatchObject({ status: 'active' });

      // the update reached the CRM: a later run sends nothing again
      const again = await retry(use, NOON + 20 * MIN);
      expect(again.outputs('CRM').flat()).toEqual([]);
      expect(rig.hs.tasks).toHaveLength(1);
      // the touch still waits for the Scheduler's stranded-touch sweep, which moves it on once
      const moved = await sweeps(ledger, e, NOON + 10 * MIN + LEASE);
      expect(moved.map((x) => [x.touch.id, 'settled' in x ? x.settled : 'repaired', x.sequence.action])).toEqual([
        [e.touch.id, left === 'sending' ? 'outcome_unknown' : 'failed', 'scheduled'],
      ]);
      expect((await ledger.touchesOf(e.enrollment.id)).filter((t) => t.stepId === 'sms-final')).toHaveLength(1);
    },
  );

  it('schedules the next step once when two runs race and when it runs again', async () => {
    const ledger = getLedger();
    const e = await pendingCallback(use, ledger, 'failed');
    const runs = await Promise.all([retry(use, NOON + 10 * MIN), retry(use, NOON + 10 * MIN)]);
    for (const r of runs) expect(r.error).toBeUndefined();
    const next = (await ledger.touchesOf(e.enrollment.id)).filter((t) => t.stepId === 'sms-final');
    expect(next).toHaveLength(1);
    const done = runs.flatMap((r) => reports(r, DONE)).filter((c) => c.key === e.key);
    expect(done.length).toBeGreaterThan(0);
    for (const c of done) expect(c).toMatchObject({ outcome: 'done', next: { touchId: next[0]!.id, stepId: 'sms-final' } });

    const again = await retry(use, NOON + 20 * MIN);
    expect(again.outputs('CRM').flat()).toEqual([]);
    const scheduled = await ledger.auditTrail({ enrollmentId: e.enrollment.id, kinds: ['touch_scheduled'] });
    expect(scheduled.filter((a) => (a.data as { stepId: string }).stepId === 'sms-final')).toHaveLength(1);
    expect(await sweeps(ledger, e, NOON + DAY)).toEqual([]);
  });
});
