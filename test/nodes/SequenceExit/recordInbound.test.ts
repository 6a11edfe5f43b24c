/**
 * Record Reply mode for one email item against a real embedded ledger: a bounce is recorded on the
 * touch of the email it returns and never read as a reply (found by the touch id in binary or JSON
 * attachments, or by the Message-ID); an automatic reply (by its headers) only pauses the contact.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IBinaryKeyData, IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLedger, type Ledger } from '../../../nodes/ledger';
import { RECORD_OUTPUT, recordInbound } from '../../../nodes/SequenceExit/recordInbound';
import { enrollCaller } from '../harness/fixtures';
import { asN8nItem, gmailBounce, postfixBounce, postfixDelay, vacationReply, withJsonAttachments } from '../../shared/optout/automatedEmailSamples';

// Friday 2026-11-20 12:00 in Miami (EST)
const NOON = Date.UTC(2026, 10, 20, 17, 0);
const MIN = 60_000;
const AUTO_REPLY = RECORD_OUTPUT.auto_reply;

let ledger: Ledger;
beforeAll(async () => {
  ledger = await openLedger({ kind: 'embedded', path: join(mkdtempSync(join(tmpdir(), 'record-inbound-')), 'ledger.sqlite') });
});
afterAll(async () => ledger.close());

let n = 0;
const nextPhone = () => `+1305555${String(7100 + ++n)}`;
let ids = 0;

/** A caller whose next-day email went out through SMTP at NOON with Message-ID `messageId`. */
async function emailed() {
  const phone = nextPhone();
  const messageId = `<${++ids}-${process.pid}-e0c1@brightside.example.com>`;
  const e = await enrollCaller(ledger, { phone, at: NOON - 30 * MIN, dueAt: NOON, stepId: 'email-next-day' });
  expect(await ledger.beginSend(e.touch.id, `k-${e.touch.id}`, NOON)).toBe('go');
  await ledger.completeTouch(e.touch.id, { status: 'sent', provider: 'smtp', providerMessageId: messageId, now: NOON });
  return { ...e, phone, messageId };
}

/** A fake node context: parameters, the item's binary (served by getBinaryDataBuffer). */
function fnWith(params: Record<string, unknown> = {}, binary?: IBinaryKeyData) {
  return {
    getNode: () => ({ name: 'Exit', type: 'sequenceExit', typeVersion: 1, position: [0, 0], parameters: {} }),
    getNodeParameter: (name: string, _i: number, fallback: unknown) => (name in params ? params[name] : fallback),
    getInputData: () => [{ json: {}, ...(binary ? { binary } : {}) }],
    helpers: {
      getBinaryDataBuffer: async (_i: number, key: string) => {
        const b = binary?.[key];
        if (!b) throw new Error(`no binary ${key}`);
        return Buffer.from(b.data, 'base64');
      },
    },
  } as unknown as IExecuteFunctions;
}
const record = (json: IDataObject, params?: Record<string, unknown>, binary?: IBinaryKeyData, now = NOON + 5 * MIN) =>
  recordInbound(fnWith(params, binary), 0, json, { ledger, now, zone: 'America/New_York', twilio: async () => { throw new Error('no Twilio here'); } });

/** The Email Trigger's Resolved item of `raw` and its attachments as n8n binary. */
async function resolved(raw: string) {
  const { json, attachments } = await asN8nItem(raw);
  const binary: IBinaryKeyData = Object.fromEntries(attachments.map((a, k) => [`attachment_${k}`, { data: a.content.toString('base64'), mimeType: a.contentType }]));
  return { json, binary };
}

/** Nothing a reply, opt-out or pause would leave: the contact untouched, the enrollment active. */
async function untouched(c: Awaited<ReturnType<typeof emailed>>) {
  const contact = await ledger.contact(c.phone);
  expect(contact).toMatchObject({ lastReply: null, pause: null, optOut: { sms: null, email: null } });
  expect((await ledger.enrollment(c.enrollment.id))?.status).toBe('active');
}

