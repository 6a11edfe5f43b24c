/**
 * Secrets and PII: runs the pack the way a user does — Missed Call Trigger webhook → Consent Gate →
 * Follow-up Sender (Twilio emulator, SMTP) → CRM Flag (HubSpot emulator), happy paths and error
 * paths (bad signature, malformed body, Twilio errors, SMTP auth failure, CRM 401) — with
 * distinctive credential values and caller numbers, and captures every stdout/stderr write,
 * console call, logger call, thrown error, the execution data and the ledger's audit rows.
 * Asserts: no credential value anywhere; no full phone number in logs or errors (masked only).
 * Execution data and the ledger hold numbers by design (they are the contact's record).
 */
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IDataObject } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openLedger, type Ledger } from '../../nodes/ledger';
import { twilioSignature } from '../../nodes/shared/signatures';
import { closeCachedLedgers } from '../../nodes/shared/ledgerFor';
import { closeSmtpTransports } from '../../nodes/transport/smtp';
import { fourTouch } from '../../shared/templates';
import { startHubSpotEmulator, type HubSpotEmulator } from '../emulators/hubspotEmulator';
import { startTwilioEmulator, type TwilioEmulator } from '../emulators/twilioEmulator';
import { callWebhook, WEBHOOK_URL } from '../fuzz/webhookContext';
import { loadHarness, type Harness } from '../nodes/harness';
import { startSmtp } from '../nodes/transport/smtpServer';

const SECRETS = {
  twilioWebhookToken: 'tw-webhook-SECRET-7f3a9c2e41',
  twilioAuthToken: 'tw-auth-SECRET-0b8d6e1f2a3c4d5e',
  smtpPassword: 'smtp-SECRET-pw-9e8d7c6b',
  hubspotToken: 'pat-na1-SECRET-4c3b2a19-hub',
  wrongSmtpPassword: 'smtp-SECRET-wrong-pw-1a2b',
  wrongHubspotToken: 'pat-na1-SECRET-wrong-5d6e',
} as const;
/** Distinctive callers (valid Miami / Austin numbers that appear nowhere else in the repo). */
const CALLERS = ['+13057318264', '+15128342719', '+13059182736'] as const;
const national = (e164: string) => e164.slice(2); // 3057318264

const NOW = Date.UTC(2027, 0, 14, 17, 0); // Thu 12:00 in Miami

type Captured = { channel: string; text: string };
const captured: Captured[] = [];
const errors: string[] = [];
const executionData: string[] = [];
let restore: (() => void) | undefined;

function capture(): void {
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  const text = (chunk: unknown) => (typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk));
  process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => {
    captured.push({ channel: 'stdout', text: text(chunk) });
    return out(chunk as string, ...(rest as []));
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: unknown, ...rest: unknown[]) => {
    captured.push({ channel: 'stderr', text: text(chunk) });
    return err(chunk as string, ...(rest as []));
  }) as typeof process.stderr.write;
  const spies = (['log', 'info', 'warn', 'error', 'debug', 'trace'] as const).map((m) =>
    vi.spyOn(console, m).mockImplementation((...args: unknown[]) => void captured.push({ channel: `console.${m}`, text: args.map(stringify).join(' ') })),
  );
  restore = () => {
    process.stdout.write = out as typeof process.stdout.write;
    process.stderr.write = err as typeof process.stderr.write;
    for (const s of spies) s.mockRestore();
  };
}

function stringify(v: unknown): string {
  if (v instanceof Error) return `${v.name}: ${v.message} ${v.stack ?? ''} ${stringify((v as { description?: unknown }).description ?? '')} ${stringify(v.cause ?? '')}`;
  if (typeof v === 'string') return v;
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

const logger = Object.fromEntries(
  ['debug', 'info', 'warn', 'error', 'verbose'].map((level) => [level, (msg: string, meta?: unknown) => void captured.push({ channel: `logger.${level}`, text: `${msg} ${stringify(meta ?? '')}` })]),
);

let folder: string;
let h: Harness;
let ledger: Ledger;
let tw: TwilioEmulator;
let hs: HubSpotEmulator;
let smtp: Awaited<ReturnType<typeof startSmtp>>;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'secrets-'));
  mkdirSync(join(folder, '.n8n'), { recursive: true });
  process.env.N8N_USER_FOLDER = folder;
  h = await loadHarness();
  ledger = await openLedger({ kind: 'embedded', path: join(folder, '.n8n', 'missed-call-ledger.sqlite') });
  tw = await startTwilioEmulator({ authToken: SECRETS.twilioAuthToken });
  hs = await startHubSpotEmulator({ token: SECRETS.hubspotToken, owners: ['501'], leadStatusOptions: ['REENGAGED_NEEDS_CALLBACK'] });
  smtp = await startSmtp('mailer', SECRETS.smtpPassword);
  capture();
}, 60_000);

