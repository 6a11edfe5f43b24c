import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sendSmtpMailRetrying, type SmtpConfig } from '../../../nodes/transport/smtp';
import { startFaultySmtp, type FaultySmtp, type SmtpFault } from '../../e2e/faults/faultySmtp';

let smtp: FaultySmtp;
let cfg: SmtpConfig;
const waits: number[] = [];
const retry = { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1_000, sleep: async (ms: number) => void waits.push(ms) };
const msg = { to: 'dana@example.com', subject: 'We missed your call', text: 'Hi Dana' };

beforeAll(async () => {
  smtp = await startFaultySmtp('mailer', 'secret');
  cfg = { host: '127.0.0.1', port: smtp.port, secure: false, user: 'mailer', password: 'secret', from: '"Brightside" <hello@brightside.example.com>' };
});
afterAll(() => smtp.close());
beforeEach(() => {
  smtp.received.length = 0;
  smtp.unacknowledged.length = 0;
  smtp.connections.length = 0;
  waits.length = 0;
});

const delivered = () => smtp.received.length + smtp.unacknowledged.length;

describe('sendSmtpMailRetrying', () => {
  it.each<[string, SmtpFault[]]>([
    ['a 451 at RCPT', [{ stage: 'RCPT', reply: '451 4.3.0 Try again later' }]],
    ['a 421 at MAIL', [{ stage: 'MAIL', reply: '421 4.7.0 Too many connections' }]],
    ['a 452 after the data', [{ stage: 'EOD', reply: '452 4.3.1 Insufficient system storage' }]],
    ['a connection dropped at RCPT', [{ stage: 'RCPT', drop: true }]],
    ['a connection dropped at DATA, before the 354', [{ stage: 'DATA', drop: true }]],
    ['two transient failures in a row', [{ stage: 'MAIL', reply: '450 4.2.0 Mailbox busy' }, { stage: 'RCPT', drop: true }]],
  ])('retries %s and delivers the mail exactly once, with one Message-ID', async (_label, faults) => {
    smtp.script(...faults);
    const r = await sendSmtpMailRetrying(cfg, msg, retry);
    expect(r).toMatchObject({ ok: true, attempts: faults.length + 1 });
    expect(smtp.received).toHaveLength(1);
    expect(delivered()).toBe(1);
    expect(smtp.connections).toHaveLength(faults.length + 1);
    expect(waits).toEqual([100, 200].slice(0, faults.length));
    expect(smtp.received[0]!.messageId).toBe(r.ok ? r.messageId : '');
  });

  it('gives up after the last attempt with SMTP_ERROR and the 4xx code', async () => {
    const busy: SmtpFault = { stage: 'RCPT', reply: '451 4.3.0 Try again later' };
    smtp.script(busy, busy, busy);
    const r = await sendSmtpMailRetrying(cfg, msg, retry);
    expect(r).toMatchObject({ ok: false, reason: 'SMTP_ERROR', code: 451, deliveryUnknown: false, attempts: 3 });
    expect(delivered()).toBe(0);
  });

  it('does not retry a 5xx reply (EMAIL_REJECTED)', async () => {
    smtp.script({ stage: 'RCPT', reply: '550 5.1.1 No such user' });
    const r = await sendSmtpMailRetrying(cfg, msg, retry);
    expect(r).toMatchObject({ ok: false, reason: 'EMAIL_REJECTED', code: 550, attempts: 1 });
    expect(smtp.connections).toHaveLength(1);
  });

  it.each([
    ['the address at RCPT TO', { stage: 'RCPT' as const, reply: '550 5.1.1 <dana@example.com>: Recipient address rejected: User unknown' }, 550, '5.1.1', 'recipient'],
    ['our sender at MAIL FROM', { stage: 'MAIL' as const, reply: '553 5.1.8 Sender address rejected: Domain not found' }, 553, '5.1.8', 'sender'],
    ['the message after its data', { stage: 'EOD' as const, reply: '554 5.7.1 Message rejected as spam' }, 554, '5.7.1', 'message'],
    ['the address, without an enhanced status', { stage: 'RCPT' as const, reply: '550 No such user here' }, 550, null, 'recipient'],
  ])('says what a 5xx refused: %s', async (_label, fault, code, status, stage) => {
    smtp.script(fault);
    expect(await sendSmtpMailRetrying(cfg, msg, retry)).toMatchObject({ ok: false, reason: 'EMAIL_REJECTED', code, status, stage });
  });

  it('says a failed login is the login (535 5.7.8, stage auth)', async () => {
    const r = await sendSmtpMailRetrying({ ...cfg, password: 'wrong' }, msg, retry);
    expect(r).toMatchObject({ ok: false, reason: 'EMAIL_REJECTED', code: 535, status: '5.7.8', stage: 'auth' });
  });

  it('does not retry a connection lost after the server took the data: the mail may have arrived', async () => {
    smtp.script({ stage: 'EOD', drop: true });
    const r = await sendSmtpMailRetrying(cfg, msg, retry);
    expect(r).toMatchObject({ ok: false, reason: 'SMTP_ERROR', code: null, deliveryUnknown: true, attempts: 1 });
    expect(smtp.connections).toHaveLength(1);
    await new Promise((res) => setTimeout(res, 50));
    expect(smtp.unacknowledged).toHaveLength(1);
    expect(delivered()).toBe(1);
  });

  it('gives up instead of waiting longer than the max wait', async () => {
    smtp.script({ stage: 'RCPT', reply: '451 4.3.0 Try again later' });
    const r = await sendSmtpMailRetrying(cfg, msg, { ...retry, baseDelayMs: 5_000 });
    expect(r).toMatchObject({ ok: false, reason: 'SMTP_ERROR', code: 451, attempts: 1 });
    expect(waits).toEqual([]);
  });

  it('retries a refused connection (nothing listening) and reports SMTP_ERROR', async () => {
    const r = await sendSmtpMailRetrying({ ...cfg, port: 1 }, msg, retry);
    expect(r).toMatchObject({ ok: false, reason: 'SMTP_ERROR', deliveryUnknown: false, attempts: 3 });
  });
});
