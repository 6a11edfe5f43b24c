/**
 * The Consent Gate uses the contact's carrier line type on record in the ledger (the trigger's Twilio
 * Lookup) when the item states none, on both ledgers: an SMS touch to a stored landline is blocked
 * (LANDLINE_SMS, for that message only: the sequence goes on with its email step) while email and
 * callback touches go out; a record 30 days old or older is ignored; an item's line type wins.
 */
import { beforeAll, expect, it } from 'vitest';
import { DAY_MS, type Ledger } from '../../../nodes/ledger';
import { loadHarness, type Harness } from '../harness';
import { enrollCaller } from '../harness/fixtures';
import { describeOnLedgers, type LedgerUse } from '../ledger/describeOnLedgers';

// Thursday 2027-01-14 12:00 in Miami
const NOON = Date.UTC(2027, 0, 14, 17, 0);
const [SEND, , BLOCK] = [0, 1, 2];

let h: Harness;
beforeAll(async () => {
  h = await loadHarness();
});

let n = 0;
const phone = () => `+1305555${String(4100 + ++n)}`;

function gate(use: LedgerUse, items: object[], now = NOON) {
  return h.runWorkflow({
    nodes: [{ name: 'Gate', type: 'consentGate', parameters: { currentTime: new Date(now).toISOString(), ...use.params } }],
    connections: [],
    startNode: 'Gate',
    triggerItems: items as never,
    credentials: use.credentials,
  });
}

/** A caller enrolled in the four-touch template, its first touch (SMS) due, its line type recorded `ageMs` before NOON. */
async function caller(ledger: Ledger, type: string, ageMs: number) {
  const p = phone();
  const e = await enrollCaller(ledger, { phone: p, at: NOON - 120_000, dueAt: NOON - 60_000 });
  await ledger.recordCarrierLineType(p, { type, source: 'twilio_lookup', now: NOON - ageMs });
  const item = (channel: string, extra: object = {}) => ({ touch: { id: e.touch.id, phone: p, enrollmentId: e.touch.enrollmentId }, step: { channel }, ...extra });
  return { ...e, phone: p, item };
}

const codes = (out: Record<string, unknown>) => (out.gate as { reasons: { code: string }[] }).reasons.map((r) => r.code);

await describeOnLedgers('Consent Gate reads the carrier line type on record', 'gate_line_type', (getLedger, use) => {
  it('blocks an SMS touch to a stored landline (LANDLINE_SMS) and goes on with the email step, which is sent', async () => {
    const ledger = getLedger();
    const c = await caller(ledger, 'landline', 10 * DAY_MS);
    const r = await gate(use, [c.item('sms')]);
    expect(r.error).toBeUndefined();
    const out = r.outputs('Gate')[BLOCK]![0]!;
    expect(codes(out)).toEqual(['LANDLINE_SMS']);
    expect((await ledger.touch(c.touch.id))?.status).toBe('blocked');
    const next = (await ledger.touchesOf(c.enrollment.id)).find((t) => t.stepId === 'email-next-day')!;
    expect(out.gateSequence).toMatchObject({ action: 'continued', next: { touchId: next.id, stepId: 'email-next-day' } });
    expect((await ledger.enrollment(c.enrollment.id))?.status).toBe('active');
    const [decision] = await ledger.auditTrail({ enrollmentId: c.enrollment.id, kinds: ['decision'] });
    expect(decision?.data).toMatchObject({
      verdict: 'block',
      lineType: { type: 'landline', from: 'ledger', carrier: 'landline', source: 'twilio_lookup', learnedAt: new Date(NOON - 10 * DAY_MS).toISOString() },
    });

    // the email touch of the same sequence, the next day at noon, goes out; so does a callback task
    const email = await gate(use, [{ touch: { id: next.id, phone: c.phone, enrollmentId: c.enrollment.id }, step: { channel: 'email' } }], NOON + DAY_MS);
    expect(email.outputs('Gate')[SEND]!.map(codes)).toEqual([['ALLOWED']]);
    const callback = await gate(use, [{ touch: { phone: c.phone }, step: { channel: 'callback_task' } }]);
    expect(callback.outputs('Gate')[SEND]).toHaveLength(1);
  });

  it('ignores a stored line type 30 days old or older: the SMS goes out, judged on the number alone', async () => {
    const ledger = getLedger();
    for (const age of [30 * DAY_MS, 31 * DAY_MS]) {
      const c = await caller(ledger, 'landline', age);
      const r = await gate(use, [c.item('sms')]);
      expect(r.outputs('Gate')[SEND]!.map(codes)).toEqual([['ALLOWED']]);
      const decisions = (await ledger.auditTrail({ phone: c.phone, order: 'desc', limit: 5 })).filter((a) => a.kind === 'decision');
      expect(decisions[0]?.data).toMatchObject({ lineType: { type: 'unknown', from: 'number' } });
    }
    // a minute younger than 30 days, the same record blocks
    const young = await caller(ledger, 'landline', 30 * DAY_MS - 60_000);
    expect((await gate(use, [young.item('sms')])).outputs('Gate')[BLOCK]!.map(codes)).toEqual([['LANDLINE_SMS']]);
  });

  it('an item field still wins over the stored line type; an item saying unknown does not', async () => {
    const ledger = getLedger();
    const landline = await caller(ledger, 'landline', DAY_MS);
    const toMobile = await gate(use, [landline.item('sms', { lineType: 'mobile' })]);
    expect(toMobile.outputs('Gate')[SEND]!.map(codes)).toEqual([['ALLOWED']]);
    const decision = (await ledger.auditTrail({ phone: landline.phone, order: 'desc', limit: 5 })).find((a) => a.kind === 'decision');
    expect(decision?.data).toMatchObject({ lineType: { type: 'mobile', from: 'item', field: 'lineType', carrier: 'mobile' } });

    const mobile = await caller(ledger, 'mobile', DAY_MS);
    expect((await gate(use, [mobile.item('sms', { lineType: 'landline' })])).outputs('Gate')[BLOCK]!.map(codes)).toEqual([['LANDLINE_SMS']]);

    const unknown = await caller(ledger, 'landline', DAY_MS);
    expect((await gate(use, [unknown.item('sms', { lineType: 'unknown' })])).outputs('Gate')[BLOCK]!.map(codes)).toEqual([['LANDLINE_SMS']]);
  });
});
