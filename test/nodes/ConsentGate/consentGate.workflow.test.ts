import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeOperationError } from 'n8n-workflow';
import { openLedger, type Ledger } from '../../../nodes/ledger';
import { embeddedLedgerFile, loadHarness, useFreshUserFolder, type Harness } from '../harness';
import { AUSTIN, MIAMI, enrollCaller } from '../harness/fixtures';

// Thursday 2027-01-14 20:45 in Miami (EST, UTC−5)
const MIAMI_2045 = Date.UTC(2027, 0, 15, 1, 45);
// Thursday 2027-01-14 12:00 in Miami
const MIAMI_NOON = Date.UTC(2027, 0, 14, 17, 0);
const SEND = 0;
const DEFER = 1;
const BLOCK = 2;
const MANUAL = 3;

let h: Harness;
let ledger: Ledger;

beforeAll(async () => {
  useFreshUserFolder();
  h = await loadHarness();
  ledger = await openLedger({ kind: 'embedded', path: embeddedLedgerFile() });
});
afterAll(async () => {
  await ledger.close();
});

function gate(items: object[], now: number, parameters: Record<string, unknown> = {}) {
  return h.runWorkflow({
    nodes: [{ name: 'Gate', type: 'consentGate', parameters: { currentTime: new Date(now).toISOString(), ...parameters } }],
    connections: [],
    startNode: 'Gate',
    triggerItems: items as never,
  });
}

