/**
 * The template's "Consent required" (`consent.required`) at run time: the trigger's Enrolled item and
 * the scheduler's items carry it, and the Consent Gate blocks a contact whose consent is below it —
 * on the first touch (trigger → gate, hand-built, Classification "From Item") and on scheduled
 * touches — until the consent is recorded.
 */
import type { IDataObject } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ledger } from '../../../nodes/ledger';
import type { SequenceTemplate } from '../../../shared/schema';
import { fourTouch } from '../../../shared/templates';
import type { Harness } from '../harness';
import { schedulerToGate } from './schedulerToGate';
import { startFirstTouchRig, type FirstTouchRig } from './firstTouchRig';

// Thursday 2027-01-14 10:00 in Chicago; the callers are New York numbers (federal 08:00–21:00 only)
const T0 = Date.UTC(2027, 0, 14, 16, 0);
const HOUR = 3_600_000;
const [SEND, , BLOCK] = [0, 1, 2];

const writtenTemplate: SequenceTemplate = { ...fourTouch, id: 'four-touch-written', consent: { required: 'written' } };
const marketingTemplate: SequenceTemplate = { ...fourTouch, id: 'four-touch-marketing', classification: 'marketing', consent: { required: 'written' } };

let rig: FirstTouchRig;
let h: Harness;
let ledger: Ledger;

beforeAll(async () => {
  rig = await startFirstTouchRig('required');
  ({ h, ledger } = rig);
});
afterAll(async () => rig.stop());

const deliver = (template: SequenceTemplate, phone: string, at: number) => rig.deliver(template, phone, at);
const firstTouch = (item: IDataObject, now: number, gate: Record<string, unknown> = {}) => rig.firstTouch(item, now, gate);

const scheduled = (now: number) => schedulerToGate(h, now);

type Gate = { verdict: string; reasons: { code: string; message: string }[] };
const gateOf = (item: IDataObject | undefined) => item?.gate as Gate | undefined;
const codes = (item: IDataObject | undefined) => gateOf(item)?.reasons.map((r) => r.code);
const byTouch = (items: IDataObject[] | undefined, touchId: string) =>
  (items ?? []).find((j) => ((j.touch ?? j.firstTouch) as { id: string } | undefined)?.id === touchId);

describe('Consent Gate: the template’s "Consent required"', () => {
  it('blocks a caller with only the inbound-call consent on the first and a scheduled touch, and sends once written consent is recorded', async () => {
    const phone = '+12125550301';
    const item = await deliver(writtenTemplate, phone, T0);
    // the Enrolled item tells the gate what the template requires
    expect(item.template).toEqual({
      id: writtenTemplate.id,
      name: writtenTemplate.name,
      classification: 'informational',
      consent: { required: 'written' },
      sendWindow: { ...writtenTemplate.sendWindow, holdFirstTouch: false },
      firstStepIds: ['sms-first'],
    });
    const first = item.firstTouch as { id: string; enrollmentId: string; dueAt: string };

    // first touch: the caller's consent is the inbound call's (informational), below written
    const r1 = await firstTouch(item, Date.parse(first.dueAt));
    expect(r1.error).toBeUndefined();
    const blocked = byTouch(r1.outputs('Gate')[BLOCK], first.id);
    expect(codes(blocked)).toEqual(['CONSENT_BELOW_TEMPLATE']);
    expect(gateOf(blocked)!.reasons[0]!.message).toContain('Template requires written; the contact has informational.');
    expect((await ledger.touch(first.id))?.status).toBe('blocked');
    // a block of this template's messages: the sequence goes on (a consent recorded later lets the next through)
    expect(blocked!.gateSequence).toMatchObject({ action: 'continued', next: { stepId: 'email-next-day' } });
    const audit = (await ledger.auditTrail({ enrollmentId: first.enrollmentId, kinds: ['decision'] })).filter((a) => a.touchId === first.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.data).toMatchObject({ verdict: 'block', consent: 'informational', requiredConsent: 'written' });

    // the scheduled email, next day: still below written
    const r2 = await scheduled(T0 + 24 * HOUR + 60_000);
    expect(r2.error).toBeUndefined();
    const email = r2.outputs('Gate')[BLOCK]!.find((j) => (j.touch as { enrollmentId: string }).enrollmentId === first.enrollmentId);
    expect((email!.template as IDataObject).consent).toEqual({ required: 'written' });
    expect(codes(email)).toEqual(['CONSENT_BELOW_TEMPLATE']);

    // the contact signs the written consent: the next scheduled touch goes to Send
    await ledger.recordConsent(phone, 'written', 'web_form', T0 + 30 * HOUR);
    const r3 = await scheduled(T0 + 48 * HOUR + 60_000);
    expect(r3.error).toBeUndefined();
    const sent = r3.outputs('Gate')[SEND]!.find((j) => (j.touch as { enrollmentId: string }).enrollmentId === first.enrollmentId);
    expect(sent).toMatchObject({ touch: { stepId: 'callback-day-2' }, gate: { verdict: 'send' } });
  });

  it('sends the first touch to a caller with written consent on record before the call (the inbound call does not lower it)', async () => {
    const phone = '+12125550302';
    await ledger.recordConsent(phone, 'written', 'web_form', T0 - 24 * HOUR);
    const item = await deliver(writtenTemplate, phone, T0);
    const first = item.firstTouch as { id: string; dueAt: string };
    const r = await firstTouch(item, Date.parse(first.dueAt));
    expect(r.error).toBeUndefined();
    expect(gateOf(byTouch(r.outputs('Gate')[SEND], first.id))?.verdict).toBe('send');
  });

  it.each([
    ['written', '+12125550311', SEND, ['ALLOWED']],
    ['marketing', '+12125550312', BLOCK, ['CONSENT_BELOW_TEMPLATE']],
  ] as const)('compares the minimum against a Consent Override of %s', async (override, phone, output, expected) => {
    const item = await deliver(writtenTemplate, phone, T0);
    const first = item.firstTouch as { id: string; dueAt: string };
    const r = await firstTouch(item, Date.parse(first.dueAt), { consentOverride: override });
    expect(r.error).toBeUndefined();
    expect(codes(byTouch(r.outputs('Gate')[output], first.id))).toEqual(expected);
  });

  it('judges a marketing template’s first touch as marketing with Classification "From Item"', async () => {
    const item = await deliver(marketingTemplate, '+12125550320', T0);
    expect((item.template as IDataObject).classification).toBe('marketing');
    const first = item.firstTouch as { id: string; dueAt: string };
    const r = await firstTouch(item, Date.parse(first.dueAt));
    expect(r.error).toBeUndefined();
    expect(codes(byTouch(r.outputs('Gate')[BLOCK], first.id))).toEqual(['MARKETING_NEEDS_WRITTEN_CONSENT', 'CONSENT_BELOW_TEMPLATE']);
  });

  it('refuses an item whose template requires a consent level that does not exist', async () => {
    const item = await deliver(fourTouch, '+12125550321', T0);
    const bad = { ...item, template: { ...(item.template as IDataObject), consent: { required: 'verbal' } } };
    const r = await firstTouch(bad, Date.parse((item.firstTouch as { dueAt: string }).dueAt));
    expect(r.error?.message).toBe('The item’s template requires a consent level that is not one of none, informational, marketing or written.');
  });
});
