/**
 * The template's "Hold the first text until opening too" (`sendWindow.holdFirstTouch`) at run time:
 * with "Send during business hours only", the first touch — which otherwise answers an after-hours
 * call at once — is held to the business's next opening too, on the trigger → gate path (the trigger's
 * Enrolled item then carries the business hours the gate needs) and when the scheduler re-gates it.
 */
import type { IDataObject } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ledger } from '../../../nodes/ledger';
import type { SequenceTemplate } from '../../../shared/schema';
import { afterHours } from '../../../shared/templates';
import type { Harness } from '../harness';
import { schedulerToGate } from './schedulerToGate';
import { startFirstTouchRig, type FirstTouchRig } from './firstTouchRig';

// Northgate Auto Repair (afterHours starter): Denver, Mon–Fri 08:00–17:30, Sat 09:00–14:00.
// Friday 2027-01-15 18:30 in Denver (MST, UTC−7): closed, but inside the federal 08:00–21:00 window.
const FRI_1830 = Date.UTC(2027, 0, 16, 1, 30);
const SAT_0900 = '2027-01-16T16:00:00.000Z';
const [SEND, DEFER] = [0, 1];

const held: SequenceTemplate = { ...afterHours, id: 'after-hours-held', sendWindow: { ...afterHours.sendWindow, holdFirstTouch: true } };

let rig: FirstTouchRig;
let h: Harness;
let ledger: Ledger;

beforeAll(async () => {
  rig = await startFirstTouchRig('hold');
  ({ h, ledger } = rig);
});
afterAll(async () => rig.stop());

const deliver = (template: SequenceTemplate, phone: string, at: number) => rig.deliver(template, phone, at, '+17205550142');
const firstTouch = (item: IDataObject, now: number) => rig.firstTouch(item, now);

type Gate = { verdict: string; notBefore: string | null; reasons: { code: string }[] };
const gateOf = (item: IDataObject | undefined) => item?.gate as Gate | undefined;
const byTouch = (items: IDataObject[] | undefined, touchId: string) =>
  (items ?? []).find((j) => ((j.touch ?? j.firstTouch) as { id: string } | undefined)?.id === touchId);

describe('Consent Gate: "Hold the first text until opening too"', () => {
  it('holds an after-hours caller’s first text to the next opening, and sends it when the scheduler re-gates it then', async () => {
    const item = await deliver(held, '+13035550171', FRI_1830);
    // the Enrolled item carries the business hours the gate needs for the held first touch
    expect((item.template as IDataObject).business).toMatchObject({ timeZone: 'America/Denver' });
    const first = item.firstTouch as { id: string; dueAt: string; stepId: string };
    expect(first.stepId).toBe('sms-closed-now');

    const r = await firstTouch(item, Date.parse(first.dueAt));
    expect(r.error).toBeUndefined();
    const deferred = byTouch(r.outputs('Gate')[DEFER], first.id);
    expect(gateOf(deferred)).toMatchObject({ verdict: 'defer', notBefore: SAT_0900 });
    expect(gateOf(deferred)!.reasons.map((x) => x.code)).toEqual(['BUSINESS_HOURS']);
    expect((await ledger.touch(first.id))?.dueAt).toBe(Date.parse(SAT_0900));

    // Saturday 09:00: the scheduler picks the touch up and the gate lets it through
    const later = await schedulerToGate(h, Date.parse(SAT_0900));
    expect(later.error).toBeUndefined();
    const sent = later.outputs('Gate')[SEND]!.find((j) => (j.touch as { id: string }).id === first.id);
    expect(gateOf(sent)?.verdict).toBe('send');
  });

  it('without it, the same call’s first text goes at once (it answers the call) and the item stays small', async () => {
    const item = await deliver(afterHours, '+13035550172', FRI_1830);
    expect((item.template as IDataObject).business).toBeUndefined();
    const first = item.firstTouch as { id: string; dueAt: string };
    const r = await firstTouch(item, Date.parse(first.dueAt));
    expect(r.error).toBeUndefined();
    expect(gateOf(byTouch(r.outputs('Gate')[SEND], first.id))?.verdict).toBe('send');
  });
});
