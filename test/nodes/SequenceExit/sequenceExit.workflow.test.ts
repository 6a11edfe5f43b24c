import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openLedger, type Ledger } from '../../../nodes/ledger';
import { helpResponse, stopConfirmation } from '../../../shared/optout';
import { fourTouch } from '../../../shared/templates';
import { N8N_NODE_NAMES, templateToN8nWorkflow } from '../../../designer/src/export';
import { startTwilioEmulator, type TwilioEmulator } from '../../emulators/twilioEmulator';
import { embeddedLedgerFile, loadHarness, useFreshUserFolder, type Harness } from '../harness';
import { enrollCaller } from '../harness/fixtures';

// Friday 2026-11-20 12:00 in Miami (EST, UTC−5)
const NOON = Date.UTC(2026, 10, 20, 17, 0);
const MIN = 60_000;
const [OPT_OUT, OPT_IN, HELP, REENGAGED, AUTO_REPLY] = [0, 1, 2, 3, 4];
const [EXIT, CONTINUE] = [0, 1];
const OUR_NUMBER = '+15125550142';

let h: Harness;
let ledger: Ledger;
let tw: TwilioEmulator;
let n = 0;
/** a fresh Miami number per test, so contacts never share state */
const nextPhone = () => `+1305555${String(2000 + ++n).padStart(4, '0')}`;
const iso = (t: number) => new Date(t).toISOString();
let sids = 0;

beforeAll(async () => {
  useFreshUserFolder();
  h = await loadHarness();
  ledger = await openLedger({ kind: 'embedded', path: embeddedLedgerFile() });
  tw = await startTwilioEmulator();
});
afterAll(async () => {
  await ledger.close();
  await tw.close();
});
beforeEach(() => tw.reset());

/** An n8n Webhook node's item for a Twilio inbound SMS. */
function twilioSms(from: string, body: string, sid = `SM${++sids}`) {
  return { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: { MessageSid: sid, AccountSid: 'AC1', From: from, To: OUR_NUMBER, Body: body } };
}

function exitNode(items: object[], now: number, parameters: Record<string, unknown> = {}) {
  return h.runWorkflow({
    nodes: [{ name: 'Exit', type: 'sequenceExit', parameters: { currentTime: iso(now), ...parameters } }],
    connections: [],
    startNode: 'Exit',
    triggerItems: items as never,
    credentials: { missedCallTwilioApi: { authType: 'authToken', accountSid: tw.accountSid, authToken: tw.authToken, baseUrl: tw.url } },
  });
}

/** Touch ids the Sequence Scheduler claims at `now` (a real poll through n8n). */
async function claimed(now: number): Promise<string[]> {
  const r = await h.runWorkflow({
    nodes: [{ name: 'Scheduler', type: 'sequenceScheduler', parameters: { currentTime: iso(now), batchSize: 500 } }],
    connections: [],
    startNode: 'Scheduler',
  });
  expect(r.error).toBeUndefined();
  return (r.outputs('Scheduler')[0] ?? []).map((j) => (j.touch as { id: string }).id);
}

