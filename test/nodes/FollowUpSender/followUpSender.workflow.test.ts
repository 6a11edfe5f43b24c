import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openLedger, type Ledger } from '../../../nodes/ledger';
import { nextAfterTouch } from '../../../nodes/shared/nextAfterTouch';
import { closeSmtpTransports } from '../../../nodes/transport/smtp';
import { fourTouch } from '../../../shared/templates';
import { startTwilioEmulator, type TwilioEmulator } from '../../emulators/twilioEmulator';
import { embeddedLedgerFile, loadHarness, useFreshUserFolder, type Harness } from '../harness';
import { enrollCaller } from '../harness/fixtures';
import { failWrites } from '../ledger/failWrites';
import { header, startSmtp } from '../transport/smtpServer';

// Thursday 2027-01-14 12:00 in Miami (EST)
const NOON = Date.UTC(2027, 0, 14, 17, 0);
const MIN = 60_000;
const SENT = 0;
const NOT_SENT = 1;

let h: Harness;
let ledger: Ledger;
let tw: TwilioEmulator;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let n = 0;
/** a fresh Miami number per test, so contacts never share state */
const phone = () => `+1305555${String(1000 + ++n).padStart(4, '0')}`;

beforeAll(async () => {
  useFreshUserFolder();
  h = await loadHarness();
  ledger = await openLedger({ kind: 'embedded', path: embeddedLedgerFile() });
  tw = await startTwilioEmulator();
  smtp = await startSmtp();
});
afterAll(async () => {
  await ledger.close();
  await tw.close();
  closeSmtpTransports();
  await smtp.close();
});
beforeEach(() => {
  tw.reset();
  smtp.received.length = 0;
});

function sender(items: object[], now: number, parameters: Record<string, unknown> = {}) {
  return h.runWorkflow({
    nodes: [
      {
        name: 'Send',
        type: 'followUpSender',
        parameters: { currentTime: new Date(now).toISOString(), fromNumber: '+15125550100', statusCallback: 'https://hooks.example.com/status', ...parameters },
      },
    ],
    connections: [],
    startNode: 'Send',
    triggerItems: items as never,
    credentials: {
      missedCallTwilioApi: { authType: 'authToken', accountSid: tw.accountSid, authToken: tw.authToken, baseUrl: tw.url },
      missedCallSmtp: { host: '127.0.0.1', port: smtp.port, secure: false, user: 'mailer', password: 'secret', from: 'Brightside <hello@brightside.example.com>' },
    },
  });
}

async function enrolled(o: { stepId?: string; template?: typeof fourTouch } = {}) {
  const p = phone();
  const at = NOON - 2 * MIN;
  const e = await enrollCaller(ledger, { phone: p, at, dueAt: NOON, ...o });
  const item = { touch: { id: e.touch.id, phone: p, enrollmentId: e.enrollment.id }, contact: { phone: p, name: 'Dana Lee' }, call: e.call };
  return { ...e, phone: p, item, callAt: Date.parse(e.call.startedAt!) };
}

type Send = { outcome: string; reason: string | null; stop?: string; variant: string; messageId: string; attempts?: number; next: { stepId: string; dueAt: string } | null; enrollmentCompleted: boolean };
const sendOf = (r: Awaited<ReturnType<typeof sender>>, out: number) => r.outputs('Send')[out]![0]!.send as Send;