describe('Consent Gate in a real n8n workflow', () => {
  it('defers a Miami text at 20:45 to 08:00 local and reschedules its touch in the ledger', async () => {
    const { touch } = await enrollCaller(ledger, { phone: MIAMI, at: MIAMI_2045 - 120_000, dueAt: MIAMI_2045 - 60_000 });
    const r = await gate([{ touch: { id: touch.id, phone: MIAMI, enrollmentId: touch.enrollmentId }, step: { channel: 'sms' } }], MIAMI_2045);
    expect(r.error).toBeUndefined();
    const outs = r.outputs('Gate');
    expect(outs.map((o) => o.length)).toEqual([0, 1, 0, 0]);
    const gateOut = outs[DEFER]![0]!.gate as { verdict: string; notBefore: string; reasons: { code: string }[] };
    expect(gateOut.verdict).toBe('defer');
    expect(gateOut.notBefore).toBe('2027-01-15T13:00:00.000Z');
    expect(gateOut.reasons.map((x) => x.code)).toContain('QUIET_HOURS');
    const stored = await ledger.touch(touch.id);
    expect(stored?.status).toBe('pending');
    expect(stored?.dueAt).toBe(Date.UTC(2027, 0, 15, 13, 0));
    const audit = await ledger.auditTrail({ phone: MIAMI, order: 'desc', limit: 5 });
    expect(audit.find((a) => a.kind === 'decision')?.data).toMatchObject({ verdict: 'defer', touchUpdate: 'rescheduled' });
  });

  it('blocks an opted-out contact and marks the touch blocked', async () => {
    const phone = '+13055550177';
    const { touch } = await enrollCaller(ledger, { phone, at: MIAMI_NOON - 120_000 });
    await ledger.recordOptOut(phone, { channel: 'sms', source: 'sms_stop', text: 'STOP', now: MIAMI_NOON - 60_000 });
    const r = await gate([{ touch: { id: touch.id, phone, enrollmentId: touch.enrollmentId }, step: { channel: 'sms' } }], MIAMI_NOON);
    const outs = r.outputs('Gate');
    expect(outs[BLOCK]).toHaveLength(1);
    expect((outs[BLOCK]![0]!.gate as { reasons: { code: string }[] }).reasons.map((x) => x.code)).toContain('OPTED_OUT');
    // the opt-out already cancelled the touch; the gate leaves it so
    expect(outs[BLOCK]![0]!.gateTouchUpdate).toBe('invalid_transition');
    expect((await ledger.touch(touch.id))?.status).toBe('cancelled');
  });

  it('sends a listed high-value number to Manual and marks its claimed touch manual', async () => {
    const phone = '+13055550178';
    const { touch } = await enrollCaller(ledger, { phone, at: MIAMI_NOON - 120_000, dueAt: MIAMI_NOON - 60_000 });
    const [claimed] = await ledger.claimDueTouches({ now: MIAMI_NOON, limit: 50, worker: 'test', leaseMs: 60_000 }).then((ts) => ts.filter((t) => t.id === touch.id));
    expect(claimed?.status).toBe('claimed');
    const r = await gate([{ touch: { id: touch.id, phone, enrollmentId: touch.enrollmentId }, step: { channel: 'sms' } }], MIAMI_NOON, {
      options: { highValueNumbers: '(305) 555-0178\n+15125550000' },
    });
    expect(r.outputs('Gate')[MANUAL]![0]).toMatchObject({ gate: { verdict: 'manual' }, gateTouchUpdate: 'manual', gateSequence: { action: 'manual' } });
    expect((await ledger.touch(touch.id))?.status).toBe('manual');
    // left to a person: the enrollment stays active with no automated step after it, and it is recorded
    expect((await ledger.enrollment(touch.enrollmentId))?.status).toBe('active');
    expect((await ledger.touchesOf(touch.enrollmentId)).map((t) => t.stepId)).toEqual(['sms-first']);
    const audit = await ledger.auditTrail({ enrollmentId: touch.enrollmentId, order: 'desc', limit: 10 });
    expect(audit.find((x) => x.kind === 'manual_review')).toMatchObject({ touchId: touch.id, data: { stepId: 'sms-first', reasons: ['HIGH_VALUE_ACCOUNT'] } });
  });

  it.each([
    ['a landline (LANDLINE_SMS)', '+13055550181', { lineType: 'landline' }, {}, 'LANDLINE_SMS'],
    ['marketing content without written consent (MARKETING_NEEDS_*)', '+13055550182', {}, { classification: 'marketing' }, 'MARKETING_NEEDS_'],
  ])('blocks an SMS to %s for that message only: the touch is blocked and the sequence goes on with its next step', async (_, phone, extra, params, code) => {
    const at = MIAMI_NOON - 120_000;
    const { touch, call } = await enrollCaller(ledger, { phone, at, dueAt: MIAMI_NOON - 60_000 });
    const r = await gate([{ touch: { id: touch.id, phone, enrollmentId: touch.enrollmentId }, step: { channel: 'sms' }, ...extra }], MIAMI_NOON, params);
    expect(r.error).toBeUndefined();
    const out = r.outputs('Gate')[BLOCK]![0]!;
    expect((out.gate as { reasons: { code: string }[] }).reasons.map((x) => x.code).join()).toContain(code);
    expect((await ledger.touch(touch.id))?.status).toBe('blocked');
    const next = (await ledger.touchesOf(touch.enrollmentId)).find((t) => t.stepId === 'email-next-day');
    const dueAt = Date.parse(call.startedAt!) + 24 * 3_600_000;
    expect(next).toMatchObject({ status: 'pending', dueAt, channel: 'email' });
    expect(out.gateSequence).toEqual({
      action: 'continued',
      next: { touchId: next!.id, stepId: 'email-next-day', dueAt: new Date(dueAt).toISOString() },
      enrollmentCompleted: false,
    });
    expect((await ledger.enrollment(touch.enrollmentId))?.status).toBe('active');
    // one ledger transaction: the block and the next step, which is scheduled `after` the touch
    const audit = await ledger.auditTrail({ enrollmentId: touch.enrollmentId });
    const completed = audit.findIndex((a) => a.kind === 'touch_completed' && a.touchId === touch.id);
    expect(audit[completed + 1]).toMatchObject({ id: audit[completed]!.id + 1, kind: 'touch_scheduled', touchId: next!.id, data: { after: touch.id } });
  });

  it('ends the enrollment on a contact-level block in the same transaction, cancelling its other open touches', async () => {
    const phone = '+13055550183';
    const { touch } = await enrollCaller(ledger, { phone, at: MIAMI_NOON - 120_000, dueAt: MIAMI_NOON - 60_000 });
    const other = await ledger.scheduleTouch({ enrollmentId: touch.enrollmentId, stepId: 'email-next-day', dueAt: MIAMI_NOON + 3_600_000, channel: 'email', now: MIAMI_NOON - 60_000 });
    const r = await gate([{ touch: { id: touch.id, phone, enrollmentId: touch.enrollmentId }, step: { channel: 'sms' } }], MIAMI_NOON, { consentOverride: 'none' });
    expect(r.outputs('Gate')[BLOCK]![0]!.gateSequence).toEqual({ action: 'ended', reason: 'gate_block:NO_CONSENT' });
    expect(await ledger.enrollment(touch.enrollmentId)).toMatchObject({ status: 'exited', endReason: 'gate_block:NO_CONSENT' });
    expect((await ledger.touch(other.id))?.status).toBe('cancelled');
    const audit = await ledger.auditTrail({ enrollmentId: touch.enrollmentId });
    const completed = audit.findIndex((a) => a.kind === 'touch_completed' && a.touchId === touch.id);
    expect(audit[completed + 1]).toMatchObject({ id: audit[completed]!.id + 1, kind: 'enrollment_exited', data: { reason: 'gate_block:NO_CONSENT' } });
  });

  it('ends the enrollment when the block concerns the contact (NO_CONSENT): no further step is scheduled', async () => {
    const phone = '+13055550179';
    const { touch } = await enrollCaller(ledger, { phone, at: MIAMI_NOON - 120_000, dueAt: MIAMI_NOON - 60_000 });
    const r = await gate([{ touch: { id: touch.id, phone, enrollmentId: touch.enrollmentId }, step: { channel: 'sms' } }], MIAMI_NOON, {
      consentOverride: 'none',
    });
    const out = r.outputs('Gate')[BLOCK]![0]!;
    expect((out.gate as { reasons: { code: string }[] }).reasons.map((x) => x.code)).toContain('NO_CONSENT');
    expect(out.gateSequence).toEqual({ action: 'ended', reason: 'gate_block:NO_CONSENT' });
    expect(await ledger.enrollment(touch.enrollmentId)).toMatchObject({ status: 'exited', endReason: 'gate_block:NO_CONSENT' });
    expect((await ledger.touchesOf(touch.enrollmentId)).map((t) => [t.stepId, t.status])).toEqual([['sms-first', 'blocked']]);
  });

  it('judges a callback task as a voice call: deferred at 20:45 in Miami', async () => {
    const r = await gate([{ touch: { phone: MIAMI }, step: { channel: 'callback_task' } }], MIAMI_2045);
    expect(r.outputs('Gate')[DEFER]![0]!.gate).toMatchObject({ verdict: 'defer', notBefore: '2027-01-15T13:00:00.000Z' });
  });

  it('reads a Current Time without offset in the workflow time zone', async () => {
    const r = await h.runWorkflow({
      nodes: [{ name: 'Gate', type: 'consentGate', parameters: { currentTime: '2027-01-14T20:45:00' } }],
      connections: [],
      startNode: 'Gate',
      timezone: 'America/New_York',
      triggerItems: [{ touch: { phone: MIAMI }, step: { channel: 'sms' } }],
    });
    expect(r.outputs('Gate')[DEFER]).toHaveLength(1);
  });

  it('puts an item that fails on the Block output with its error when the node continues on fail', async () => {
    await ledger.recordConsent(AUSTIN, 'informational', 'inbound_call', MIAMI_NOON - 3_600_000);
    const r = await h.runWorkflow({
      nodes: [{ name: 'Gate', type: 'consentGate', onError: 'continueRegularOutput', parameters: { currentTime: new Date(MIAMI_NOON).toISOString() } }],
      connections: [],
      startNode: 'Gate',
      triggerItems: [{ touch: { phone: AUSTIN } }, { touch: { phone: AUSTIN }, step: { channel: 'sms' } }],
    });
    expect(r.error).toBeUndefined();
    const outs = r.outputs('Gate');
    expect(outs[BLOCK]![0]!.error, JSON.stringify(outs)).toMatch(/no channel/);
    expect(outs[SEND], JSON.stringify(outs)).toHaveLength(1);
  });

  it.each([
    ['a landline reported by the carrier lookup', BLOCK, 'LANDLINE_SMS', { call: { from: AUSTIN }, step: { channel: 'sms' }, lineType: 'landline' }],
    ['a number that does not parse', BLOCK, 'INVALID_NUMBER', { call: { from: '12' }, step: { channel: 'sms' } }],
    ['a contact without consent on record', BLOCK, 'NO_CONSENT', { call: { from: '+15125550999' }, step: { channel: 'sms' } }],
    ['a high-value account flagged on the item', MANUAL, 'HIGH_VALUE_ACCOUNT', { call: { from: AUSTIN }, step: { channel: 'sms' }, highValueAccount: true }],
    ['an Austin text at 11:00 local with consent', SEND, 'ALLOWED', { call: { from: AUSTIN }, step: { channel: 'sms' } }],
    ['a marketing text with only informational consent', BLOCK, 'MARKETING_NEEDS_WRITTEN_CONSENT', { call: { from: AUSTIN }, step: { channel: 'sms' }, template: { classification: 'marketing' } }],
  ])('routes %s to output %i with %s', async (_name, output, code, item) => {
    await ledger.recordConsent(AUSTIN, 'informational', 'inbound_call', MIAMI_NOON - 3_600_000);
    const r = await gate([item], MIAMI_NOON);
    expect(r.error).toBeUndefined();
    const outs = r.outputs('Gate');
    expect(outs[output]).toHaveLength(1);
    expect((outs[output]![0]!.gate as { reasons: { code: string }[] }).reasons.map((x) => x.code)).toContain(code);
  });

  it('sends a notify-agent step without judging it', async () => {
    const r = await gate([{ call: { from: '+15125550998' }, step: { channel: 'notify_agent' } }], MIAMI_2045);
    expect(r.outputs('Gate')[SEND]![0]!.gate).toMatchObject({ verdict: 'send', internal: true });
  });

  it('stops the workflow with a NodeOperationError naming the item when the phone is empty', async () => {
    const r = await gate([{ call: { from: AUSTIN } }, { call: { from: '' } }], MIAMI_NOON, { channel: 'sms' });
    expect(r.error?.name).toBe(new NodeOperationError({ name: 'x' } as never, 'x').name);
    expect(r.error?.message).toMatch(/Phone parameter is empty/);
    expect((r.error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(1);
  });
});

describe('Consent Gate: a High-Value Numbers entry that is no number', () => {
  it('stops with an error naming the entry’s position (masked), instead of dropping it and texting that account', async () => {
    const r = await gate([{ touch: { phone: '+13055550179' }, step: { channel: 'sms' } }], MIAMI_NOON, { options: { highValueNumbers: '(305) 555-0178\n305 555 01' } });
    expect(r.error?.message).toMatch(/^High-Value Numbers: entry 2 \(".*"\) is not a phone number\.$/);
    expect(r.error?.message).not.toContain('555 01');
  });
});
