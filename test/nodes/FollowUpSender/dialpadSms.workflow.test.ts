/**
 * Follow-up Sender with SMS Provider = Dialpad in a real n8n-core workflow: the text goes from the
 * business's Dialpad number (From Number, else the number the caller called) to the Dialpad
 * emulator, which checks each request against Dialpad's OpenAPI spec.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openLedger, type Ledger } from '../../../nodes/ledger';
import { startDialpadEmulator, type DialpadEmulator } from '../../emulators/dialpadEmulator';
import { embeddedLedgerFile, loadHarness, useFreshUserFolder, type Harness } from '../harness';
import { enrollCaller } from '../harness/fixtures';

// Thursday 2027-01-14 12:00 in Miami (EST)
const NOON = Date.UTC(2027, 0, 14, 17, 0);
const MIN = 60_000;
const [SENT, NOT_SENT] = [0, 1];
const CALLED = '+15125550142'; // the fixtures' call goes to this number
const MAIN_LINE = '+15125550100';

let h: Harness;
let ledger: Ledger;
let dp: DialpadEmulator;
let n = 0;
const phone = () => `+1305555${String(6000 + ++n).padStart(4, '0')}`;

beforeAll(async () => {
  useFreshUserFolder();
  h = await loadHarness();
  ledger = await openLedger({ kind: 'embedded', path: embeddedLedgerFile() });
  dp = await startDialpadEmulator({ numbers: [CALLED, MAIN_LINE] });
});
afterAll(async () => {
  await ledger.close();
  await dp.close();
});
beforeEach(() => dp.reset());

function sender(items: object[], now: number, parameters: Record<string, unknown> = {}, o: { apiKey?: string; credentialId?: string } = {}) {
  return h.runWorkflow({
    nodes: [{ name: 'Send', type: 'followUpSender', parameters: { currentTime: new Date(now).toISOString(), smsProvider: 'dialpad', ...parameters } }],
    connections: [],
    startNode: 'Send',
    triggerItems: items as never,
    credentials: { missedCallDialpadApi: { apiKey: o.apiKey ?? dp.apiKey, baseUrl: dp.url } },
    ...(o.credentialId ? { credentialIds: { missedCallDialpadApi: o.credentialId } } : {}),
  });
}

async function enrolled(call: Record<string, unknown> = {}) {
  const p = phone();
  const e = await enrollCaller(ledger, { phone: p, at: NOON - 2 * MIN, dueAt: NOON });
  return { ...e, phone: p, item: { touch: { id: e.touch.id, phone: p, enrollmentId: e.enrollment.id }, contact: { phone: p, name: 'Dana Lee' }, call: { ...e.call, ...call } } };
}

type Send = { outcome: string; reason: string | null; provider: string; messageId: string; message?: string; next: { stepId: string } | null };
const sendOf = (r: Awaited<ReturnType<typeof sender>>, out: number) => r.outputs('Send')[out]![0]!.send as Send;

describe('Follow-up Sender: SMS through Dialpad', () => {
  it('sends from the number the caller called, records Dialpad\'s message id and schedules the next step', async () => {
    const e = await enrolled();
    const r = await sender([e.item], NOON);
    expect(r.error).toBeUndefined();
    expect(r.outputs('Send').map((o) => o.length)).toEqual([1, 0]);
    expect(dp.violations).toEqual([]);
    expect(dp.texts).toHaveLength(1);
    const t = dp.texts[0]!;
    expect(t).toMatchObject({ to: [e.phone], from: CALLED });
    expect(t.text).toContain('Brightside Plumbing');
    expect(t.text).toContain('Dana');
    const s = sendOf(r, SENT);
    expect(s).toMatchObject({ outcome: 'sent', provider: 'dialpad', messageId: t.id, next: { stepId: 'email-next-day' } });
    const touches = await ledger.touchesOf(e.enrollment.id);
    expect(touches[0]).toMatchObject({ stepId: 'sms-first', status: 'sent', provider: 'dialpad', providerMessageId: t.id });
  });

  it('sends from From Number when it is set', async () => {
    const e = await enrolled();
    await sender([e.item], NOON, { dialpadFromNumber: ` ${MAIN_LINE} ` });
    expect(dp.texts.map((t) => t.from)).toEqual([MAIN_LINE]);
  });

  it('never sends twice: the same item run again is ALREADY_SENT', async () => {
    const e = await enrolled();
    await sender([e.item], NOON);
    const again = await sender([e.item], NOON + MIN);
    expect(sendOf(again, NOT_SENT)).toMatchObject({ outcome: 'skipped', reason: 'ALREADY_SENT' });
    expect(dp.texts).toHaveLength(1);
  });

  it('without From Number or a called number, fails the item with what to set, and leaves the touch unsent', async () => {
    const p = phone();
    const e = await enrollCaller(ledger, { phone: p, at: NOON - 2 * MIN, dueAt: NOON });
    // the item's call names no number called (the enrollment's would: the item's wins)
    const r = await sender([{ touch: { id: e.touch.id }, call: { ...e.call, to: '' } }], NOON);
    expect(r.error?.message).toBe('No Dialpad number to send from');
    expect(dp.requests).toEqual([]);
    expect((await ledger.touch(e.touch.id))!.status).toBe('pending');
  });

  it('a number Dialpad cannot text (invalid_destination) is blocked and the sequence goes on', async () => {
    const e = await enrolled();
    dp.script({ kind: 'failed', result: 'invalid_destination' });
    const r = await sender([e.item], NOON);
    expect(sendOf(r, NOT_SENT)).toMatchObject({ outcome: 'blocked', reason: 'INVALID_NUMBER', message: 'Dialpad could not send the text: invalid_destination', next: { stepId: 'email-next-day' } });
    expect(dp.texts).toEqual([]);
  });

  it('another refusal fails the touch without moving on (Dialpad names no cause)', async () => {
    const e = await enrolled();
    const r = await sender([e.item], NOON, { dialpadFromNumber: '+15125550199' });
    expect(sendOf(r, NOT_SENT)).toMatchObject({ outcome: 'failed', reason: 'PROVIDER_ERROR', message: '+15125550199 is not assigned to a user or group of this company', next: null });
    expect((await ledger.touch(e.touch.id))!.status).toBe('failed');
  });

  it('an API key rotated since it was cached: Dialpad answers 401, the sender reads the credential again and sends once', async () => {
    const original = dp.apiKey;
    try {
      const first = await enrolled();
      expect(sendOf(await sender([first.item], NOON, {}, { credentialId: 'dp-rotated' }), SENT).outcome).toBe('sent');
      dp.apiKey = 'rotated-dialpad-key-0123456789';
      const second = await enrolled();
      const r = await sender([second.item], NOON, {}, { apiKey: dp.apiKey, credentialId: 'dp-rotated' });
      expect(sendOf(r, SENT).outcome).toBe('sent');
      expect(dp.requests.map((q) => q.status)).toEqual([200, 401, 200]);
      expect(dp.texts.map((t) => t.to[0])).toEqual([first.phone, second.phone]);
    } finally {
      dp.apiKey = original;
    }
  });
});
