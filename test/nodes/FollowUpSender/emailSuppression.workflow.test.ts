/**
 * The Follow-up Sender and the ledger's email suppression list, in real n8n workflows on both ledgers,
 * against a real SMTP server whose replies are scripted (test/e2e/faults/faultySmtp): a suppressed
 * address gets no email (EMAIL_SUPPRESSED, blocked, the sequence goes on, no connection made); an SMTP
 * refusal of the address itself at RCPT TO records the suppression (source smtp_rejected), a refusal
 * about us or the message does not.
 */
import { StatementSync } from 'node:sqlite';
import type { IDataObject } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import { EMAIL_SUPPRESSED_KIND } from '../../../nodes/ledger';
import { closeSmtpTransports } from '../../../nodes/transport/smtp';
import { startFaultySmtp, type FaultySmtp } from '../../e2e/faults/faultySmtp';
import { loadHarness, type Harness } from '../harness';
import { enrollCaller } from '../harness/fixtures';
import { describeOnLedgers } from '../ledger/describeOnLedgers';

// Thursday 2027-01-14 12:00 in Miami (EST)
const NOON = Date.UTC(2027, 0, 14, 17, 0);
const MIN = 60_000;
const [SENT, NOT_SENT] = [0, 1];
const iso = (t: number) => new Date(t).toISOString();

let h: Harness;
let smtp: FaultySmtp;
beforeAll(async () => {
  h = await loadHarness();
  smtp = await startFaultySmtp('mailer', 'secret');
});
afterAll(async () => {
  closeSmtpTransports();
  await smtp.close();
});
beforeEach(() => {
  smtp.received.length = 0;
  smtp.connections.length = 0;
});

let n = 0;
const nextPhone = () => `+1305555${String(8200 + ++n)}`;
const nextEmail = () => `dana.${++n}.${process.pid}@example.com`;

type Send = IDataObject & {
  outcome: string;
  reason: string | null;
  to: string | null;
  providerCode?: number | null;
  providerStatus?: string | null;
  suppression?: { source: string; code: string | null; since: string };
  next: { stepId: string; dueAt: string } | null;
};