describe('Sequence Exit (record) in a real n8n workflow', () => {
  it('routes a real reply to Re-engaged, ends the enrollment and leaves nothing to claim', async () => {
    const phone = nextPhone();
    const { enrollment, touch, call } = await enrollCaller(ledger, { phone, at: NOON - 10 * MIN, dueAt: NOON + 5 * MIN });
    const r = await exitNode([twilioSms(phone, 'Yes please call me back after 3, the sink is leaking')], NOON);
    expect(r.error).toBeUndefined();
    const outs = r.outputs('Exit');
    expect(outs).toHaveLength(5);
    expect(outs.map((o) => o.length)).toEqual([0, 0, 0, 1, 0]);
    const item = outs[REENGAGED]![0]!;
    expect(item.exit).toMatchObject({ class: 'reply', action: 'reply_recorded', exitedEnrollments: [enrollment.id], channel: 'sms' });
    expect(item.reengaged).toMatchObject({
      enrollments: [{ id: enrollment.id, templateId: fourTouch.id, callId: call.callId }],
      lastCall: call,
      touchesSoFar: 0,
    });
    expect(await ledger.enrollment(enrollment.id)).toMatchObject({ status: 'exited', endReason: 'replied' });
    expect((await ledger.touch(touch.id))?.status).toBe('cancelled');
    expect(await claimed(NOON + 60 * MIN)).not.toContain(touch.id);
    expect((await ledger.auditTrail({ phone, kinds: ['sequence_exit'] }))[0]!.data).toMatchObject({ action: 'reply_recorded' });
  });

  it('records STOP once: one confirmation text, none for a second STOP, and the scheduler claims nothing for the contact', async () => {
    const phone = nextPhone();
    const { touch } = await enrollCaller(ledger, { phone, at: NOON - 10 * MIN, dueAt: NOON + MIN });
    const params = { sendConfirmation: true };
    const first = await exitNode([twilioSms(phone, 'STOP')], NOON, params);
    expect(first.error).toBeUndefined();
    const item = first.outputs('Exit')[OPT_OUT]![0]!;
    expect(item.exit).toMatchObject({ class: 'stop', action: 'opted_out', firstTime: true, optOutChannel: 'sms' });
    const text = stopConfirmation(fourTouch.business.name);
    expect(item.reply).toMatchObject({ kind: 'stop_confirmation', text, sent: { ok: true } });
    expect(item.reply).toHaveProperty('twiml', expect.stringContaining('<Message>You&apos;re unsubscribed from Brightside Plumbing'));

    const second = await exitNode([twilioSms(phone, 'stop!!')], NOON + MIN, params);
    expect(second.outputs('Exit')[OPT_OUT]![0]).toMatchObject({ exit: { firstTime: false }, reply: null });
    expect(tw.messages.map((m) => [m.to, m.from, m.body])).toEqual([[phone, OUR_NUMBER, text]]);
    expect(tw.violations).toEqual([]);

    const contact = await ledger.contact(phone);
    expect(contact?.optOut.sms).toMatchObject({ at: NOON, source: 'twilio_reply', text: 'STOP' });
    expect(await claimed(NOON + 10 * MIN)).not.toContain(touch.id);
    expect((await ledger.touch(touch.id))?.status).toBe('cancelled');
  });

  it('confirms STOP and answers HELP in Spanish to a caller whose texts were in Spanish (their department’s language)', async () => {
    const spanish = {
      ...fourTouch,
      id: 'four-touch-es-exit',
      business: { ...fourTouch.business, departments: fourTouch.business.departments.map((d) => (d.name === 'Service' ? { ...d, language: 'es' as const } : d)) },
    } as typeof fourTouch;
    const phone = nextPhone();
    await enrollCaller(ledger, { phone, at: NOON - 10 * MIN, dueAt: NOON + MIN, template: spanish });
    const help = await exitNode([twilioSms(phone, 'AYUDA')], NOON, { sendConfirmation: true });
    expect(help.outputs('Exit')[HELP]![0]!.reply).toMatchObject({ kind: 'help', text: 'Brightside Plumbing mensajes: ayuda en (512) 555-0142 o help@brightside.example.com. Pueden aplicarse tarifas de mensajes y datos. Responda STOP para cancelar.' });
    const stop = await exitNode([twilioSms(phone, 'BAJA')], NOON + MIN, { sendConfirmation: true });
    expect(stop.outputs('Exit')[OPT_OUT]![0]!.reply).toMatchObject({ kind: 'stop_confirmation', text: stopConfirmation('Brightside Plumbing', 'es'), sent: { ok: true } });
    expect(tw.messages.filter((m) => m.to === phone).map((m) => m.body.split(' ').slice(0, 3).join(' '))).toEqual(['Brightside Plumbing mensajes:', 'Se dio de']);
  });

  it('confirms STOP in the contact’s preferred language, before their department’s, and also when they were never enrolled', async () => {
    const phone = nextPhone();
    await enrollCaller(ledger, { phone, at: NOON - 10 * MIN, dueAt: NOON + MIN }); // the English Service line
    await ledger.setContactLanguage(phone, 'es', 'agent', NOON - 5 * MIN);
    const stop = await exitNode([twilioSms(phone, 'STOP')], NOON);
    expect(stop.outputs('Exit')[OPT_OUT]![0]!.reply).toMatchObject({ kind: 'stop_confirmation', text: stopConfirmation('Brightside Plumbing', 'es') });
    const stranger = nextPhone();
    await ledger.setContactLanguage(stranger, 'fr', 'crm', NOON - 5 * MIN);
    const other = await exitNode([twilioSms(stranger, 'STOP')], NOON, { businessName: 'Brightside Plumbing' });
    expect(other.outputs('Exit')[OPT_OUT]![0]!.reply).toMatchObject({ kind: 'stop_confirmation', text: stopConfirmation('Brightside Plumbing', 'fr') });
  });

  it('treats a retried webhook (same MessageSid) as a duplicate with no second confirmation', async () => {
    const phone = nextPhone();
    await enrollCaller(ledger, { phone, at: NOON - 10 * MIN });
    await exitNode([twilioSms(phone, 'HELP', 'SMdup')], NOON);
    const again = await exitNode([twilioSms(phone, 'HELP', 'SMdup')], NOON + 1000);
    expect(again.outputs('Exit')[HELP]![0]).toMatchObject({ exit: { action: 'duplicate', duplicate: true }, reply: null });
  });

  it('re-subscribes on START after a STOP, and treats a bare YES of a subscribed contact as a reply', async () => {
    const phone = nextPhone();
    await enrollCaller(ledger, { phone, at: NOON - 10 * MIN });
    await exitNode([twilioSms(phone, 'Stop')], NOON);
    const start = await exitNode([twilioSms(phone, 'START')], NOON + MIN);
    expect(start.outputs('Exit')[OPT_IN]![0]).toMatchObject({ exit: { class: 'start', action: 'opted_in', wasOptedOut: true } });
    expect((await ledger.contact(phone))?.optOut.sms).toBeNull();

    const other = nextPhone();
    await enrollCaller(ledger, { phone: other, at: NOON - 10 * MIN });
    const yes = await exitNode([twilioSms(other, 'Yes')], NOON);
    expect(yes.outputs('Exit').map((o) => o.length)).toEqual([0, 0, 0, 1, 0]);
  });

  it('answers HELP with the CTIA text: business, customer-care contact, rates and STOP instruction', async () => {
    const phone = nextPhone();
    await enrollCaller(ledger, { phone, at: NOON - 10 * MIN });
    const r = await exitNode([twilioSms(phone, 'help')], NOON);
    const reply = r.outputs('Exit')[HELP]![0]!.reply as { text: string; sent: unknown };
    expect(reply.text).toBe(helpResponse({ businessName: 'Brightside Plumbing', supportPhone: '(512) 555-0142', supportEmail: 'help@brightside.example.com' }));
    expect(reply.text).toMatch(/^Brightside Plumbing texts: help at \(512\) 555-0142.*Msg&data rates may apply\. Reply STOP to opt out\.$/);
    expect(reply.sent).toBeNull();
    const own = await exitNode([twilioSms(phone, 'INFO')], NOON + MIN, { businessName: 'Acme', supportPhone: '305-555-0100', supportEmail: '' });
    expect((own.outputs('Exit')[HELP]![0]!.reply as { text: string }).text).toMatch(/^Acme texts: help at 305-555-0100 or help@brightside\.example\.com\./);
    expect((await ledger.contact(phone))?.lastReply).toBeNull();
  });

  it('pauses an out-of-office until the date it gives ("back on Dec 3"), without counting a reply; claims resume after it', async () => {
    const phone = nextPhone();
    const { touch, enrollment } = await enrollCaller(ledger, { phone, at: NOON - 10 * MIN, dueAt: NOON + 60 * MIN });
    const r = await exitNode([twilioSms(phone, 'Auto-reply: I am out of the office, back on Dec 3.')], NOON);
    const item = r.outputs('Exit')[AUTO_REPLY]![0]!;
    // local midnight in Miami (EST) = 05:00 UTC
    const until = Date.UTC(2026, 11, 3, 5, 0);
    expect(item.exit).toMatchObject({ class: 'auto_reply', action: 'paused', returnDate: '2026-12-03', pausedUntil: iso(until) });
    const c = await ledger.contact(phone);
    expect(c?.pause).toMatchObject({ until, reason: expect.stringMatching(/^auto_reply:/) });
    expect(c?.lastReply).toBeNull();
    expect((await ledger.enrollment(enrollment.id))?.status).toBe('active');
    expect(await claimed(until - 1000)).not.toContain(touch.id);
    expect(await claimed(until + 1000)).toContain(touch.id);
  });

  it('pauses an auto-reply without a date for the default number of days', async () => {
    const phone = nextPhone();
    await enrollCaller(ledger, { phone, at: NOON - 10 * MIN });
    const r = await exitNode([twilioSms(phone, "I'm driving right now, I'll get back to you")], NOON, { autoReplyPauseDays: 2 });
    expect(r.outputs('Exit')[AUTO_REPLY]![0]!.exit).toMatchObject({ returnDate: null, pausedUntil: iso(NOON + 2 * 86_400_000) });
  });

  it('records an email reply for the contact phone given, keeping only the new text', async () => {
    const phone = nextPhone();
    const { enrollment } = await enrollCaller(ledger, { phone, at: NOON - 10 * MIN });
    const r = await exitNode(
      [{ from: 'Dana Lee <dana@example.com>', subject: 'Re: your call', text: 'Tuesday works.\n\nOn Fri, Nov 20, Brightside wrote:\n> Stop by anytime' }],
      NOON,
      { contactPhone: phone },
    );
    expect(r.outputs('Exit')[REENGAGED]![0]!.exit).toMatchObject({ channel: 'email', source: 'email', exitedEnrollments: [enrollment.id] });
    expect((await ledger.contact(phone))?.lastReply).toMatchObject({ text: 'Tuesday works.', channel: 'email' });
  });

  it('fails an item without a message with a clear error', async () => {
    const r = await exitNode([{ hello: 'world' }], NOON);
    expect(r.error?.message).toBe('The item holds no inbound message');
  });

  it('sends no confirmation of its own when Twilio Advanced Opt-Out already answered the STOP', async () => {
    const phone = nextPhone();
    await enrollCaller(ledger, { phone, at: NOON - 10 * MIN });
    const item = twilioSms(phone, 'arrêt svp');
    (item.body as Record<string, string>).OptOutType = 'STOP';
    const r = await exitNode([item], NOON, { sendConfirmation: true });
    expect(r.outputs('Exit')[OPT_OUT]![0]).toMatchObject({ exit: { firstTime: true }, reply: { sent: { ok: false, reason: 'PROVIDER_HANDLED' } } });
    expect(tw.messages).toEqual([]);
    expect((await ledger.contact(phone))?.optOut.sms).not.toBeNull();
  });

  it('moves a failing item to the error output when the node continues on error', async () => {
    const r = await h.runWorkflow({
      nodes: [{ name: 'Exit', type: 'sequenceExit', parameters: { currentTime: iso(NOON) }, onError: 'continueErrorOutput' }],
      connections: [],
      startNode: 'Exit',
      triggerItems: [{ hello: 'world' }, twilioSms(nextPhone(), 'thanks, talk soon')] as never,
    });
    expect(r.error).toBeUndefined();
    const outs = r.outputs('Exit');
    expect(outs[REENGAGED]).toHaveLength(1);
    // n8n adds a sixth output, the error output, and moves the failed item there
    expect(outs.map((o) => o.length)).toEqual([0, 0, 0, 1, 0, 1]);
    expect(outs[5]![0]).toMatchObject({ error: 'The item holds no inbound message' });
  });
});