afterAll(async () => {
  restore?.();
  await ledger.close();
  await closeCachedLedgers();
  await tw.close();
  await hs.close();
  closeSmtpTransports();
  await smtp.close();
  rmSync(folder, { recursive: true, force: true });
});

const TRIGGER_PARAMS: IDataObject = {
  provider: 'twilio',
  ledger: 'embedded',
  templateSource: 'json',
  templateJson: JSON.stringify(fourTouch),
  classes: ['missed', 'voicemail', 'abandoned'],
  settleSeconds: 90,
  filters: { calendar: 'always' },
  currentTime: new Date(NOW).toISOString(),
};
const TRIGGER_CREDS = { missedCallTwilioApi: { authType: 'authToken', accountSid: 'AC123', authToken: SECRETS.twilioWebhookToken } };

function twilioDelivery(callSid: string, from: string, token: string = SECRETS.twilioWebhookToken) {
  const params = { AccountSid: 'AC123', CallSid: callSid, CallStatus: 'no-answer', Direction: 'inbound', From: from, To: '+15125550142' };
  const rawBody = Buffer.from(new URLSearchParams(params).toString());
  return { rawBody, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(token, WEBHOOK_URL, params) } };
}

/** Trigger webhook, with the logger captured; returns the Enrolled items. */
async function trigger(req: ReturnType<typeof twilioDelivery>): Promise<IDataObject[]> {
  const params = { ...TRIGGER_PARAMS };
  const items: IDataObject[] = [];
  try {
    const r = await callWebhook(params, TRIGGER_CREDS, req, logger);
    if (r.body) captured.push({ channel: 'http-reply', text: r.body });
    items.push(...r.items);
  } catch (e) {
    errors.push(stringify(e));
  }
  return items;
}

async function run(o: Parameters<Harness['runWorkflow']>[0]) {
  try {
    const r = await h.runWorkflow(o);
    executionData.push(stringify(r.run.data));
    if (r.error) errors.push(stringify(r.error));
    return r;
  } catch (e) {
    errors.push(stringify(e));
    return null;
  }
}

function gateAndSend(items: IDataObject[], smtpPassword: string) {
  return run({
    nodes: [
      { name: 'Gate', type: 'consentGate', parameters: { currentTime: new Date(NOW + 2 * 60_000).toISOString() } },
      { name: 'Send', type: 'followUpSender', parameters: { currentTime: new Date(NOW + 2 * 60_000).toISOString(), fromNumber: '+15125550100', options: { maxAttempts: 2, retryBaseDelayMs: 1, maxRetryWaitSeconds: 0 } } },
    ],
    connections: [['Gate', 'Send', 0]],
    startNode: 'Gate',
    triggerItems: items,
    credentials: {
      missedCallTwilioApi: { authType: 'authToken', accountSid: tw.accountSid, authToken: SECRETS.twilioAuthToken, baseUrl: tw.url },
      missedCallSmtp: { host: '127.0.0.1', port: smtp.port, secure: false, user: 'mailer', password: smtpPassword, from: 'Brightside <hello@brightside.example.com>' },
    },
  });
}

function crm(phone: string, token: string) {
  return run({
    nodes: [{ name: 'CRM', type: 'crmFlag', parameters: { currentTime: new Date(NOW + 5 * 60_000).toISOString(), phone, replyText: 'yes call me', options: { retryBaseDelayMs: 1, maxAttempts: 2 } } }],
    connections: [],
    startNode: 'CRM',
    triggerItems: [{ contact: { phone, name: 'Dana Lee' }, reply: { text: 'yes call me' } }],
    credentials: { missedCallHubSpotApi: { accessToken: token, baseUrl: hs.url } },
  });
}