await describeOnLedgers('Follow-up Sender: suppressed email addresses', 'sender_suppress', (ledgerOf, use) => {
  /** A caller enrolled at the next-day email step (or `stepId`), due at NOON. */
  async function enrolled(stepId = 'email-next-day') {
    const ledger = ledgerOf();
    const phone = nextPhone();
    const e = await enrollCaller(ledger, { phone, at: NOON - 30 * MIN, dueAt: NOON, stepId });
    return { ...e, phone };
  }

  async function send(e: Awaited<ReturnType<typeof enrolled>>, email: string | null, now = NOON, parameters: Record<string, unknown> = {}) {
    const r = await h.runWorkflow({
      nodes: [{ name: 'Send', type: 'followUpSender', parameters: { currentTime: iso(now), fromNumber: '+15125550100', ...use.params, ...parameters } }],
      connections: [],
      startNode: 'Send',
      triggerItems: [{ touch: { id: e.touch.id, phone: e.phone, enrollmentId: e.enrollment.id }, contact: { phone: e.phone, name: 'Dana Lee', ...(email ? { email } : {}) }, call: e.call as unknown as IDataObject }],
      credentials: {
        ...use.credentials,
        // the node's Twilio credential is required; an email step never uses it
        missedCallTwilioApi: { authType: 'authToken', accountSid: 'AC00000000000000000000000000000000', authToken: 'unused', baseUrl: 'http://127.0.0.1:9' },
        missedCallSmtp: { host: '127.0.0.1', port: smtp.port, secure: false, user: 'mailer', password: 'secret', from: 'Brightside <hello@brightside.example.com>' },
      },
    });
    expect(r.error).toBeUndefined();
    const [sent, notSent] = [r.outputs('Send')[SENT] ?? [], r.outputs('Send')[NOT_SENT] ?? []];
    expect(sent.length + notSent.length).toBe(1);
    return { output: sent.length === 1 ? SENT : NOT_SENT, send: (sent[0] ?? notSent[0])!.send as Send };
  }

  const steps = async (enrollmentId: string) => (await ledgerOf().touchesOf(enrollmentId)).map((t) => [t.stepId, t.status]);

  it('blocks an email step to a suppressed address without connecting, and goes on to the next step', async () => {
    const ledger = ledgerOf();
    const email = nextEmail();
    await ledger.recordEmailSuppression({ email, phone: null, source: 'bounce', code: '5.1.1', touchId: 't-earlier', now: NOON - 60 * MIN });
    const e = await enrolled();
    // the address as the CRM spells it: another case, a display name
    const r = await send(e, `Dana Lee <${email.toUpperCase()}>`);
    expect(r.output).toBe(NOT_SENT);
    expect(r.send).toMatchObject({
      outcome: 'blocked',
      reason: 'EMAIL_SUPPRESSED',
      provider: null,
      messageId: null,
      suppression: { source: 'bounce', code: '5.1.1', since: iso(NOON - 60 * MIN) },
      next: { stepId: 'callback-day-2' },
    });
    expect(smtp.connections).toHaveLength(0);
    expect(await steps(e.enrollment.id)).toEqual([
      ['email-next-day', 'blocked'],
      ['callback-day-2', 'pending'],
    ]);
    expect((await ledger.touch(e.touch.id))?.detail).toEqual({ reason: 'EMAIL_SUPPRESSED', suppression: { source: 'bounce', code: '5.1.1', since: iso(NOON - 60 * MIN) } });
    const audit = await ledger.auditTrail({ enrollmentId: e.enrollment.id, kinds: ['follow_up_send'] });
    expect(audit.map((a) => a.data)).toEqual([expect.objectContaining({ outcome: 'blocked', reason: 'EMAIL_SUPPRESSED', suppression: expect.objectContaining({ source: 'bounce' }) })]);
    // the same item again: the touch is done, nothing more happens
    expect((await send(e, email, NOON + MIN)).send).toMatchObject({ outcome: 'skipped', reason: 'STOPPED' });
    expect(smtp.connections).toHaveLength(0);
  });

  it('records the suppression when SMTP refuses the address at RCPT TO (550 5.1.1); the next email to it is blocked', async () => {
    const ledger = ledgerOf();
    const email = nextEmail();
    const first = await enrolled();
    smtp.script({ stage: 'RCPT', reply: `550 5.1.1 <${email}>: Recipient address rejected: User unknown in virtual mailbox table` });
    const r = await send(first, email);
    expect(r.send).toMatchObject({ outcome: 'blocked', reason: 'EMAIL_REJECTED', providerCode: 550, providerStatus: '5.1.1', suppression: { source: 'smtp_rejected', code: '5.1.1', since: iso(NOON) }, next: { stepId: 'callback-day-2' } });
    expect(smtp.connections).toHaveLength(1);
    expect(await ledger.emailSuppression(email)).toEqual({ email, at: NOON, source: 'smtp_rejected', code: '5.1.1', touchId: first.touch.id, phone: first.phone });
    expect((await ledger.touch(first.touch.id))?.detail).toMatchObject({ reason: 'EMAIL_REJECTED', code: 550, status: '5.1.1', stage: 'recipient', suppressed: true });
    // audited once, on the caller and the touch
    const trail = await ledger.auditTrail({ phone: first.phone, kinds: [EMAIL_SUPPRESSED_KIND] });
    expect(trail.map((a) => [a.touchId, a.data])).toEqual([[first.touch.id, { email, source: 'smtp_rejected', code: '5.1.1', touchId: first.touch.id }]]);

    // another caller who gave the same address: no connection, blocked, the sequence goes on
    const second = await enrolled();
    expect((await send(second, email, NOON + MIN)).send).toMatchObject({ outcome: 'blocked', reason: 'EMAIL_SUPPRESSED', suppression: { source: 'smtp_rejected', code: '5.1.1', since: iso(NOON) } });
    expect(smtp.connections).toHaveLength(1);
  });

  it('records a bare 550 without an enhanced status under its code', async () => {
    const email = nextEmail();
    smtp.script({ stage: 'RCPT', reply: '550 No such user here' });
    const r = await send(await enrolled(), email);
    expect(r.send).toMatchObject({ reason: 'EMAIL_REJECTED', providerCode: 550, providerStatus: null, suppression: { source: 'smtp_rejected', code: '550' } });
    expect(await ledgerOf().emailSuppression(email)).toMatchObject({ code: '550' });
  });

  it.each([
    ['a refusal of our sending IP at RCPT TO (5.7.1)', { stage: 'RCPT' as const, reply: '550 5.7.1 Service unavailable; Client host [203.0.113.9] blocked using zen.spamhaus.org' }, 550, '5.7.1'],
    ['a full mailbox at RCPT TO (5.2.2)', { stage: 'RCPT' as const, reply: '552 5.2.2 The email account that you tried to reach is over quota' }, 552, '5.2.2'],
    ['our sender refused at MAIL FROM', { stage: 'MAIL' as const, reply: '553 5.1.8 <hello@brightside.example.com>: Sender address rejected: Domain not found' }, 553, '5.1.8'],
    ['the message refused as spam after its data', { stage: 'EOD' as const, reply: '554 5.7.1 Message rejected as spam by Content Filtering' }, 554, '5.7.1'],
  ])('records no suppression for %s: the next email to the address goes out', async (_label, fault, code, status) => {
    const email = nextEmail();
    smtp.script(fault);
    const r = await send(await enrolled(), email);
    expect(r.send).toMatchObject({ outcome: 'blocked', reason: 'EMAIL_REJECTED', providerCode: code, providerStatus: status });
    expect(r.send.suppression).toBeUndefined();
    expect(await ledgerOf().emailSuppression(email)).toBeNull();
    const next = await send(await enrolled(), email, NOON + MIN);
    expect(next.send).toMatchObject({ outcome: 'sent', to: email });
    expect(smtp.received.map((m) => (m.to && 'value' in m.to ? m.to.value[0]!.address : null))).toEqual([email]);
  });

  it('records no suppression when the login fails (535), however permanent', async () => {
    const email = nextEmail();
    const e = await enrolled();
    const r = await h.runWorkflow({
      nodes: [{ name: 'Send', type: 'followUpSender', parameters: { currentTime: iso(NOON), fromNumber: '+15125550100', ...use.params } }],
      connections: [],
      startNode: 'Send',
      triggerItems: [{ touch: { id: e.touch.id, phone: e.phone, enrollmentId: e.enrollment.id }, contact: { phone: e.phone, email }, call: e.call as unknown as IDataObject }],
      credentials: {
        ...use.credentials,
        missedCallTwilioApi: { authType: 'authToken', accountSid: 'AC00000000000000000000000000000000', authToken: 'unused', baseUrl: 'http://127.0.0.1:9' },
        missedCallSmtp: { host: '127.0.0.1', port: smtp.port, secure: false, user: 'mailer', password: 'wrong', from: 'Brightside <hello@brightside.example.com>' },
      },
      credentialIds: { missedCallSmtp: `smtp-wrong-${n}` },
    });
    expect(r.outputs('Send')[NOT_SENT]![0]!.send).toMatchObject({ reason: 'EMAIL_REJECTED', providerCode: 535 });
    expect(await ledgerOf().emailSuppression(email)).toBeNull();
  });

  it('sends again once the suppression is cleared', async () => {
    const ledger = ledgerOf();
    const email = nextEmail();
    await ledger.recordEmailSuppression({ email, phone: null, source: 'manual', code: null, touchId: null, now: NOON - MIN });
    expect(await ledger.clearEmailSuppression(email, { reason: 'customer confirmed the address', now: NOON - 1 })).toMatchObject({ cleared: { source: 'manual' } });
    expect((await send(await enrolled(), email)).send).toMatchObject({ outcome: 'sent', to: email });
  });

  it('never reads the suppression list for an SMS step, and texts a caller whose email is suppressed', async () => {
    const ledger = ledgerOf();
    const email = nextEmail();
    await ledger.recordEmailSuppression({ email, phone: null, source: 'bounce', code: '5.1.1', touchId: null, now: NOON - MIN });
    const sms = await enrolled('sms-first');
    const mail = await enrolled();
    // the embedded ledger's reads, where node:sqlite runs them (the built package uses the same module)
    const get = vi.spyOn(StatementSync.prototype, 'get');
    const read = () => get.mock.contexts.splice(0).map((st) => String((st as StatementSync).sourceSQL));
    try {
      expect((await send(sms, email, NOON, { smsProvider: 'sandbox' })).send).toMatchObject({ outcome: 'sent', channel: 'sms' });
      const onSms = read();
      expect((await send(mail, email)).send).toMatchObject({ reason: 'EMAIL_SUPPRESSED' });
      const onEmail = read();
      if (use.params.ledger === undefined) {
        expect(onSms.length).toBeGreaterThan(0);
        expect(onSms.filter((q) => q.includes('email_suppressions'))).toEqual([]);
        expect(onEmail.filter((q) => q.includes('email_suppressions'))).toHaveLength(1);
      }
    } finally {
      get.mockRestore();
    }
  });
});