describe('recordInbound: bounces', () => {
  it('records a Postfix bounce on the touch named in the returned message (binary), as no reply and no opt-out', async () => {
    const c = await emailed();
    const { json, binary } = await resolved(postfixBounce({ messageId: c.messageId, touchId: c.touch.id, queueId: String(ids) }));
    const r = await record(json, {}, binary);
    expect(r.output).toBe(AUTO_REPLY);
    expect(r.json.exit).toMatchObject({
      mode: 'record',
      class: 'bounce',
      action: 'bounce_recorded',
      phone: c.phone,
      channel: 'email',
      permanent: true,
      status: '5.1.1',
      smtpCode: 550,
      recipient: 'dana@example.com',
      touchId: c.touch.id,
      enrollmentId: c.enrollment.id,
      delivery: { state: 'undelivered', changed: true, previous: null },
    });
    expect(await ledger.touch(c.touch.id)).toMatchObject({ deliveryStatus: 'undelivered', deliveryError: 550 });
    await untouched(c);
    const audit = await ledger.auditTrail({ phone: c.phone, kinds: ['sequence_exit'] });
    expect(audit.map((a) => [(a.data as IDataObject).action, a.touchId])).toEqual([['bounce_recorded', c.touch.id]]);
  });

  it('treats the same bounce again as a duplicate: nothing changes, one bounce_recorded', async () => {
    const c = await emailed();
    const { json, binary } = await resolved(postfixBounce({ messageId: c.messageId, touchId: c.touch.id, queueId: String(ids) }));
    await record(json, {}, binary);
    const again = await record(json, {}, binary, NOON + 6 * MIN);
    expect(again.output).toBe(AUTO_REPLY);
    expect(again.json.exit).toMatchObject({ class: 'bounce', action: 'duplicate', duplicate: true, delivery: { state: 'undelivered', changed: false, previous: 'undelivered' } });
    const audit = await ledger.auditTrail({ phone: c.phone, kinds: ['sequence_exit'] });
    expect(audit.map((a) => (a.data as IDataObject).action)).toEqual(['bounce_recorded', 'duplicate']);
  });

  it('finds the touch by the returned message’s Message-ID when it names no touch (JSON attachments)', async () => {
    const c = await emailed();
    const json = await withJsonAttachments(postfixBounce({ messageId: c.messageId, touchId: null, queueId: String(ids) }));
    const r = await record(json);
    expect(r.json.exit).toMatchObject({ class: 'bounce', touchId: c.touch.id, phone: c.phone, originalMessageId: c.messageId, delivery: { changed: true } });
    expect(await ledger.touch(c.touch.id)).toMatchObject({ deliveryStatus: 'undelivered', deliveryError: 550 });
  });

  it('finds the touch of a Gmail bounce by its In-Reply-To / X-Original-Message-ID', async () => {
    const c = await emailed();
    const r = await record((await resolved(gmailBounce(c.messageId))).json);
    expect(r.json.exit).toMatchObject({ class: 'bounce', touchId: c.touch.id, recipient: 'dana.lee.nope@gmail.com', delivery: { state: 'undelivered', changed: true } });
    await untouched(c);
  });

  it('does not fail a bounce it cannot tie to a contact: phone null, nothing recorded', async () => {
    const c = await emailed();
    const { json } = await resolved(postfixBounce({ messageId: c.messageId, touchId: c.touch.id, queueId: String(ids) })); // the returned message left in binary, not given
    const r = await record(json);
    expect(r.output).toBe(AUTO_REPLY);
    expect(r.json.exit).toMatchObject({ class: 'bounce', action: 'bounce_recorded', phone: null, touchId: null, delivery: { state: null, changed: false } });
    expect((await ledger.touch(c.touch.id))?.deliveryStatus).toBeNull();
    expect((await ledger.auditTrail({ kinds: ['sequence_exit'], order: 'desc', limit: 1 }))[0]).toMatchObject({ phone: null, data: { action: 'bounce_recorded' } });
  });

  it('takes the phone from Contact Phone when given', async () => {
    const c = await emailed();
    const other = nextPhone();
    const { json, binary } = await resolved(postfixBounce({ messageId: c.messageId, touchId: c.touch.id, queueId: String(ids) }));
    const r = await record(json, { contactPhone: other.replace('+1', '') }, binary);
    expect(r.json.exit).toMatchObject({ phone: other, touchId: c.touch.id });
  });

  it('records nothing on the touch for a delay warning', async () => {
    const c = await emailed();
    const { json: delay } = await resolved(postfixDelay);
    const json = { ...delay, headers: { ...(delay.headers as IDataObject), 'x-missed-call-touch': c.touch.id } };
    const r = await record(json);
    expect(r.output).toBe(AUTO_REPLY);
    expect(r.json.exit).toMatchObject({ class: 'bounce', permanent: false, status: '4.4.1', touchId: c.touch.id, phone: c.phone, delivery: { state: null, changed: false } });
    expect((await ledger.touch(c.touch.id))?.deliveryStatus).toBeNull();
    await untouched(c);
  });
});