describe('Follow-up Sender in a real n8n workflow', () => {
  it('sends a personalized SMS through Twilio and schedules the next step at call + 24 h', async () => {
    const e = await enrolled();
    const r = await sender([e.item], NOON);
    expect(r.error).toBeUndefined();
    expect(r.outputs('Send').map((o) => o.length)).toEqual([1, 0]);
    expect(tw.violations).toEqual([]);
    expect(tw.messages).toHaveLength(1);
    const m = tw.messages[0]!;
    expect(m).toMatchObject({ to: e.phone, from: '+15125550100', statusCallback: 'https://hooks.example.com/status' });
    expect(m.body).toContain('Dana');
    expect(m.body).toContain('Brightside Plumbing');
    expect(m.body).toContain('call to Service');
    const s = sendOf(r, SENT);
    expect(['default', 'question']).toContain(s.variant);
    expect(s.messageId).toBe(m.sid);
    const callAt = e.callAt;
    expect(s.next).toMatchObject({ stepId: 'email-next-day', dueAt: new Date(callAt + 24 * 60 * MIN).toISOString() });
    const touches = await ledger.touchesOf(e.enrollment.id);
    expect(touches.map((t) => [t.stepId, t.status, t.dueAt])).toEqual([
      ['sms-first', 'sent', NOON],
      ['email-next-day', 'pending', callAt + 24 * 60 * MIN],
    ]);
    expect(touches[0]!.providerMessageId).toBe(m.sid);
    const audit = await ledger.auditTrail({ enrollmentId: e.enrollment.id });
    expect(audit.find((a) => a.kind === 'follow_up_send')?.data).toMatchObject({ outcome: 'sent', variant: s.variant });
  });

  it('picks the same A/B variant for the same enrollment every time', async () => {
    const e = await enrolled();
    const r1 = await sender([e.item], NOON);
    const again = await sender([e.item], NOON + MIN);
    expect(sendOf(again, NOT_SENT).variant).toBe(sendOf(r1, SENT).variant);
  });

  it('never sends twice: the same item run again goes to Not Sent (ALREADY_SENT)', async () => {
    const e = await enrolled();
    await sender([e.item], NOON);
    const r = await sender([e.item, e.item], NOON + MIN);
    expect(r.outputs('Send').map((o) => o.length)).toEqual([0, 2]);
    expect(sendOf(r, NOT_SENT)).toMatchObject({ outcome: 'skipped', reason: 'ALREADY_SENT' });
    expect(tw.messages).toHaveLength(1);
  });

  it.each([
    ['a reply', (l: Ledger, p: string) => l.recordReply(p, { text: 'call me at 5', class: 'reply', channel: 'sms', now: NOON - MIN }), 'replied'],
    ['an opt-out', (l: Ledger, p: string) => l.recordOptOut(p, { channel: 'sms', source: 'sms_stop', text: 'STOP', now: NOON - MIN }), 'opted_out'],
    ['a paused contact', (l: Ledger, p: string) => l.pauseContact(p, null, 'on vacation', NOON - MIN), 'contact_paused'],
  ])('does not send after %s recorded in the ledger', async (_n, record, stop) => {
    const e = await enrolled();
    await record(ledger, e.phone);
    const r = await sender([e.item], NOON);
    expect(r.outputs('Send').map((o) => o.length)).toEqual([0, 1]);
    expect(sendOf(r, NOT_SENT)).toMatchObject({ outcome: 'skipped', reason: 'STOPPED' });
    expect(['enrollment_exited', stop]).toContain(sendOf(r, NOT_SENT).stop);
    expect(tw.messages).toHaveLength(0);
    expect(tw.requests).toHaveLength(0);
  });

  it('records an opt-out when Twilio answers 21610 and routes the item to Not Sent', async () => {
    const e = await enrolled();
    tw.scriptFor(e.phone, { kind: 'error', code: 21610 });
    const r = await sender([e.item], NOON);
    expect(sendOf(r, NOT_SENT)).toMatchObject({ outcome: 'blocked', reason: 'OPTED_OUT', next: null });
    const contact = await ledger.contact(e.phone);
    expect(contact?.optOut.sms).toMatchObject({ source: 'twilio_21610', at: NOON });
    expect((await ledger.enrollment(e.enrollment.id))?.status).toBe('exited');
    expect((await ledger.touch(e.touch.id))?.status).toBe('failed');
    expect(tw.violations).toEqual([]);
    // the send's audit entry comes last, after the opt-out it led to
    expect((await ledger.auditTrail({ phone: e.phone })).slice(-4).map((a) => a.kind)).toEqual(['touch_completed', 'enrollment_exited', 'opt_out', 'follow_up_send']);
  });

  it.each([
    [21211, 'INVALID_NUMBER'],
    [21614, 'NOT_MOBILE'],
  ])('treats Twilio %i as blocked (%s) and moves on to the next step', async (code, reason) => {
    const e = await enrolled();
    tw.script({ kind: 'error', code });
    const r = await sender([e.item], NOON);
    expect(sendOf(r, NOT_SENT)).toMatchObject({ outcome: 'blocked', reason, next: { stepId: 'email-next-day' } });
  });

  it('records the send and schedules the next step in one ledger transaction, so a crash cannot strand the enrollment', async () => {
    const e = await enrolled();
    const r = await sender([e.item], NOON);
    const s = sendOf(r, SENT);
    const audit = await ledger.auditTrail({ enrollmentId: e.enrollment.id });
    const completed = audit.findIndex((a) => a.kind === 'touch_completed' && a.touchId === e.touch.id);
    // the next entry is the next step, scheduled by the completion itself (`after` the touch)
    expect(audit[completed + 1]).toMatchObject({ kind: 'touch_scheduled', at: NOON, data: { stepId: 'email-next-day', after: e.touch.id } });
    expect(audit[completed + 1]!.id).toBe(audit[completed]!.id + 1);
    expect(s.next).toMatchObject({ touchId: audit[completed + 1]!.touchId, stepId: 'email-next-day' });
    // nothing left for the repair sweep
    const repaired = await ledger.repairStrandedEnrollments({ now: NOON + MIN, limit: 1000, next: nextAfterTouch });
    expect(repaired.filter((x) => x.enrollmentId === e.enrollment.id)).toEqual([]);
  });

  it('audits the send in the transaction that records it: when that audit entry cannot be written, nothing of the completion is', async () => {
    const e = await enrolled();
    const heal = await failWrites({ credentials: {}, params: {} }, { op: 'INSERT', table: 'audit_log', column: 'kind', value: 'follow_up_send' });
    const r = await sender([e.item], NOON).finally(heal);
    expect(r.error?.message).toMatch(/injected fault/);
    expect(tw.messages).toHaveLength(1);
    // left `sending`: the stranded-touch sweep settles it as outcome unknown (never re-sent) and moves on
    expect((await ledger.touchesOf(e.enrollment.id)).map((t) => [t.stepId, t.status])).toEqual([['sms-first', 'sending']]);
    expect((await ledger.auditTrail({ enrollmentId: e.enrollment.id })).map((a) => a.kind)).not.toContain('touch_completed');
    const ok = await enrolled();
    const s = sendOf(await sender([ok.item], NOON), SENT);
    const trail = await ledger.auditTrail({ enrollmentId: ok.enrollment.id });
    expect(trail.slice(-3).map((a) => [a.kind, a.touchId])).toEqual([
      ['touch_completed', ok.touch.id],
      ['touch_scheduled', (s.next as unknown as { touchId: string }).touchId],
      ['follow_up_send', ok.touch.id],
    ]);
    expect(trail.at(-1)).toMatchObject({ phone: ok.phone, at: NOON, data: { outcome: 'sent', messageId: s.messageId, next: { stepId: 'email-next-day' } } });
  });

  it('moves on at once after a blocked number (its failed touch is settled), but leaves a retryable failure to the stranded-touch sweep', async () => {
    const blocked = await enrolled();
    tw.scriptFor(blocked.phone, { kind: 'error', code: 21211 });
    const failed = await enrolled();
    tw.scriptFor(failed.phone, { kind: 'server_error' }); // every attempt
    const r = await sender([blocked.item, failed.item], NOON, { options: { maxAttempts: 2, retryBaseDelayMs: 10 } });
    const [b, f] = r.outputs('Send')[NOT_SENT]!.map((j) => j.send as Send);
    expect(b).toMatchObject({ outcome: 'blocked', next: { stepId: 'email-next-day' } });
    expect(f).toMatchObject({ outcome: 'failed', next: null });
    expect((await ledger.touchesOf(failed.enrollment.id)).map((t) => [t.stepId, t.status])).toEqual([['sms-first', 'failed']]);
    const settled = await ledger.settleStrandedTouches({ now: NOON + MIN, sendLeaseMs: 15 * MIN, limit: 1000, next: nextAfterTouch });
    const mine = settled.filter((x) => [blocked.touch.id, failed.touch.id].includes(x.touch.id));
    expect(mine.map((x) => [x.touch.id, x.sequence.action])).toEqual([[failed.touch.id, 'scheduled']]);
    expect((await ledger.touchesOf(blocked.enrollment.id)).map((t) => t.stepId)).toEqual(['sms-first', 'email-next-day']);
  });

  it('waits Retry-After on a 429 and then sends exactly one message', async () => {
    const e = await enrolled();
    tw.script({ kind: 'rate_limit', retryAfterSeconds: 1 });
    const started = Date.now();
    const r = await sender([e.item], NOON, { options: { maxAttempts: 3 } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(sendOf(r, SENT)).toMatchObject({ outcome: 'sent', attempts: 2 });
    expect(tw.messages).toHaveLength(1);
    expect(tw.requests.map((q) => q.status)).toEqual([429, 201]);
  });

  it('fails after the last attempt on repeated 5xx and leaves the touch failed', async () => {
    const e = await enrolled();
    tw.script({ kind: 'server_error' }, { kind: 'server_error' });
    const r = await sender([e.item], NOON, { options: { maxAttempts: 2, retryBaseDelayMs: 10 } });
    expect(sendOf(r, NOT_SENT)).toMatchObject({ outcome: 'failed', reason: 'PROVIDER_ERROR', attempts: 2, next: null });
    expect((await ledger.touch(e.touch.id))?.status).toBe('failed');
  });

  it('sends an email step through SMTP with a List-Unsubscribe header and schedules the callback at call + 48 h', async () => {
    const e = await enrolled({ stepId: 'email-next-day' });
    const r = await sender([{ ...e.item, contact: { ...e.item.contact, email: 'dana@example.com' } }], NOON);
    expect(r.error).toBeUndefined();
    expect(sendOf(r, SENT)).toMatchObject({ outcome: 'sent', next: { stepId: 'callback-day-2', dueAt: new Date(e.callAt + 48 * 60 * MIN).toISOString() } });
    const m = smtp.received[0]!;
    expect(m.subject).toBe('Your call to Brightside Plumbing: pick a time that suits you');
    expect(m.text).toContain('Hi Dana,');
    expect(m.text).toContain('https://brightside.example.com/book');
    expect(m.to && 'value' in m.to ? m.to.value[0]!.address : null).toBe('dana@example.com');
    expect(header(m, 'list-unsubscribe')).toBe('<mailto:help@brightside.example.com?subject=unsubscribe>');
  });

  it('skips an email step without an address (NO_RECIPIENT) and goes on', async () => {
    const e = await enrolled({ stepId: 'email-next-day' });
    const r = await sender([e.item], NOON);
    expect(sendOf(r, NOT_SENT)).toMatchObject({ outcome: 'skipped', reason: 'NO_RECIPIENT', next: { stepId: 'callback-day-2' } });
    expect((await ledger.touch(e.touch.id))?.status).toBe('skipped');
    expect(smtp.received).toHaveLength(0);
  });

  it('completes the enrollment after the last step (Sandbox: nothing sent, message in the ledger)', async () => {
    const e = await enrolled({ stepId: 'sms-final' });
    const r = await sender([e.item], NOON, { smsProvider: 'sandbox', agentName: 'Sam' });
    expect(sendOf(r, SENT)).toMatchObject({ outcome: 'sent', next: null, enrollmentCompleted: true });
    expect(tw.requests).toHaveLength(0);
    const enr = await ledger.enrollment(e.enrollment.id);
    expect(enr).toMatchObject({ status: 'completed', endReason: 'completed' });
    const sandbox = (await ledger.auditTrail({ enrollmentId: e.enrollment.id })).find((a) => a.kind === 'sandbox_send');
    expect((sandbox?.data as { body: string }).body).toContain('Sam at Brightside Plumbing');
  });

  it('fills {{nextOpening}} from the node’s current time in the business zone (Brightside, Chicago)', async () => {
    const steps = fourTouch.steps.map((s) => (s.id === 'sms-final' && s.channel === 'sms' ? { ...s, message: { text: 'Hi from {{businessName}}: we are open again {{nextOpening}}. Reply YES for a call.' } } : s));
    const template = { ...fourTouch, id: 'next-opening', steps };
    const body = async (now: number) => {
      const e = await enrolled({ stepId: 'sms-final', template });
      const r = await sender([e.item], now, { smsProvider: 'sandbox' });
      expect(sendOf(r, SENT).outcome).toBe('sent');
      return ((await ledger.auditTrail({ enrollmentId: e.enrollment.id })).find((a) => a.kind === 'sandbox_send')?.data as { body: string }).body;
    };
    expect(await body(NOON)).toContain('open again now.'); // Thu 11:00 in Chicago
    expect(await body(Date.UTC(2027, 0, 16, 1))).toContain('open again tomorrow at 9:00 AM CST.'); // Fri 19:00 → Sat 09:00; a Miami number reads EST
    expect(await body(Date.UTC(2027, 0, 16, 20))).toContain('open again Monday at 7:30 AM CST.'); // Sat 14:00
  });

  it('names the business zone in {{nextOpening}} for a recipient on another clock: a 213 (Los Angeles) number, a New York business', async () => {
    const steps = fourTouch.steps.map((s) =>
      s.id === 'sms-final' && s.channel === 'sms' ? { ...s, message: { text: 'Hi from {{businessName}}: we are open again {{nextOpening}}. Reply YES for a call.' } }
      : s.id === 'email-next-day' && s.channel === 'email' ? { ...s, message: { ...s.message, text: `${s.message.text}\nWe open again {{nextOpening}}.` } }
      : s);
    const template = { ...fourTouch, id: 'next-opening-ny', business: { ...fourTouch.business, timeZone: 'America/New_York' }, steps };
    const send = async (p: string, stepId: string, now: number, item: object = {}) => {
      const e = await enrollCaller(ledger, { phone: p, at: now - 2 * MIN, dueAt: now, template, stepId });
      const r = await sender([{ touch: { id: e.touch.id, phone: p, enrollmentId: e.enrollment.id }, contact: { phone: p, name: 'Dana Lee', ...item }, call: e.call }], now, { smsProvider: 'sandbox' });
      expect(sendOf(r, SENT).outcome).toBe('sent');
      return e;
    };
    const body = async (p: string, now: number) => {
      const e = await send(p, 'sms-final', now);
      return ((await ledger.auditTrail({ enrollmentId: e.enrollment.id })).find((a) => a.kind === 'sandbox_send')?.data as { body: string }).body;
    };
    const la = () => `+1213555${String(1000 + ++n).padStart(4, '0')}`;
    expect(await body(la(), Date.UTC(2027, 0, 16, 1))).toContain('open again tomorrow at 9:00 AM EST.'); // Fri 20:00 in New York
    expect(await body(la(), Date.UTC(2027, 6, 17, 1))).toContain('open again tomorrow at 9:00 AM EDT.'); // Fri 21:00
    expect(await body(phone(), Date.UTC(2027, 0, 16, 1))).toContain('open again tomorrow at 9:00 AM.'); // Miami: same clock
    // an email reads the zone of the contact's number too (same person)
    await send(la(), 'email-next-day', Date.UTC(2027, 0, 16, 1), { email: 'dana@example.com' });
    expect(smtp.received[0]!.text).toContain('We open again tomorrow at 9:00 AM EST.');
  });

  it('does not send a step with a placeholder that has no value and no fallback (RENDER_MISSING)', async () => {
    const { callbackLink: _drop, ...business } = fourTouch.business;
    const template = { ...fourTouch, id: 'no-link', business };
    const e = await enrolled({ stepId: 'sms-final', template });
    const r = await sender([e.item], NOON, { smsProvider: 'sandbox' });
    expect(sendOf(r, NOT_SENT)).toMatchObject({ outcome: 'skipped', reason: 'RENDER_MISSING', missing: ['callbackLink'] });
    expect((await ledger.touch(e.touch.id))?.status).toBe('skipped');
  });

  it('fails the item with a clear error when it carries no touch', async () => {
    const r = await sender([{ contact: { phone: '+13055550123' } }], NOON);
    expect(r.error?.message).toMatch(/no touch/);
  });

  it('sends what the Consent Gate lets through, wired Gate → Sender', async () => {
    const e = await enrolled();
    const r = await h.runWorkflow({
      nodes: [
        { name: 'Gate', type: 'consentGate', parameters: { currentTime: new Date(NOON).toISOString() } },
        { name: 'Send', type: 'followUpSender', parameters: { currentTime: new Date(NOON).toISOString(), fromNumber: '+15125550100' } },
      ],
      connections: [['Gate', 'Send', 0]],
      startNode: 'Gate',
      triggerItems: [{ ...e.item, step: { channel: 'sms' } }],
      credentials: { missedCallTwilioApi: { authType: 'authToken', accountSid: tw.accountSid, authToken: tw.authToken, baseUrl: tw.url } },
    });
    expect(r.error).toBeUndefined();
    expect(r.order).toEqual(['Gate', 'Send']);
    expect(r.outputs('Send')[SENT]).toHaveLength(1);
    expect(tw.messages).toHaveLength(1);
  });
});

describe('Follow-up Sender credential cache (senderCredentials)', () => {
  const run = (items: object[], now: number, authToken: string, id: string) =>
    h.runWorkflow({
      nodes: [{ name: 'Send', type: 'followUpSender', parameters: { currentTime: new Date(now).toISOString(), fromNumber: '+15125550100' } }],
      connections: [],
      startNode: 'Send',
      triggerItems: items as never,
      credentials: { missedCallTwilioApi: { authType: 'authToken', accountSid: tw.accountSid, authToken, baseUrl: tw.url } },
      credentialIds: { missedCallTwilioApi: id },
    });

  it('reuses a decrypted credential across executions: an edit shows only after a refusal or a minute', async () => {
    const first = await enrolled();
    expect(sendOf(await run([first.item], NOON, tw.authToken, 'cred-reused'), SENT).outcome).toBe('sent');
    // the stored credential now holds a wrong token, but the cached one is still Twilio's: no extra request
    const second = await enrolled();
    const r = await run([second.item], NOON, 'not-the-token', 'cred-reused');
    expect(sendOf(r, SENT).outcome).toBe('sent');
    expect(tw.requests.map((q) => q.status)).toEqual([201, 201]);
  });

  it('a token rotated since it was cached: Twilio answers 401, the sender reads the credential again and sends once', async () => {
    const original = tw.authToken;
    try {
      const first = await enrolled();
      expect(sendOf(await run([first.item], NOON, original, 'cred-rotated'), SENT).outcome).toBe('sent');
      tw.authToken = 'rotated-token-0123456789abcdef';
      const second = await enrolled();
      const r = await run([second.item], NOON, tw.authToken, 'cred-rotated');
      expect(r.error).toBeUndefined();
      expect(sendOf(r, SENT).outcome).toBe('sent');
      // run 1: 201; run 2: 401 with the cached token, then 201 with the fresh one
      expect(tw.requests.map((q) => q.status)).toEqual([201, 401, 201]);
      expect(tw.messages.map((m) => m.to)).toEqual([first.phone, second.phone]);
      expect(tw.violations.map((v) => v.rule)).toEqual(['auth']);
    } finally {
      tw.authToken = original;
    }
  });

  it('a token that is wrong even when read fresh fails the send after one fresh read (no loop)', async () => {
    const e = await enrolled();
    const r = await run([e.item], NOON, 'wrong-token', 'cred-wrong');
    expect(sendOf(r, NOT_SENT).outcome).toBe('failed');
    // nothing cached yet: one read, one 401, no second try
    expect(tw.requests.map((q) => q.status)).toEqual([401]);
  });
});

describe('Follow-up Sender: texts in the caller’s language', () => {
  it('sends a caller of a Spanish department the step’s Spanish text, and records the language', async () => {
    const [first, ...rest] = fourTouch.steps;
    const spanish = {
      ...fourTouch,
      id: 'four-touch-es',
      business: { ...fourTouch.business, departments: fourTouch.business.departments.map((d) => (d.name === 'Service' ? { ...d, language: 'es' as const } : d)) },
      steps: [{ ...first!, message: { ...first!.message, translations: { es: { text: 'Hola {{callerFirstName}}, le habla {{businessName}} sobre su llamada a {{department}}. Abrimos {{nextOpening}}. Responda STOP para no recibir más.' } } } }, ...rest],
    } as typeof fourTouch;
    const e = await enrolled({ template: spanish });
    const r = await sender([e.item], NOON);
    expect(r.error).toBeUndefined();
    expect(tw.violations).toEqual([]);
    expect(tw.messages.map((m) => m.body)).toEqual(['Hola Dana, le habla Brightside Plumbing sobre su llamada a Service. Abrimos ahora. Responda STOP para no recibir más.']);
    expect(sendOf(r, SENT)).toMatchObject({ outcome: 'sent', variant: 'lang:es', language: 'es' });
    expect((await ledger.touch(e.touch.id))?.detail).toMatchObject({ variant: 'lang:es', language: 'es' });
  });
});
