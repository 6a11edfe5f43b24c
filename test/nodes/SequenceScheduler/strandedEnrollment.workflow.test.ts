/**
 * An enrollment stranded by a completion that did not move its sequence on (a crash between the
 * completion and the next step, before completions moved on atomically) is repaired by the
 * Scheduler's poll: its next step is scheduled once, even when two polls race, and emitted when due.
 * Enrollments with an open touch, or handed to a person (Manual), are left alone.
 */
import { describeOnLedgers } from '../ledger/describeOnLedgers';
import { expect, it } from 'vitest';
import { type Ledger } from '../../../nodes/ledger';
import { enrollCaller } from '../harness/fixtures';
import { HOUR, MIN, NOON, schedulerRig, type Poll } from './schedulerRig';

const { nextPhone, pollWith } = schedulerRig('+1305557');
const emitted = (r: Awaited<ReturnType<Poll>>) => (r.outputs('Scheduler')[0] ?? []).map((j) => j.touch as { id: string; stepId: string; enrollmentId: string });

function strandedEnrollmentTests(getLedger: () => Ledger, poll: Poll) {
  it('repairs a stranded enrollment once across two racing polls, audited, and emits its next step when due', async () => {
    const ledger = getLedger();
    const callAt = NOON;
    const { touch, enrollment, call } = await enrollCaller(ledger, { phone: nextPhone(), at: callAt, dueAt: callAt + MIN });
    expect(await ledger.beginSend(touch.id, 'k', callAt + MIN)).toBe('go');
    await ledger.completeTouch(touch.id, { status: 'sent', provider: 'twilio', now: callAt + MIN }); // …and the sender died here

    const runs = await Promise.all([poll(callAt + 2 * MIN), poll(callAt + 2 * MIN)]);
    for (const r of runs) expect(r.error).toBeUndefined();
    const touches = await ledger.touchesOf(enrollment.id);
    expect(touches.map((t) => [t.stepId, t.status, t.dueAt])).toEqual([
      ['sms-first', 'sent', callAt + MIN],
      ['email-next-day', 'pending', Date.parse(call.startedAt!) + 24 * HOUR],
    ]);
    const audit = await ledger.auditTrail({ enrollmentId: enrollment.id, kinds: ['sequence_repaired'] });
    expect(audit.map((a) => [a.touchId, (a.data as { action: string }).action])).toEqual([[touch.id, 'scheduled']]);

    const due = await poll(callAt + 24 * HOUR);
    expect(emitted(due).filter((t) => t.enrollmentId === enrollment.id).map((t) => t.stepId)).toEqual(['email-next-day']);
    expect(await ledger.auditTrail({ enrollmentId: enrollment.id, kinds: ['sequence_repaired'] })).toHaveLength(1);
  });

  it('leaves alone an enrollment with an open touch and one handed to a person; ends one the gate blocked for the contact', async () => {
    const ledger = getLedger();
    const at = NOON + HOUR;
    const open = await enrollCaller(ledger, { phone: nextPhone(), at, dueAt: at + MIN });
    await ledger.completeTouch(open.touch.id, { status: 'skipped', now: at + MIN });
    const later = await ledger.scheduleTouch({ enrollmentId: open.enrollment.id, stepId: 'email-next-day', dueAt: at + 24 * HOUR, channel: 'email', now: at + MIN });
    const manual = await enrollCaller(ledger, { phone: nextPhone(), at, dueAt: at + MIN });
    await ledger.completeTouch(manual.touch.id, { status: 'manual', detail: { reasons: ['HIGH_VALUE_ACCOUNT'] }, now: at + MIN });
    const contact = await enrollCaller(ledger, { phone: nextPhone(), at, dueAt: at + MIN });
    await ledger.completeTouch(contact.touch.id, { status: 'blocked', detail: { reasons: ['NO_CONSENT'] }, now: at + MIN });

    const r = await poll(at + 2 * MIN);
    expect(r.error).toBeUndefined();
    expect((await ledger.touchesOf(open.enrollment.id)).map((t) => t.id)).toEqual([open.touch.id, later.id]);
    expect(await ledger.enrollment(manual.enrollment.id)).toMatchObject({ status: 'active' });
    expect((await ledger.touchesOf(manual.enrollment.id)).map((t) => t.status)).toEqual(['manual']);
    expect(await ledger.enrollment(contact.enrollment.id)).toMatchObject({ status: 'exited', endReason: 'gate_block:NO_CONSENT' });
    expect((await ledger.touchesOf(contact.enrollment.id)).map((t) => t.status)).toEqual(['blocked']);
    const ids = [open.enrollment.id, manual.enrollment.id, contact.enrollment.id];
    const audit = (await ledger.auditTrail({ kinds: ['sequence_repaired'] })).filter((a) => ids.includes(a.enrollmentId!));
    expect(audit.map((a) => a.enrollmentId)).toEqual([contact.enrollment.id]);
  });

  it('skips a claimed touch whose stored template is unreadable and ends its enrollment in the same transaction', async () => {
    const ledger = getLedger();
    const at = NOON + 2 * HOUR;
    const phone = nextPhone();
    const r = await ledger.enroll({
      templateId: 'broken',
      templateHash: 'x',
      template: { id: 'broken' },
      phone,
      callId: `broken-${phone}`,
      callEvent: null,
      reentry: { policy: 'after_completion' },
      firstSteps: [{ stepId: 'sms-first', dueAt: at, channel: 'sms' }],
      now: at,
    });
    if (!r.created) throw new Error(r.reason);
    const out = await poll(at + MIN);
    expect(out.error).toBeUndefined();
    expect(emitted(out).filter((t) => t.enrollmentId === r.enrollment.id)).toEqual([]);
    expect((await ledger.touchesOf(r.enrollment.id)).map((t) => [t.status, (t.detail as { reason: string }).reason])).toEqual([['skipped', 'template_invalid']]);
    expect(await ledger.enrollment(r.enrollment.id)).toMatchObject({ status: 'exited', endReason: 'template_invalid' });
  });
}

await describeOnLedgers('Sequence Scheduler repairs stranded enrollments', 'sched_repair', (ledger, use) => strandedEnrollmentTests(ledger, pollWith({ credentials: use.credentials }, use.params)));