describe('Sequence Exit (check) in a real n8n workflow', () => {
  const check = (items: object[], now: number, parameters: Record<string, unknown> = {}) =>
    exitNode(items, now, { mode: 'check', ...parameters });

  it('continues an active enrollment, then exits it after the contact replied', async () => {
    const phone = nextPhone();
    const { touch } = await enrollCaller(ledger, { phone, at: NOON - 10 * MIN });
    const item = { touch: { id: touch.id, phone, enrollmentId: touch.enrollmentId, channel: 'sms' } };
    const go = await check([item], NOON);
    expect(go.outputs('Exit')).toHaveLength(2);
    expect(go.outputs('Exit')[CONTINUE]![0]).toMatchObject({ exit: { exit: false, reason: null } });
    await ledger.recordReply(phone, { text: 'ok', class: 'reply', channel: 'sms', now: NOON + MIN });
    expect((await check([item], NOON + 2 * MIN)).outputs('Exit')[EXIT]![0]).toMatchObject({ exit: { exit: true, reason: 'reply', final: true } });
  });

  it.each([
    ['a template exit CRM status', { crmStatus: 'Won' }, 'crm_status'],
    ['an extra exit CRM status', { crmStatus: 'lost', extraCrmStatuses: 'lost, spam' }, 'crm_status'],
    ['a booking', { booked: true }, 'booked'],
  ])('exits on %s, ends the enrollment in the ledger and records one conversion', async (_, params, reason) => {
    const phone = nextPhone();
    const { touch, enrollment } = await enrollCaller(ledger, { phone, at: NOON - 10 * MIN, dueAt: NOON + 5 * MIN });
    const r = await check([{ touch: { id: touch.id, phone, enrollmentId: enrollment.id } }], NOON, params);
    expect(r.outputs('Exit')[EXIT]![0]).toMatchObject({ exit: { reason, enrollmentEnded: true } });
    expect(await ledger.enrollment(enrollment.id)).toMatchObject({ status: 'exited', endReason: reason });
    await check([{ touch: { id: touch.id, phone, enrollmentId: enrollment.id } }], NOON + MIN, params);
    expect(await ledger.auditTrail({ enrollmentId: enrollment.id, kinds: ['conversion'] })).toHaveLength(1);
    expect(await claimed(NOON + 10 * MIN)).not.toContain(touch.id);
  });

  it('continues on a CRM status that is not an exit status', async () => {
    const phone = nextPhone();
    const { enrollment } = await enrollCaller(ledger, { phone, at: NOON - 10 * MIN });
    const r = await check([{ enrollmentId: enrollment.id }], NOON, { crmStatus: 'contacted' });
    expect(r.outputs('Exit')[CONTINUE]).toHaveLength(1);
  });

  it.each([
    ['opted out', 'opt_out', true, async (p: string) => ledger.recordOptOut(p, { channel: 'sms', source: 'test', now: NOON })],
    ['paused', 'paused', false, async (p: string) => ledger.pauseContact(p, NOON + 60 * MIN, 'vacation', NOON)],
  ] as const)('exits a contact who is %s with reason %s (final: %s)', async (_, reason, final, act) => {
    const phone = nextPhone();
    const { enrollment } = await enrollCaller(ledger, { phone, at: NOON - 10 * MIN });
    await act(phone);
    const r = await check([{ touch: { phone, enrollmentId: enrollment.id, channel: 'sms' } }], NOON + MIN);
    expect(r.outputs('Exit')[EXIT]![0]).toMatchObject({ exit: { reason, final } });
  });

  it('moves an item it cannot check (no or invalid phone) to the error output, marked invalidItem', async () => {
    const phone = nextPhone();
    const { enrollment } = await enrollCaller(ledger, { phone, at: NOON - 10 * MIN });
    const r = await h.runWorkflow({
      nodes: [{ name: 'Exit', type: 'sequenceExit', parameters: { mode: 'check', currentTime: iso(NOON), booked: true }, onError: 'continueErrorOutput' }],
      connections: [],
      startNode: 'Exit',
      triggerItems: [{ phone: '12' }, { hello: 'world' }, { phone }] as never,
    });
    expect(r.error).toBeUndefined();
    const outs = r.outputs('Exit');
    // Exit, Continue and n8n's error output
    expect(outs.map((o) => o.length)).toEqual([1, 0, 2]);
    expect(outs[2]).toEqual([
      { error: 'The phone ** is not a valid number', details: { invalidItem: true } },
      { error: 'The item names no phone or enrollment', message: 'Set Phone (e.g. {{ $json.touch.phone }}) or Enrollment ID.', details: { invalidItem: true } },
    ]);
    expect(await ledger.enrollment(enrollment.id)).toMatchObject({ status: 'exited', endReason: 'booked' });
  });

  it('exits a completed enrollment with reason completed', async () => {
    const phone = nextPhone();
    const { enrollment } = await enrollCaller(ledger, { phone, at: NOON - 10 * MIN });
    await ledger.completeEnrollment(enrollment.id, NOON);
    const r = await check([{ enrollment: { id: enrollment.id } }], NOON + MIN);
    expect(r.outputs('Exit')[EXIT]![0]).toMatchObject({ exit: { reason: 'completed', enrollmentEnded: false } });
  });
});

