/**
 * A text to the business's phone-system number ends the follow-up: the Missed Call Trigger (Zoom
 * Phone, through its webhook) emits it on Message, and Sequence Exit (Record Reply, in a real n8n-core
 * workflow) records it against the caller's sequence.
 */
import { createHmac } from 'node:crypto';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Ledger } from '../../nodes/ledger';
import { loadHarness, useFreshUserFolder, type Harness } from './harness';
import { enrollCaller } from './harness/fixtures';
import { BASE_PARAMS, fixtureJson, harness as triggerHarness, type Harness as TriggerHarness } from './MissedCallTrigger/fakeWebhook';
import { signedVonage, VONAGE_SECRET } from './MissedCallTrigger/vonageDelivery';

// Thursday 2027-01-14 11:00 in Miami
const T0 = Date.UTC(2027, 0, 14, 16, 0);
const MIN = 60_000;
const SECRET = 'zoom-secret-token-for-texts';
const ZOOM_NUMBER = '+15125550142';
const [OPT_OUT, , , REENGAGED] = [0, 1, 2, 3];
const iso = (t: number) => new Date(t).toISOString();

type Json = Record<string, any>;
let h: Harness;
let trigger: TriggerHarness;
let ledger: Ledger;
let n = 0;
const nextPhone = () => `+1305555${String(3000 + ++n).padStart(4, '0')}`;

beforeAll(async () => {
  useFreshUserFolder();
  h = await loadHarness();
});
beforeEach(async () => {
  // the trigger's folder is the workflow's too (N8N_USER_FOLDER): one embedded ledger
  trigger = triggerHarness({ ...BASE_PARAMS, provider: 'zoom' }, { missedCallZoomPhoneWebhook: { secretToken: SECRET } });
  ledger = await trigger.ledger();
});
afterEach(async () => {
  await trigger.cleanup();
});

/** A signed Zoom Phone `phone.sms_received` from `phone` at `at`, through the trigger; returns the Message items. */
async function zoomText(phone: string, text: string, at: number, o: { id?: string; optStatus?: string } = {}): Promise<Json[]> {
  const e = fixtureJson<Json>('zoom-phone.sms_received-optout-derived.json');
  Object.assign(e.payload.object, {
    sender: { phone_number: phone },
    message: text,
    message_id: o.id ?? `IQ-${phone}-${at}`,
    date_time: iso(at),
    to_members: [{ id: 'u1', type: 'user', display_name: 'Service', phone_number: ZOOM_NUMBER }],
    phone_number_campaign_opt_statuses: o.optStatus ? [{ consumer_phone_number: phone, zoom_phone_user_number: ZOOM_NUMBER, opt_status: o.optStatus }] : [],
  });
  const body = JSON.stringify(e);
  const ts = Math.floor(at / 1000);
  const sig = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
  const { result, reply } = await trigger.call(
    { rawBody: body, headers: { 'content-type': 'application/json', 'x-zm-signature': sig, 'x-zm-request-timestamp': String(ts) } },
    { currentTime: iso(at) },
  );
  expect(reply.answeredBy).toBe('n8n');
  const outs = result.workflowData as { json: Json }[][];
  expect(outs.slice(0, 2).map((o) => o.length)).toEqual([0, 0]);
  return outs[2]!.map((i) => i.json);
}

function recordReply(items: Json[], at: number, parameters: Json = {}) {
  return h.runWorkflow({
    nodes: [{ name: 'Exit', type: 'sequenceExit', parameters: { mode: 'record', currentTime: iso(at), ...parameters } }],
    connections: [],
    startNode: 'Exit',
    triggerItems: items as never,
  });
}