describe('recordInbound: a hard bounce suppresses its address', () => {
  let k = 0;
  const address = () => `dana.${++k}.${process.pid}@example.com`;
  /** The sender's audit entry of a sent email (what the Follow-up Sender writes with the completion). */
  const sentAudit = (c: Awaited<ReturnType<typeof emailed>>, to: string, outcome = 'sent') =>
    ledger.audit({ kind: 'follow_up_send', phone: c.phone, enrollmentId: c.enrollment.id, touchId: c.touch.id, data: { outcome, channel: 'email', to, touchId: c.touch.id }, now: NOON });
  /** A mailer daemon's bounce of touch `touchId` that names no recipient. */
  const anonymousBounce = (touchId: string, status = '5.1.1', code = 550) => ({
    from: 'MAILER-DAEMON@mail.brightside.example.com (Mail Delivery System)',
    subject: 'Undelivered Mail Returned to Sender',
    text: `Action: failed\nStatus: ${status}\nDiagnostic-Code: smtp; ${code} ${status} mailbox unavailable\n\n> X-Missed-Call-Touch: ${touchId}`,
    messageId: `<nr-${touchId}@mail.brightside.example.com>`,
  });

  it('records the bounce’s recipient as suppressed (source bounce, its status), on the contact and the touch', async () => {
    const c = await emailed();
    const to = address();
    const { json, binary } = await resolved(postfixBounce({ messageId: c.messageId, touchId: c.touch.id, queueId: `s${ids}`, recipient: to }));
    const r = await record(json, {}, binary);
    expect(r.json.exit).toMatchObject({
      class: 'bounce',
      action: 'bounce_recorded',
      recipient: to,
      suppressed: { email: to, source: 'bounce', code: '5.1.1', since: new Date(NOON + 5 * MIN).toISOString(), firstTime: true },
      suppressReason: 'bad_address',
    });
    expect(await ledger.emailSuppression(to)).toEqual({ email: to, at: NOON + 5 * MIN, source: 'bounce', code: '5.1.1', touchId: c.touch.id, phone: c.phone });
    await untouched(c);
  });

  it('stays idempotent on a retried bounce: the first record, one email_suppressed entry', async () => {
    const c = await emailed();
    const to = address();
    const { json, binary } = await resolved(postfixBounce({ messageId: c.messageId, touchId: c.touch.id, queueId: `r${ids}`, recipient: to }));
    await record(json, {}, binary);
    const again = await record(json, {}, binary, NOON + 9 * MIN);
    expect(again.json.exit).toMatchObject({ action: 'duplicate', suppressed: { email: to, since: new Date(NOON + 5 * MIN).toISOString(), firstTime: false } });
    expect(await ledger.auditTrail({ phone: c.phone, kinds: ['email_suppressed'] })).toHaveLength(1);
    expect((await ledger.emailSuppression(to))?.at).toBe(NOON + 5 * MIN);
  });

  it('without a recipient in the bounce, suppresses the address the touch was sent to (the sender’s audit entry)', async () => {
    const c = await emailed();
    const to = address();
    await sentAudit(c, to, 'failed');
    await sentAudit(c, `Dana Lee <${to.toUpperCase()}>`);
    const r = await record(anonymousBounce(c.touch.id));
    expect(r.json.exit).toMatchObject({ recipient: null, touchId: c.touch.id, suppressed: { email: to, source: 'bounce', code: '5.1.1' }, suppressReason: 'bad_address' });
    expect(await ledger.emailSuppression(to)).toMatchObject({ touchId: c.touch.id, phone: c.phone });
  });

  it('suppresses the address the touch was sent to, not a forwarding target the bounce names', async () => {
    const c = await emailed();
    const [sent, forwardedTo] = [address(), address()];
    await sentAudit(c, sent);
    const { json, binary } = await resolved(postfixBounce({ messageId: c.messageId, touchId: c.touch.id, queueId: `f${ids}`, recipient: forwardedTo }));
    const r = await record(json, {}, binary);
    expect(r.json.exit).toMatchObject({ recipient: forwardedTo, suppressed: { email: sent, source: 'bounce' } });
    expect(await ledger.emailSuppression(forwardedTo)).toBeNull();
  });

  it('suppresses nothing for a bounce tied to no email of ours, whatever address it names (no_touch)', async () => {
    const to = address();
    const { json } = await resolved(postfixBounce({ messageId: '<unknown-1@mail.brightside.example.com>', touchId: null, queueId: `n${ids}`, recipient: to, returned: 'none' }));
    const r = await record(json);
    expect(r.json.exit).toMatchObject({ class: 'bounce', recipient: to, touchId: null, suppressed: null, suppressReason: 'no_touch' });
    expect(await ledger.emailSuppression(to)).toBeNull();
  });

  it('says so when it cannot tell which address bounced: suppressed null, no_address', async () => {
    const c = await emailed();
    const r = await record(anonymousBounce(c.touch.id));
    expect(r.json.exit).toMatchObject({ recipient: null, touchId: c.touch.id, delivery: { state: 'undelivered' }, suppressed: null, suppressReason: 'no_address' });
    expect(await ledger.auditTrail({ phone: c.phone, kinds: ['email_suppressed'] })).toEqual([]);
  });

  it.each([
    ['a refusal of our sending IP (5.7.1)', '5.7.1', 'policy'],
    ['a full mailbox (5.2.2)', '5.2.2', 'mailbox_full'],
  ])('records the bounce but suppresses nothing for %s', async (_label, status, reason) => {
    const c = await emailed();
    const to = address();
    await sentAudit(c, to);
    const r = await record(anonymousBounce(c.touch.id, status));
    expect(r.json.exit).toMatchObject({ status, delivery: { state: 'undelivered', changed: true }, suppressed: null, suppressReason: reason });
    expect(await ledger.emailSuppression(to)).toBeNull();
  });

  it('suppresses nothing on a delay warning', async () => {
    const c = await emailed();
    const { json: delay } = await resolved(postfixDelay);
    const r = await record({ ...delay, headers: { ...(delay.headers as IDataObject), 'x-missed-call-touch': c.touch.id } });
    expect(r.json.exit).toMatchObject({ permanent: false, suppressed: null, suppressReason: 'not_permanent' });
    expect(await ledger.auditTrail({ phone: c.phone, kinds: ['email_suppressed'] })).toEqual([]);
  });
});