describe('secrets and PII in logs, errors, execution data and the ledger', () => {
  it('runs the flow end to end, then finds no credential anywhere and no full number in logs or errors', async () => {
    // 1. the trigger: two good deliveries, a forged one, a malformed one
    const [first] = await trigger(twilioDelivery('CA-sec-1', CALLERS[0]));
    expect(first).toBeDefined();
    const [second] = await trigger(twilioDelivery('CA-sec-2', CALLERS[1]));
    await trigger(twilioDelivery('CA-sec-3', CALLERS[2], 'a-forged-token'));
    await trigger({ rawBody: Buffer.from(`From=${encodeURIComponent(CALLERS[2])}&CallSid=%ZZ`), headers: twilioDelivery('x', CALLERS[2]).headers });

    // 2. gate + sender: the first SMS goes out; the second caller's Twilio answers 21610 then 500s
    tw.scriptFor(CALLERS[1], { kind: 'error', code: 21610 });
    const sent = await gateAndSend([first!, second!], SECRETS.smtpPassword);
    expect(sent?.error).toBeUndefined();
    expect(tw.messages.map((m) => m.to)).toContain(CALLERS[0]);

    // 3. an email step with a wrong SMTP password (auth error path)
    const [third] = await trigger(twilioDelivery('CA-sec-4', CALLERS[2]));
    const email = fourTouch.steps.find((s) => s.channel === 'email')!;
    const touch = await ledger.scheduleTouch({ enrollmentId: String((third!.enrollment as IDataObject).id), stepId: email.id, dueAt: NOW, channel: 'email', now: NOW });
    await ledger.upsertContact({ phone: CALLERS[2], email: 'dana@example.com', now: NOW });
    await gateAndSend([{ ...third!, touch: { id: touch.id, phone: CALLERS[2], enrollmentId: touch.enrollmentId, channel: 'email' }, firstTouch: undefined }], SECRETS.wrongSmtpPassword);

    // 4. CRM Flag: a wrong token (401 path), then the right one
    await ledger.recordReply(CALLERS[0], { text: 'yes call me', class: 'reply', channel: 'sms', now: NOW + 4 * 60_000 });
    await crm(CALLERS[0], SECRETS.wrongHubspotToken);
    await crm(CALLERS[0], SECRETS.hubspotToken);

    // 5. a gate item whose number cannot be parsed, and a sender item whose touch is unknown (thrown errors)
    await run({ nodes: [{ name: 'Gate', type: 'consentGate', parameters: { currentTime: new Date(NOW).toISOString(), channel: 'sms' } }], connections: [], startNode: 'Gate', triggerItems: [{ contact: { phone: `${CALLERS[2]}999` } }] });
    await run({
      nodes: [{ name: 'Send', type: 'followUpSender', parameters: { currentTime: new Date(NOW).toISOString(), fromNumber: '+15125550100' } }],
      connections: [],
      startNode: 'Send',
      triggerItems: [{ touch: { id: 'no-such-touch', phone: CALLERS[1] } }],
      credentials: { missedCallTwilioApi: { authType: 'authToken', accountSid: tw.accountSid, authToken: SECRETS.twilioAuthToken, baseUrl: tw.url } },
    });

    const audit = JSON.stringify(await ledger.auditTrail({ limit: 10_000 }));
    const logs = captured.map((c) => `[${c.channel}] ${c.text}`).join('\n');
    const errorText = errors.join('\n');
    const data = executionData.join('\n');

    // the error paths were reached (else this test proves nothing)
    expect(logs).toMatch(/UNAUTHORIZED|BAD_SIGNATURE/);
    expect(data).toMatch(/EMAIL_REJECTED/);
    expect(data).toMatch(/HTTP 401/);
    expect(errorText).toMatch(/not in the ledger/);

    for (const secret of Object.values(SECRETS)) {
      expect(logs, `credential ${secret} in logs`).not.toContain(secret);
      expect(errorText, `credential ${secret} in an error`).not.toContain(secret);
      expect(data, `credential ${secret} in execution data`).not.toContain(secret);
      expect(audit, `credential ${secret} in the ledger audit`).not.toContain(secret);
    }
    for (const phone of CALLERS) {
      expect(logs, `full number ${phone} in logs`).not.toContain(national(phone));
      expect(errorText, `full number ${phone} in an error`).not.toContain(national(phone));
    }
    // the masked form is what logs use
    expect(logs).toContain('+1305731****');
  }, 60_000);

  it('the capture sees what a careless node would leak', () => {
    const before = captured.length;
    console.error('leak', SECRETS.twilioAuthToken);
    process.stderr.write(`number ${CALLERS[0]}\n`);
    const got = captured.slice(before).map((c) => c.text).join('\n');
    expect(got).toContain(SECRETS.twilioAuthToken);
    expect(got).toContain(national(CALLERS[0]));
    captured.splice(before);
  });
});
