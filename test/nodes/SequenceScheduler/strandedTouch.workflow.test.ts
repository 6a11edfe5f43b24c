/**
 * A touch whose send outcome is unknown (the sender was killed between the provider call and
 * completeTouch, so it stays `sending`) does not strand its enrollment: after the Send Outcome
 * Lease the Scheduler's poll closes it as failed/outcome unknown (audited, never re-sent) and the
 * sequence moves on; the next step is emitted once it is due.
 */
import { describeOnLedgers } from '../ledger/describeOnLedgers';
import { expect, it } from 'vitest';
import { OUTCOME_UNKNOWN, type Ledger } from '../../../nodes/ledger';
import { enrollCaller } from '../harness/fixtures';
import { HOUR, MIN, NOON, schedulerRig, type Poll } from './schedulerRig';

const { nextPhone, pollWith } = schedulerRig('+1305556');
const items = (r: Awaited<ReturnType<Poll>>) => r.outputs('Scheduler')[0] ?? [];

function strandedTouchTests(getLedger: () => Ledger, poll: Poll) {
  it('closes a touch left sending past the lease as outcome unknown, then emits the next step when it is due', async () => {
    const ledger = getLedger();
    const phone = nextPhone();
    const callAt = NOON;
    const { touch, enrollment, call } = await enrollCaller(ledger, { phone, at: callAt, dueAt: callAt + MIN });
    const claimed = await poll(callAt + MIN);
    expect(items(claimed).map((j) => (j.touch as { id: string }).id)).toEqual([touch.id]);
    // the sender said go and was killed before completeTouch
    expect(await ledger.beginSend(touch.id, 'crashed-sender', callAt + MIN + 1000)).toBe('go');

    const early = await poll(callAt + MIN + 1000 + 15 * MIN - 1);
    expect(early.error).toBeUndefined();
    expect(items(early)).toEqual([]);
    expect((await ledger.touch(touch.id))!.status).toBe('sending');

    const settled = await poll(callAt + MIN + 1000 + 15 * MIN);
    expect(settled.error).toBeUndefined();
    expect(items(settled)).toEqual([]); // the next step (email, +24 h from the call) is not due yet
    expect(await ledger.touch(touch.id)).toMatchObject({ status: 'failed', reason: OUTCOME_UNKNOWN, detail: { outcome: 'unknown' } });
    const audit = await ledger.auditTrail({ enrollmentId: enrollment.id, kinds: ['touch_outcome_unknown'] });
    expect(audit.map((a) => [a.touchId, (a.data as { idempotencyKey: string }).idempotencyKey])).toEqual([[touch.id, 'crashed-sender']]);
    const next = (await ledger.touchesOf(enrollment.id)).filter((t) => t.id !== touch.id);
    expect(next.map((t) => [t.stepId, t.status, t.dueAt])).toEqual([['email-next-day', 'pending', Date.parse(call.startedAt!) + 24 * HOUR]]);

    const due = await poll(callAt + 24 * HOUR);
    expect(items(due).map((j) => (j.touch as { stepId: string; enrollmentId: string }).stepId)).toEqual(['email-next-day']);
    expect(await ledger.beginSend(touch.id, 'retry', callAt + 24 * HOUR)).toBe('stopped'); // never re-sent
  });

  it('settles once and emits the already-due next step once when two polls race after the lease', async () => {
    const ledger = getLedger();
    const phone = nextPhone();
    const callAt = NOON + HOUR;
    const { touch, enrollment } = await enrollCaller(ledger, { phone, at: callAt, dueAt: callAt + MIN });
    await ledger.claimDueTouches({ now: callAt + MIN, limit: 1, worker: 'crashed', leaseMs: 10 * MIN });
    expect(await ledger.beginSend(touch.id, 'k', callAt + MIN)).toBe('go');
    const at = callAt + 24 * HOUR + MIN; // past the lease and past the next step's due instant
    const runs = await Promise.all([poll(at, { sendLeaseMinutes: 30 }), poll(at, { sendLeaseMinutes: 30 })]);
    for (const r of runs) expect(r.error).toBeUndefined();
    const emitted = runs.flatMap(items).map((j) => j.touch as { stepId: string; enrollmentId: string });
    expect(emitted.filter((t) => t.enrollmentId === enrollment.id).map((t) => t.stepId)).toEqual(['email-next-day']);
    expect(await ledger.auditTrail({ enrollmentId: enrollment.id, kinds: ['touch_outcome_unknown'] })).toHaveLength(1);
  });
}

await describeOnLedgers('Sequence Scheduler settles stranded touches', 'sched_stranded', (ledger, use) => strandedTouchTests(ledger, pollWith({ credentials: use.credentials }, use.params)));