describe('recordInbound: automatic replies by their headers', () => {
  const auto = (text: string, headers: IDataObject = { 'auto-submitted': 'Auto-Submitted: auto-replied' }) => ({
    from: 'Dana Lee <dana@example.com>',
    subject: 'Automatic reply: your call',
    text,
    headers,
    messageId: `<auto-${++ids}@example.com>`,
  });

  it('pauses on a vacation notice whose text reads like a reply, never re-engaging', async () => {
    const c = await emailed();
    const { json } = await resolved(vacationReply("Thanks, I'll reply soon"));
    const r = await record(json, { contactPhone: c.phone, autoReplyPauseDays: 2 });
    expect(r.output).toBe(AUTO_REPLY);
    expect(r.json.exit).toMatchObject({ class: 'auto_reply', matched: 'auto_submitted', automated: 'auto_submitted', action: 'paused', pausedUntil: new Date(NOON + 5 * MIN + 2 * 86_400_000).toISOString() });
    const contact = await ledger.contact(c.phone);
    expect(contact?.lastReply).toBeNull();
    expect(contact?.pause).toMatchObject({ reason: 'auto_reply:auto_submitted' });
    expect((await ledger.enrollment(c.enrollment.id))?.status).toBe('active');
  });

  it('keeps the text’s own out-of-office reading and its return date', async () => {
    const c = await emailed();
    const r = await record(auto('I am out of the office until Dec 3.'), { contactPhone: c.phone });
    expect(r.json.exit).toMatchObject({ class: 'auto_reply', matched: 'out_of_office', returnDate: '2026-12-03', automated: 'auto_submitted' });
  });

  it('still honours an opt-out in an automatic message', async () => {
    const c = await emailed();
    const r = await record(auto('STOP'), { contactPhone: c.phone });
    expect(r.output).toBe(RECORD_OUTPUT.stop);
    expect((await ledger.contact(c.phone))?.optOut.email).not.toBeNull();
  });

  it('never re-subscribes on an automatic START, nor answers an automatic HELP', async () => {
    const c = await emailed();
    await ledger.recordOptOut(c.phone, { channel: 'email', source: 'email_reply', text: 'unsubscribe', now: NOON + MIN });
    const start = await record(auto('START', { 'X-Autoreply': 'yes' }), { contactPhone: c.phone });
    expect(start.output).toBe(AUTO_REPLY);
    expect(start.json.exit).toMatchObject({ class: 'auto_reply', matched: 'auto_submitted', automated: 'autoreply_header' });
    expect((await ledger.contact(c.phone))?.optOut.email).not.toBeNull();
    const help = await record(auto('HELP', { Precedence: 'bulk' }), { contactPhone: c.phone, supportPhone: '305-555-0100' });
    expect(help.output).toBe(AUTO_REPLY);
    expect(help.json.reply).toBeNull();
  });

  it('records a person’s reply marked Auto-Submitted: no as a reply', async () => {
    const c = await emailed();
    const r = await record(auto('Tuesday works, thanks', { 'Auto-Submitted': 'no' }), { contactPhone: c.phone });
    expect(r.output).toBe(RECORD_OUTPUT.reply);
    expect(r.json.exit).not.toHaveProperty('automated');
    expect((await ledger.enrollment(c.enrollment.id))?.status).toBe('exited');
  });
});
