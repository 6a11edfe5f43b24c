/**
 * Follow-up Sender with SMS Provider = Dialpad in a real n8n-core workflow: the text goes from the
 * business's Dialpad number (From Number, else the number the caller called) to the Dialpad
 * emulator, which checks each request against Dialpad's OpenAPI spec.
 */
import { describe, expect, it } from 'vitest';
import { startDialpadEmulator } from '../../emulators/dialpadEmulator';
import { enrollCaller } from '../harness/fixtures';
import { CALLED, MAIN_LINE, MIN, NOON, NOT_SENT, SENT, phoneSystemSender } from './phoneSystemSender';

const { s, phone, sender, enrolled, sendOf } = phoneSystemSender({
  smsProvider: 'dialpad',
  credentialType: 'missedCallDialpadApi',
  start: (numbers) => startDialpadEmulator({ numbers }),
  credentials: (dp, c) => ({ apiKey: c.apiKey ?? dp.apiKey, baseUrl: dp.url }),
  phoneBase: 6000,
});

describe('Follow-up Sender: SMS through Dialpad', () => {
  it('sends from the number the caller called, records Dialpad\'s message id and schedules the next step', async () => {
    const e = await enrolled();
    const r = await sender([e.item], NOON);
    expect(r.error).toBeUndefined();
    expect(r.outputs('Send').map((o) => o.length)).toEqual([1, 0]);
    expect(s.emulator.violations).toEqual([]);
    expect(s.emulator.texts).toHaveLength(1);
    const t = s.emulator.texts[0]!;
    expect(t).toMatchObject({ to: [e.phone], from: CALLED });
    expect(t.text).toContain('Brightside Plumbing');
    expect(t.text).toContain('Dana');
    expect(sendOf(r, SENT)).toMatchObject({ outcome: 'sent', provider: 'dialpad', messageId: t.id, next: { stepId: 'email-next-day' } });
    const touches = await s.ledger.touchesOf(e.enrollment.id);
    expect(touches[0]).toMatchObject({ stepId: 'sms-first', status: 'sent', provider: 'dialpad', providerMessageId: t.id });
  });

  it('sends from From Number when it is set', async () => {
    const e = await enrolled();
    await sender([e.item], NOON, { dialpadFromNumber: ` ${MAIN_LINE} ` });
    expect(s.emulator.texts.map((t) => t.from)).toEqual([MAIN_LINE]);
  });

  it('never sends twice: the same item run again is ALREADY_SENT', async () => {
    const e = await enrolled();
    await sender([e.item], NOON);
    const again = await sender([e.item], NOON + MIN);
    expect(sendOf(again, NOT_SENT)).toMatchObject({ outcome: 'skipped', reason: 'ALREADY_SENT' });
    expect(s.emulator.texts).toHaveLength(1);
  });

  it('without From Number or a called number, fails the item with what to set, and leaves the touch unsent', async () => {
    const p = phone();
    const e = await enrollCaller(s.ledger, { phone: p, at: NOON - 2 * MIN, dueAt: NOON });
    // the item's call names no number called (the enrollment's would: the item's wins)
    const r = await sender([{ touch: { id: e.touch.id }, call: { ...e.call, to: '' } }], NOON);
    expect(r.error?.message).toBe('No Dialpad number to send from');
    expect(s.emulator.requests).toEqual([]);
    expect((await s.ledger.touch(e.touch.id))!.status).toBe('pending');
  });

  it('a number Dialpad cannot text (invalid_destination) is blocked and the sequence goes on', async () => {
    const e = await enrolled();
    s.emulator.script({ kind: 'failed', result: 'invalid_destination' });
    const r = await sender([e.item], NOON);
    expect(sendOf(r, NOT_SENT)).toMatchObject({ outcome: 'blocked', reason: 'INVALID_NUMBER', message: 'Dialpad could not send the text: invalid_destination', next: { stepId: 'email-next-day' } });
    expect(s.emulator.texts).toEqual([]);
  });

  it('another refusal fails the touch without moving on (Dialpad names no cause)', async () => {
    const e = await enrolled();
    const r = await sender([e.item], NOON, { dialpadFromNumber: '+15125550199' });
    expect(sendOf(r, NOT_SENT)).toMatchObject({ outcome: 'failed', reason: 'PROVIDER_ERROR', message: '+15125550199 is not assigned to a user or group of this company', next: null });
    expect((await s.ledger.touch(e.touch.id))!.status).toBe('failed');
  });

  it('an API key rotated since it was cached: Dialpad answers 401, the sender reads the credential again and sends once', async () => {
    const original = s.emulator.apiKey;
    try {
      const first = await enrolled();
      expect(sendOf(await sender([first.item], NOON, {}, { credentialId: 'dp-rotated' }), SENT).outcome).toBe('sent');
      s.emulator.apiKey = 'rotated-dialpad-key-0123456789';
      const second = await enrolled();
      const r = await sender([second.item], NOON, {}, { credential: { apiKey: s.emulator.apiKey }, credentialId: 'dp-rotated' });
      expect(sendOf(r, SENT).outcome).toBe('sent');
      expect(s.emulator.requests.map((q) => q.status)).toEqual([200, 401, 200]);
      expect(s.emulator.texts.map((t) => t.to[0])).toEqual([first.phone, second.phone]);
    } finally {
      s.emulator.apiKey = original;
    }
  });
});