describe('Sequence Exit (check) as the designer exports it behind the outcome webhook (phone only)', () => {
  // the exported node's own parameters: Check mode, phone / booked / crmStatus read from the webhook's body
  const exported = templateToN8nWorkflow(fourTouch).nodes.find((n) => n.name === N8N_NODE_NAMES.exitOutcome)!;
  /** an n8n Webhook node's item for a JSON POST */
  const posted = (body: Record<string, unknown>) => ({ headers: { 'content-type': 'application/json' }, params: {}, query: {}, body });
  const outcome = (body: Record<string, unknown>, now: number) =>
    h.runWorkflow({
      nodes: [{ name: exported.name, type: 'sequenceExit', parameters: { ...exported.parameters, currentTime: iso(now) } as never }],
      connections: [],
      startNode: exported.name,
      triggerItems: [posted(body)] as never,
    });
  /** fourTouch with another id that a booking does not end (CRM statuses only) */
  const statusOnly = { ...fourTouch, id: 'four-touch-status-only', exit: { ...fourTouch.exit, onBooked: false, crmStatuses: ['won'] } };

  it('ends the caller’s active sequence on a booking: reason booked, one conversion, its touch never claimed', async () => {
    const phone = nextPhone();
    const { touch, enrollment } = await enrollCaller(ledger, { phone, at: NOON - 10 * MIN, dueAt: NOON + 5 * MIN });
    const r = await outcome({ phone, booked: true }, NOON);
    expect(r.error).toBeUndefined();
    expect(r.outputs(exported.name).map((o) => o.length)).toEqual([1, 0]);
    expect(r.outputs(exported.name)[EXIT]![0]!.exit).toMatchObject({ reason: 'booked', enrollmentId: enrollment.id, enrollmentEnded: true, endedEnrollments: [enrollment.id] });
    expect(await ledger.enrollment(enrollment.id)).toMatchObject({ status: 'exited', endReason: 'booked' });
    expect((await ledger.touch(touch.id))?.status).toBe('cancelled');
    await outcome({ phone, booked: 'true' }, NOON + MIN); // the tool posts again
    expect(await ledger.auditTrail({ enrollmentId: enrollment.id, kinds: ['conversion'] })).toHaveLength(1);
    expect(await claimed(NOON + 10 * MIN)).not.toContain(touch.id);
  });

  it('continues on a CRM status the template does not list: the sequence and its touch go on', async () => {
    const phone = nextPhone();
    const { touch, enrollment } = await enrollCaller(ledger, { phone, at: NOON - 10 * MIN, dueAt: NOON + 5 * MIN });
    const r = await outcome({ phone, crmStatus: 'contacted' }, NOON);
    expect(r.outputs(exported.name).map((o) => o.length)).toEqual([0, 1]);
    expect(r.outputs(exported.name)[CONTINUE]![0]!.exit).toMatchObject({ exit: false, endedEnrollments: [] });
    expect(await ledger.enrollment(enrollment.id)).toMatchObject({ status: 'active' });
    expect(await ledger.auditTrail({ enrollmentId: enrollment.id, kinds: ['conversion'] })).toHaveLength(0);
    expect(await claimed(NOON + 10 * MIN)).toContain(touch.id);
  });

  it('ends on a listed CRM status in any case, and each sequence of the caller by its own template’s exits', async () => {
    const phone = nextPhone();
    const a = await enrollCaller(ledger, { phone, at: NOON - 10 * MIN, dueAt: NOON + 5 * MIN });
    const b = await enrollCaller(ledger, { phone, at: NOON - 9 * MIN, dueAt: NOON + 5 * MIN, template: statusOnly });
    // a booking ends fourTouch's sequence only: the other template does not exit on bookings
    const booked = await outcome({ phone, booked: true }, NOON);
    expect(booked.outputs(exported.name)[EXIT]![0]!.exit).toMatchObject({ reason: 'booked', endedEnrollments: [a.enrollment.id] });
    expect(await ledger.enrollment(b.enrollment.id)).toMatchObject({ status: 'active' });
    // "WON" is one of its CRM statuses
    const won = await outcome({ phone, crmStatus: 'WON' }, NOON + MIN);
    expect(won.outputs(exported.name)[EXIT]![0]!.exit).toMatchObject({ reason: 'crm_status', enrollmentId: b.enrollment.id, endedEnrollments: [b.enrollment.id] });
    expect(await ledger.enrollment(b.enrollment.id)).toMatchObject({ status: 'exited', endReason: 'crm_status' });
    const ids = await claimed(NOON + 10 * MIN);
    expect(ids).not.toContain(a.touch.id);
    expect(ids).not.toContain(b.touch.id);
  });
});
