/**
 * Credentials inside URLs: libraries echo a Host field or URL as given in their error messages
 * (`getaddrinfo ENOTFOUND postgres://user:password@db`), and those messages reach n8n's log, a node's
 * error, execution data and the audit trail. A connection URL pasted into a Host field, or a CRM
 * webhook URL with user:password that does not parse, must show neither.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { closeCachedLedgers } from '../../nodes/shared/ledgerFor';
import { twilioSignature } from '../../nodes/shared/signatures';
import { webhookAdapter, type CrmRequest } from '../../nodes/transport/crm';
import { sendSmtpMailRetrying } from '../../nodes/transport/smtp';
import { fourTouch } from '../../shared/templates';
import { callWebhook, WEBHOOK_URL } from '../fuzz/webhookContext';
import { loadHarness } from '../nodes/harness';

const PG_PASSWORD = 'PG-SECRET-pw-51c0';
const SMTP_PASSWORD = 'SMTP-SECRET-pw-7d2e';
const HOOK_PASSWORD = 'HOOK-SECRET pw-93ab';
/** a connection URL pasted into Host, and a bare user:password@host */
const PG_HOSTS = [`postgres://ledger:${PG_PASSWORD}@127.0.0.1:1/missed`, `ledger:${PG_PASSWORD}@127.0.0.1`];
const pgCredential = (host: string) => ({ host, port: 5432, database: 'missed', user: 'ledger', password: '', ssl: 'disable' });

afterAll(() => closeCachedLedgers());

function twilioDelivery(token: string) {
  const params = { AccountSid: 'AC123', CallSid: 'CA-url-1', CallStatus: 'no-answer', Direction: 'inbound', From: '+13057318264', To: '+15125550142' };
  const rawBody = Buffer.from(new URLSearchParams(params).toString());
  return { rawBody, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(token, WEBHOOK_URL, params) } };
}

describe('a Postgres ledger credential whose Host holds credentials', () => {
  it.each(PG_HOSTS)('the trigger answers 503 and its log line does not show the password (host %j)', async (host) => {
    const logged: string[] = [];
    const log = (m: string, meta?: unknown) => void logged.push(`${m} ${JSON.stringify(meta ?? '')}`);
    const params = { provider: 'twilio', ledger: 'postgres', templateSource: 'json', templateJson: JSON.stringify(fourTouch), settleSeconds: 90 };
    const creds = { missedCallTwilioApi: { authType: 'authToken', accountSid: 'AC123', authToken: 'tw-token' }, missedCallPostgresLedgerApi: pgCredential(host) };
    const r = await callWebhook(params, creds, twilioDelivery('tw-token'), { debug: log, info: log, warn: log, error: log });
    expect(r.status).toBe(503);
    expect(r.body).not.toContain(PG_PASSWORD);
    const text = logged.join('\n');
    expect(text).toMatch(/LEDGER_UNAVAILABLE.*•••@127\.0\.0\.1/);
    expect(text).not.toContain(PG_PASSWORD);
  }, 30_000);

  it('a node fails with an error (message and cause) that does not show the password', async () => {
    const h = await loadHarness();
    const r = await h.runWorkflow({
      nodes: [{ name: 'Gate', type: 'consentGate', parameters: { ledger: 'postgres', channel: 'sms' } }],
      connections: [],
      startNode: 'Gate',
      triggerItems: [{ contact: { phone: '+13057318264' } }],
      credentials: { missedCallPostgresLedgerApi: pgCredential(PG_HOSTS[0]!) },
    });
    const error = JSON.stringify(r.run.data.resultData.error);
    expect(error).toContain('•••@127.0.0.1');
    expect(error).not.toContain(PG_PASSWORD);
  }, 30_000);
});

describe('an SMTP credential whose Host holds credentials', () => {
  it.each([`smtp://mailer:${SMTP_PASSWORD}@127.0.0.1:1`, `mailer:${SMTP_PASSWORD}@127.0.0.1`])('the send report does not show the password (host %j)', async (host) => {
    const cfg = { host, port: 2525, secure: false, user: 'mailer', password: 'other', from: 'hello@brightside.example.com' };
    const r = await sendSmtpMailRetrying(cfg, { to: 'dana@example.com', subject: 's', text: 't' }, { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 0, sleep: async () => undefined });
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.message).toContain('•••@127.0.0.1');
    expect(JSON.stringify(r)).not.toContain(SMTP_PASSWORD);
  }, 30_000);
});

describe('a CRM webhook URL with user:password that does not parse', () => {
  it('the CRM error (quoted in the report and the audit row) does not show the password', async () => {
    const url = `http://hookuser:${HOOK_PASSWORD}@bad host/hook?token=q-secret`;
    // what n8n's httpRequest throws for it
    const http = async () => Promise.reject(new TypeError('Invalid URL'));
    const adapter = webhookAdapter({ url, secret: 'whsec', clock: () => 0 }, http, { maxAttempts: 1, baseDelayMs: 1, sleep: async () => undefined });
    const req = { operation: 'flagReengaged', key: 'k', contact: { phone: '+13057318264', phoneVariants: [], name: null, email: null }, status: null, owner: { id: null, queue: null, overwrite: false }, task: null, notes: [], context: {} } as unknown as CrmRequest;
    const e = (await adapter.apply(req).catch((x: unknown) => x)) as Error;
    expect(e.message).toBe('POST /hook: Invalid URL');
    expect(e.message).not.toContain(HOOK_PASSWORD);
  });
});
