/**
 * Sequence Exit (Record Reply) on automated emails in real n8n workflows, on both ledgers: the real
 * Follow-up Sender emails the caller through a real SMTP server (so the touch has its Message-ID),
 * then a bounce or an automatic reply arrives as an Email Trigger item. A bounce goes to Auto-reply
 * and marks the touch undelivered, never read as a reply or an opt-out; an automatic reply pauses,
 * never re-engages or re-subscribes.
 */
import type { IDataObject } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { Ledger } from '../../../nodes/ledger';
import { closeSmtpTransports } from '../../../nodes/transport/smtp';
import { asN8nItem, gmailBounce, postfixBounce, vacationReply, withJsonAttachments } from '../../shared/optout/automatedEmailSamples';
import { loadHarness, type Harness } from '../harness';
import { enrollCaller } from '../harness/fixtures';
import { describeOnLedgers, type LedgerUse } from '../ledger/describeOnLedgers';
import { startSmtp } from '../transport/smtpServer';

// Friday 2026-11-20 12:00 in Miami (EST)
const NOON = Date.UTC(2026, 10, 20, 17, 0);
const MIN = 60_000;
const [OPT_IN, REENGAGED, AUTO_REPLY] = [1, 3, 4];
const [SENT, NOT_SENT] = [0, 1];
const DAY = 24 * 60 * MIN;
const iso = (t: number) => new Date(t).toISOString();

let h: Harness;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
beforeAll(async () => {
  h = await loadHarness();
  smtp = await startSmtp();
});
afterAll(async () => {
  closeSmtpTransports();
  await smtp.close();
});
beforeEach(() => {
  smtp.received.length = 0;
});

let n = 0;
const nextPhone = () => `+1305555${String(7400 + ++n)}`;

/** The real Follow-up Sender run on the caller's email touch at `now`, to `email`. */
function sendEmail(use: LedgerUse, c: { phone: string; touch: { id: string }; enrollment: { id: string }; call: unknown }, email: string, now = NOON) {
  return h.runWorkflow({
    nodes: [{ name: 'Send', type: 'followUpSender', parameters: { currentTime: iso(now), fromNumber: '+15125550100', ...use.params } }],
    connections: [],
    startNode: 'Send',
    triggerItems: [{ touch: { id: c.touch.id, phone: c.phone, enrollmentId: c.enrollment.id }, contact: { phone: c.phone, name: 'Dana Lee', email }, call: c.call as IDataObject }],
    credentials: {
      ...use.credentials,
      // the node's Twilio credential is required; an email step never uses it
      missedCallTwilioApi: { authType: 'authToken', accountSid: 'AC00000000000000000000000000000000', authToken: 'unused', baseUrl: 'http://127.0.0.1:9' },
      missedCallSmtp: { host: '127.0.0.1', port: smtp.port, secure: false, user: 'mailer', password: 'secret', from: 'Brightside <hello@brightside.example.com>' },
    },
  });
}

/** A caller whose next-day email the real Follow-up Sender sent through SMTP at NOON, to an address of their own. */
async function emailedCaller(ledger: Ledger, use: LedgerUse) {
  const phone = nextPhone();
  // an address per caller: a bounce suppresses its address for every later email
  const email = `dana.${n}.${use.params.ledger ?? 'e'}@example.com`;
  const e = await enrollCaller(ledger, { phone, at: NOON - 30 * MIN, dueAt: NOON, stepId: 'email-next-day' });
  const r = await sendEmail(use, { ...e, phone }, email);
  expect(r.error).toBeUndefined();
  expect(r.outputs('Send')[SENT]).toHaveLength(1);
  const touch = (await ledger.touch(e.touch.id))!;
  const mail = smtp.received.at(-1)!;
  // what the bounce will quote: the Message-ID and X-Missed-Call-Touch of the email that went out
  expect(touch).toMatchObject({ status: 'sent', provider: 'smtp', providerMessageId: mail.messageId });
  expect(mail.headers.get('x-missed-call-touch')).toBe(touch.id);
  return { ...e, phone, email, touch, messageId: mail.messageId! };
}

function exitNode(use: LedgerUse, items: IDataObject[], now: number, parameters: Record<string, unknown> = {}) {
  return h.runWorkflow({
    nodes: [{ name: 'Exit', type: 'sequenceExit', parameters: { currentTime: iso(now), ...use.params, ...parameters } }],
    connections: [],
    startNode: 'Exit',
    triggerItems: items,
    credentials: use.credentials,
  });
}

/** No reply, opt-out or pause on record, the enrollment still active. */
async function noReply(ledger: Ledger, c: { phone: string; enrollment: { id: string } }) {
  expect(await ledger.contact(c.phone)).toMatchObject({ lastReply: null, pause: null, optOut: { sms: null, email: null } });
  expect((await ledger.enrollment(c.enrollment.id))?.status).toBe('active');
}

