import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLedger, type Ledger } from '../../../nodes/ledger';
import { afterHours } from '../../../shared/templates';
import { embeddedLedgerFile, loadHarness, useFreshUserFolder, type Harness } from '../harness';
import { schedulerToGate } from './schedulerToGate';
import { enrollCaller } from '../harness/fixtures';

// Northgate Auto Repair (afterHours starter): Denver, Mon–Fri 08:00–17:30, Sat 09:00–14:00, closed Sunday;
// the template holds every touch after the first to those hours (sendWindow.businessHoursOnly).
const DENVER = '+13035550142';
// Friday 2027-01-15 18:30 in Denver (MST, UTC−7): closed, but inside the federal 08:00–21:00 window
const FRI_1830 = Date.UTC(2027, 0, 16, 1, 30);
const MIN = 60_000;
const iso = (t: number) => new Date(t).toISOString();
const SEND = 0;
const DEFER = 1;

let h: Harness;
let ledger: Ledger;

beforeAll(async () => {
  useFreshUserFolder();
  h = await loadHarness();
  ledger = await openLedger({ kind: 'embedded', path: embeddedLedgerFile() });
});
afterAll(async () => ledger.close());

const scheduledGate = (now: number) => schedulerToGate(h, now);

const gateOf = (item: Record<string, unknown> | undefined) => item?.gate as { verdict: string; notBefore: string | null; reasons: { code: string }[] } | undefined;

describe('Consent Gate: the template’s "send during business hours only"', () => {
  it('sends the first step (the answer to the call) while closed, and holds a later step to the next opening', async () => {
    const first = await enrollCaller(ledger, { phone: DENVER, at: FRI_1830, dueAt: FRI_1830 + MIN, template: afterHours as never });
    const now = await scheduledGate(FRI_1830 + MIN);
    expect(now.error).toBeUndefined();
    const sent = now.outputs('Gate')[SEND]!.find((j) => (j.touch as { id: string }).id === first.touch.id);
    expect(gateOf(sent)?.verdict).toBe('send');

    // the morning SMS, due 00:30 Saturday: quiet hours end at 08:00, the shop opens at 09:00 → 09:00 Saturday (16:00Z)
    const second = await enrollCaller(ledger, { phone: '+13035550143', at: FRI_1830, dueAt: FRI_1830 + 6 * 60 * MIN, template: afterHours as never, stepId: 'sms-morning' });
    const later = await scheduledGate(FRI_1830 + 6 * 60 * MIN);
    const held = later.outputs('Gate')[DEFER]!.find((j) => (j.touch as { id: string }).id === second.touch.id);
    expect(gateOf(held)).toMatchObject({ verdict: 'defer', notBefore: '2027-01-16T16:00:00.000Z' });
    expect(gateOf(held)!.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['QUIET_HOURS', 'BUSINESS_HOURS']));
    expect((await ledger.touch(second.touch.id))?.dueAt).toBe(Date.UTC(2027, 0, 16, 16, 0));
  });

  it('holds a later step over a closed Sunday to Monday’s opening, though quiet hours allow Sunday noon', async () => {
    const SUN_NOON = Date.UTC(2027, 0, 17, 19, 0);
    const r = await enrollCaller(ledger, { phone: '+13035550144', at: SUN_NOON - 60 * MIN, dueAt: SUN_NOON, template: afterHours as never, stepId: 'sms-last-check' });
    const out = await scheduledGate(SUN_NOON);
    const held = out.outputs('Gate')[DEFER]!.find((j) => (j.touch as { id: string }).id === r.touch.id);
    expect(gateOf(held)).toMatchObject({ verdict: 'defer', notBefore: '2027-01-18T15:00:00.000Z' });
    expect(gateOf(held)!.reasons.map((x) => x.code)).toEqual(['BUSINESS_HOURS']);
  });

  it('refuses an item whose template asks for business hours but names no business time zone', async () => {
    const r = await h.runWorkflow({
      nodes: [{ name: 'Gate', type: 'consentGate', parameters: { currentTime: iso(FRI_1830) } }],
      connections: [],
      startNode: 'Gate',
      triggerItems: [{ touch: { phone: DENVER }, step: { id: 'sms-morning', channel: 'sms' }, template: { firstStepIds: ['sms-closed-now'], sendWindow: { businessHoursOnly: true }, business: { name: 'x' } } }] as never,
    });
    expect(r.error?.message).toBe('The item’s template says “send during business hours only” but gives no business time zone.');
  });
});