describe('Missed Call Trigger Message → Sequence Exit, for a phone system\'s texts', () => {
  it('a reply to the business number ends the sequence and re-engages the caller', async () => {
    const phone = nextPhone();
    const { enrollment } = await enrollCaller(ledger, { phone, at: T0 - 30 * MIN, dueAt: T0 + 60 * MIN });
    const r = await recordReply(await zoomText(phone, 'Yes, please call me back after 3', T0), T0);
    expect(r.error).toBeUndefined();
    const outs = r.outputs('Exit');
    expect(outs.map((o) => o.length)).toEqual([0, 0, 0, 1, 0]);
    expect(outs[REENGAGED]![0]!.exit).toMatchObject({ class: 'reply', action: 'reply_recorded', source: 'zoom', channel: 'sms', exitedEnrollments: [enrollment.id] });
    expect(await ledger.enrollment(enrollment.id)).toMatchObject({ status: 'exited', endReason: 'replied' });
  });

  it('Zoom\'s own opt-out verdict records the opt-out at once, sends nothing, and a retry changes nothing', async () => {
    const phone = nextPhone();
    const { enrollment } = await enrollCaller(ledger, { phone, at: T0 - 30 * MIN, dueAt: T0 + 60 * MIN });
    // Sequence Exit alone reads "Nein danke" as a reply; Zoom's campaign opt status says opt_out, and that wins
    const items = await zoomText(phone, 'Nein danke', T0, { id: 'IQ-stop-1', optStatus: 'opt_out' });
    expect(items).toMatchObject([{ optOutType: 'STOP', provider: 'zoom' }]);
    const r = await recordReply(items, T0, { sendConfirmation: true });
    expect(r.error).toBeUndefined();
    const item = r.outputs('Exit')[OPT_OUT]![0]!;
    expect(item.exit).toMatchObject({ class: 'stop', action: 'opted_out', firstTime: true, source: 'zoom' });
    // Zoom confirms its own opt-outs
    expect((item.reply as Json).sent).toEqual({ ok: false, reason: 'PROVIDER_HANDLED', message: 'The phone system answered already' });
    expect((await ledger.contact(phone))!.optOut.sms).not.toBeNull();
    expect(await ledger.enrollment(enrollment.id)).toMatchObject({ status: 'exited' });
    // Zoom delivers again: the same message id is a duplicate
    const again = await recordReply(await zoomText(phone, 'Nein danke', T0 + 5_000, { id: 'IQ-stop-1', optStatus: 'opt_out' }), T0 + 5_000);
    expect(again.outputs('Exit')[OPT_OUT]![0]!.exit).toMatchObject({ action: 'duplicate', duplicate: true });
  });

  it('an opt-out in words without Zoom\'s verdict is read by Sequence Exit', async () => {
    const phone = nextPhone();
    const { enrollment } = await enrollCaller(ledger, { phone, at: T0 - 30 * MIN, dueAt: T0 + 60 * MIN });
    const r = await recordReply(await zoomText(phone, 'please stop texting me', T0), T0, { sendConfirmation: true });
    const item = r.outputs('Exit')[OPT_OUT]![0]!;
    expect(item.exit).toMatchObject({ class: 'stop', action: 'opted_out' });
    // the text came to a Zoom number, which Twilio cannot send from: no confirmation without a From Number
    expect((item.reply as Json).sent).toEqual({ ok: false, reason: 'NO_FROM_NUMBER' });
    expect((await ledger.contact(phone))!.optOut.sms).not.toBeNull();
    expect(await ledger.enrollment(enrollment.id)).toMatchObject({ status: 'exited' });
  });

  it('a STOP texted to a Vonage number (Messages API) opts the caller out and ends the sequence; no confirmation from Twilio', async () => {
    const phone = nextPhone();
    // a trigger harness of its own (its folder, so its ledger, is the workflow's from now on)
    const vonage = triggerHarness({ ...BASE_PARAMS, provider: 'vonage' }, { missedCallVonageWebhook: { signatureSecret: VONAGE_SECRET } });
    try {
      const ledger = await vonage.ledger();
      const { enrollment } = await enrollCaller(ledger, { phone, at: T0 - 30 * MIN, dueAt: T0 + 60 * MIN });
      const event = { channel: 'sms', message_uuid: `mu-${phone}`, to: ZOOM_NUMBER.slice(1), from: phone.slice(1), timestamp: iso(T0), text: 'STOP', message_type: 'text', sms: { num_messages: '1', keyword: 'STOP' } };
      const { result, reply } = await vonage.call(signedVonage(event, T0), { currentTime: iso(T0) });
      expect(reply.status).toBe(200);
      const items = (result.workflowData as { json: Json }[][])[2]!.map((i) => i.json);
      expect(items).toMatchObject([{ provider: 'vonage', from: phone, text: 'STOP', optOutType: null }]);
      const r = await recordReply(items, T0, { sendConfirmation: true });
      const item = r.outputs('Exit')[OPT_OUT]![0]!;
      expect(item.exit).toMatchObject({ class: 'stop', action: 'opted_out', source: 'vonage' });
      expect((item.reply as Json).sent).toMatchObject({ ok: false });
      expect((await ledger.contact(phone))!.optOut.sms).not.toBeNull();
      expect(await ledger.enrollment(enrollment.id)).toMatchObject({ status: 'exited' });
    } finally {
      await vonage.cleanup();
    }
  });
});