await describeOnLedgers('Sequence Exit tells bounces and automatic replies from people', 'exit_automated', (getLedger, use) => {
  it('records a Postfix bounce quoting X-Missed-Call-Touch on its touch: Auto-reply, undelivered 550, no reply, no opt-out', async () => {
    const ledger = getLedger();
    const c = await emailedCaller(ledger, use);
    const item = await withJsonAttachments(postfixBounce({ messageId: c.messageId, touchId: c.touch.id, queueId: `${use.params.ledger ?? 'e'}${n}`, recipient: c.email }));
    const r = await exitNode(use, [item], NOON + 10 * MIN);
    expect(r.error).toBeUndefined();
    const outs = r.outputs('Exit');
    expect(outs.map((o) => o.length)).toEqual([0, 0, 0, 0, 1]);
    expect(outs[AUTO_REPLY]![0]!.exit).toMatchObject({
      class: 'bounce',
      action: 'bounce_recorded',
      phone: c.phone,
      permanent: true,
      status: '5.1.1',
      smtpCode: 550,
      touchId: c.touch.id,
      delivery: { state: 'undelivered', changed: true, previous: null },
    });
    expect(await ledger.touch(c.touch.id)).toMatchObject({ deliveryStatus: 'undelivered', deliveryError: 550 });
    await noReply(ledger, c);
    expect((await ledger.auditTrail({ phone: c.phone, kinds: ['sequence_exit'] })).map((a) => (a.data as IDataObject).action)).toEqual(['bounce_recorded']);
  });

  it('a hard bounce stops later emails to its address: the next email touch of the sequence is blocked, unsent, and the sequence goes on', async () => {
    const ledger = getLedger();
    const c = await emailedCaller(ledger, use);
    const item = await withJsonAttachments(postfixBounce({ messageId: c.messageId, touchId: c.touch.id, queueId: `s${use.params.ledger ?? 'e'}${n}`, recipient: c.email }));
    const r = await exitNode(use, [item], NOON + 10 * MIN);
    expect(r.outputs('Exit')[AUTO_REPLY]![0]!.exit).toMatchObject({
      class: 'bounce',
      suppressed: { email: c.email, source: 'bounce', code: '5.1.1', since: iso(NOON + 10 * MIN), firstTime: true },
      suppressReason: 'bad_address',
    });
    // a later email to that address (here another caller's, who gave the same one, in another case): never sent
    const phone = nextPhone();
    const other = await enrollCaller(ledger, { phone, at: NOON + DAY - 30 * MIN, dueAt: NOON + DAY, stepId: 'email-next-day' });
    const received = smtp.received.length;
    const s = await sendEmail(use, { ...other, phone }, c.email.toUpperCase(), NOON + DAY);
    expect(s.error).toBeUndefined();
    expect(s.outputs('Send')[NOT_SENT]![0]!.send).toMatchObject({
      outcome: 'blocked',
      reason: 'EMAIL_SUPPRESSED',
      suppression: { source: 'bounce', code: '5.1.1', since: iso(NOON + 10 * MIN) },
      next: { stepId: 'callback-day-2' },
    });
    expect(smtp.received).toHaveLength(received);
    expect(await ledger.touch(other.touch.id)).toMatchObject({ status: 'blocked' });
    await noReply(ledger, c);
  });

  it('finds the touch of a bounce by the quoted Message-ID alone (Gmail’s report and In-Reply-To)', async () => {
    const ledger = getLedger();
    const c = await emailedCaller(ledger, use);
    const { json } = await asN8nItem(gmailBounce(c.messageId).replace('<5f6e7d8c.', `<5f6e7d8c${n}${use.params.ledger ?? ''}.`));
    const r = await exitNode(use, [json], NOON + 10 * MIN);
    expect(r.outputs('Exit')[AUTO_REPLY]![0]!.exit).toMatchObject({ class: 'bounce', touchId: c.touch.id, phone: c.phone, originalMessageId: c.messageId, delivery: { changed: true } });
    expect(await ledger.touch(c.touch.id)).toMatchObject({ deliveryStatus: 'undelivered', deliveryError: 550 });
    await noReply(ledger, c);
  });

  it('pauses on a vacation auto-reply (Auto-Submitted) saying "Thanks, I’ll reply soon", never re-engaging', async () => {
    const ledger = getLedger();
    const c = await emailedCaller(ledger, use);
    const { json } = await asN8nItem(vacationReply("Thanks, I'll reply soon"));
    const r = await exitNode(use, [json], NOON + 10 * MIN, { contactPhone: c.phone });
    const outs = r.outputs('Exit');
    expect(outs[REENGAGED]).toHaveLength(0);
    expect(outs[AUTO_REPLY]![0]!.exit).toMatchObject({ class: 'auto_reply', action: 'paused', matched: 'auto_submitted', automated: 'auto_submitted' });
    const contact = await ledger.contact(c.phone);
    expect(contact?.lastReply).toBeNull();
    expect(contact?.pause).toMatchObject({ reason: 'auto_reply:auto_submitted' });
    expect((await ledger.enrollment(c.enrollment.id))?.status).toBe('active');
  });

  it('keeps an opted-out contact opted out when an automatic message says START', async () => {
    const ledger = getLedger();
    const c = await emailedCaller(ledger, use);
    await ledger.recordOptOut(c.phone, { channel: 'email', source: 'email_reply', text: 'unsubscribe', now: NOON + MIN });
    const { json } = await asN8nItem(vacationReply('START'));
    const r = await exitNode(use, [json], NOON + 10 * MIN, { contactPhone: c.phone });
    expect(r.outputs('Exit')[OPT_IN]).toHaveLength(0);
    expect(r.outputs('Exit')[AUTO_REPLY]![0]!.exit).toMatchObject({ class: 'auto_reply', matched: 'auto_submitted' });
    expect((await ledger.contact(c.phone))?.optOut.email).not.toBeNull();
  });
});
