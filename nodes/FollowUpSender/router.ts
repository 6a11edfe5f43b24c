import {
  NodeOperationError,
  sleep as n8nSleep,
  type IDataObject,
  type IExecuteFunctions,
  type INodeExecutionData,
} from 'n8n-workflow';
import { parseSequenceTemplate, type CallEvent, type SequenceTemplate } from '../../shared/schema';
import type { EmailStep, SmsStep } from '../../shared/schema/sequenceTemplate';
import { parseCurrentTime } from '../shared/parseCurrentTime';
import { parseStoredTemplate } from '../shared/parseStoredTemplate';
import type { CompletedTouch, ContactState, EmailSuppression, Enrollment, Ledger, NextFn, Touch, TouchCompletion, TouchStatus } from '../ledger/Ledger';
import { emailKey } from '../ledger/emailKey';
import { bounceSuppresses, suppressionCode } from '../../shared/delivery';
import { ledgerFor } from '../shared/ledgerFor';
import { maskPhone } from '../shared/maskPhone';
import { recordSandboxSend } from '../transport/sandbox';
import { sendSmtpMailRetrying, smtpConfigFrom, type SmtpConfig } from '../transport/smtp';
import { sendTwilioSms, twilioAuthFrom, type TwilioAuth } from '../transport/twilio';
import { dialpadAuthFrom, type DialpadAuth } from '../transport/dialpad';
import { ringCentralAuthFrom, type RingCentralAuth } from '../transport/ringcentral';
import { vonageAuthFrom, type VonageAuth } from '../transport/vonage';
import { isPhoneSystemSms, PHONE_SYSTEM_SMS, sendPhoneSystemSms } from './phoneSystemSms';
import type { RetryOptions } from '../transport/requestWithRetry';
import { DIALPAD_CREDENTIAL, RINGCENTRAL_CREDENTIAL, SMTP_CREDENTIAL, TWILIO_CREDENTIAL, VONAGE_CREDENTIAL } from './description';
import { cachedCredentials, CredentialCache } from '../shared/CredentialCache';
import { advanced } from '../shared/advanced';
import { callInstant } from '../shared/callInstant';
import { nextInTemplate } from '../shared/nextAfterTouch';
import { renderStep, type RenderedMessage } from './renderStep';
import { analyzePhone } from '../../shared/phone';
import { SEND_AUDIT_KIND } from '../shared/sendAuditKind';

/** Audit kind of every sender outcome. */
export { SEND_AUDIT_KIND };

/** Stable reasons of the Not Sent output. */
export type NotSentReason =
  | 'RENDER_MISSING'
  | 'NO_RECIPIENT'
  | 'UNSUPPORTED_CHANNEL'
  | 'ALREADY_SENT'
  | 'IN_FLIGHT'
  | 'STOPPED'
  | 'OPTED_OUT'
  | 'INVALID_NUMBER'
  | 'NOT_MOBILE'
  | 'RATE_LIMITED'
  | 'PROVIDER_ERROR'
  | 'NETWORK_ERROR'
  | 'AUTH_FAILED'
  | 'NUMBER_BARRED'
  | 'EMAIL_REJECTED'
  | 'EMAIL_SUPPRESSED'
  | 'SMTP_ERROR'
  | 'ERROR';

export type SendOutcome = 'sent' | 'skipped' | 'blocked' | 'failed';

export interface SendReport {
  outcome: SendOutcome;
  reason: NotSentReason | null;
  /** ledger stop reason when the ledger refused (replied, opted_out, contact_paused…) */
  stop?: string | null;
  touchId: string;
  enrollmentId: string;
  stepId: string;
  channel: string | null;
  provider: string | null;
  variant: string | null;
  to: string | null;
  messageId: string | null;
  text?: string;
  /** the language of the text actually sent (the caller's, where the step has it; see renderStep) */
  language?: string;
  subject?: string;
  missing?: string[];
  attempts?: number;
  providerCode?: number | string | null;
  /** the enhanced status of an SMTP refusal (`5.1.1`), when the server gave one */
  providerStatus?: string | null;
  /**
   * the address's suppression: the one that kept this email from going out (EMAIL_SUPPRESSED), or the one
   * an SMTP refusal of the address recorded (EMAIL_REJECTED); `since`: when it was first recorded
   */
  suppression?: { source: string; code: string | null; since: string };
  message?: string;
  next: { touchId: string; stepId: string; dueAt: string } | null;
  enrollmentCompleted: boolean;
  at: string;
}

export interface SenderDeps {
  /** a ledger to use instead of the one the "Ledger" parameter opens (tests) */
  ledger?: Ledger;
  sleep?: (ms: number) => Promise<void>;
}

const OPEN: readonly TouchStatus[] = ['pending', 'claimed'];

/**
 * This process's decrypted Twilio and SMTP credentials (CREDENTIAL_TTL_MS): the first touch skips
 * n8n's credential read. A credential whose fields are expressions over the item is resolved
 * once per minute, not per item; none of the sender's credentials is meant to be one.
 */
export const senderCredentials = new CredentialCache();

interface ItemContext {
  i: number;
  json: IDataObject;
  ledger: Ledger;
  now: number;
  touch: Touch;
  enrollment: Enrollment;
  /** the contact as read with the touch (beginSend checks opt-outs and replies again, atomically) */
  contact: ContactState | null;
  template: SequenceTemplate;
  call: Partial<CallEvent> | null;
  callAt: number;
}

function asObject(v: unknown): IDataObject | null {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as IDataObject) : null;
}

/**
 * Executes the Follow-up Sender for every input item: output 0 = Sent, output 1 = Not Sent.
 * Exactly one message per (enrollment, step) whatever the retries: the ledger's beginSend gates it.
 */
export async function runFollowUpSender(this: IExecuteFunctions, deps: SenderDeps = {}): Promise<INodeExecutionData[][]> {
  const items = this.getInputData();
  const sent: INodeExecutionData[] = [];
  const notSent: INodeExecutionData[] = [];
  const ledger = deps.ledger ?? (await ledgerFor(this));
  let twilio: { auth: TwilioAuth; cached: boolean } | undefined;
  let dialpad: { auth: DialpadAuth; cached: boolean } | undefined;
  let ringcentral: { auth: RingCentralAuth; cached: boolean } | undefined;
  let vonage: { auth: VonageAuth; cached: boolean } | undefined;
  let smtp: { config: SmtpConfig; cached: boolean } | undefined;

  for (let i = 0; i < items.length; i++) {
    const json = items[i]!.json;
    try {
      const rawNow = parseCurrentTime(this.getNodeParameter('currentTime', i, '') as unknown, this.getTimezone(), Date.now());
      if (rawNow === null) throw new NodeOperationError(this.getNode(), 'Current Time is not a valid date', { itemIndex: i });
      const ctx = await loadContext(this, ledger, json, i, rawNow);
      const { report, audited } = await sendItem(this, ctx, {
        twilio: async (fresh = false) => {
          if (!twilio || fresh) {
            const r = await cachedCredentials(this, senderCredentials, TWILIO_CREDENTIAL, { itemIndex: i, fresh });
            twilio = { auth: twilioAuthFrom(r.data), cached: r.cached };
          }
          return twilio;
        },
        dialpad: async (fresh = false) => {
          if (!dialpad || fresh) {
            const r = await cachedCredentials(this, senderCredentials, DIALPAD_CREDENTIAL, { itemIndex: i, fresh });
            dialpad = { auth: dialpadAuthFrom(r.data), cached: r.cached };
          }
          return dialpad;
        },
        ringcentral: async (fresh = false) => {
          if (!ringcentral || fresh) {
            const r = await cachedCredentials(this, senderCredentials, RINGCENTRAL_CREDENTIAL, { itemIndex: i, fresh });
            ringcentral = { auth: ringCentralAuthFrom(r.data), cached: r.cached };
          }
          return ringcentral;
        },
        vonage: async (fresh = false) => {
          if (!vonage || fresh) {
            const r = await cachedCredentials(this, senderCredentials, VONAGE_CREDENTIAL, { itemIndex: i, fresh });
            vonage = { auth: vonageAuthFrom(r.data), cached: r.cached };
          }
          return vonage;
        },
        smtp: async (fresh = false) => {
          if (!smtp || fresh) {
            const r = await cachedCredentials(this, senderCredentials, SMTP_CREDENTIAL, { itemIndex: i, fresh });
            smtp = { config: smtpConfigFrom(r.data), cached: r.cached };
          }
          return smtp;
        },
        sleep: deps.sleep,
      });
      if (!audited) await ledger.audit({ ...sendAudit(report), phone: ctx.touch.phone, enrollmentId: ctx.enrollment.id, touchId: ctx.touch.id, now: ctx.now });
      (report.outcome === 'sent' ? sent : notSent).push({ json: { ...json, send: report as unknown as IDataObject }, pairedItem: { item: i } });
    } catch (e) {
      if (!this.continueOnFail()) {
        throw e instanceof NodeOperationError ? e : new NodeOperationError(this.getNode(), e as Error, { itemIndex: i });
      }
      notSent.push({
        json: { ...json, send: { outcome: 'failed', reason: 'ERROR', message: e instanceof Error ? e.message : String(e) } },
        pairedItem: { item: i },
      });
    }
  }
  return [sent, notSent];
}

async function loadContext(fn: IExecuteFunctions, ledger: Ledger, json: IDataObject, i: number, now: number): Promise<ItemContext> {
  const bad = (msg: string) => new NodeOperationError(fn.getNode(), msg, { itemIndex: i });
  const ref = asObject(json.touch) ?? asObject(json.firstTouch);
  const id = ref?.id;
  if (typeof id !== 'string' || id === '') throw bad('The item has no touch: expected $json.touch.id or $json.firstTouch.id (from the Consent Gate’s Send output)');
  const found = await ledger.touchContext(id);
  if (!found) throw bad(`Touch ${id} is not in the ledger (is every node using the same Ledger?)`);
  const { touch, enrollment, contact } = found;
  let parsed = parseStoredTemplate(enrollment.template);
  if (!parsed.success && json.template !== undefined) parsed = parseSequenceTemplate(json.template);
  if (!parsed.success) throw bad(`The enrollment’s template is invalid: ${parsed.issues.map((x) => `${x.path}: ${x.message}`).join('; ')}`);
  const call = (asObject(json.call) ?? asObject(enrollment.callEvent)) as Partial<CallEvent> | null;
  return { i, json, ledger, now, touch, enrollment, contact, template: parsed.data, call, callAt: callInstant(call, enrollment.createdAt) };
}

interface Transports {
  /** `fresh`: read the credential again, not from senderCredentials */
  twilio: (fresh?: boolean) => Promise<{ auth: TwilioAuth; cached: boolean }>;
  dialpad: (fresh?: boolean) => Promise<{ auth: DialpadAuth; cached: boolean }>;
  ringcentral: (fresh?: boolean) => Promise<{ auth: RingCentralAuth; cached: boolean }>;
  vonage: (fresh?: boolean) => Promise<{ auth: VonageAuth; cached: boolean }>;
  smtp: (fresh?: boolean) => Promise<{ config: SmtpConfig; cached: boolean }>;
  sleep?: (ms: number) => Promise<void>;
}

/** The sender's audit entry of a report: the text left out, an SMS number masked. */
function sendAudit(report: SendReport): { kind: string; data: unknown } {
  return { kind: SEND_AUDIT_KIND, data: { ...report, text: undefined, to: report.to && report.channel === 'sms' ? maskPhone(report.to) : report.to } };
}

/** An item's report; `audited`: its sendAudit entry is written already (with the touch's completion). */
interface SendResult {
  report: SendReport;
  audited: boolean;
}

const unaudited = (report: SendReport): SendResult => ({ report, audited: false });

async function sendItem(fn: IExecuteFunctions, c: ItemContext, t: Transports): Promise<SendResult> {
  const { ledger, touch, template, now, i } = c;
  const report: SendReport = {
    outcome: 'skipped',
    reason: null,
    touchId: touch.id,
    enrollmentId: touch.enrollmentId,
    stepId: touch.stepId,
    channel: touch.channel,
    provider: null,
    variant: null,
    to: null,
    messageId: null,
    next: null,
    enrollmentCompleted: false,
    at: new Date(now).toISOString(),
  };
  const step = template.steps.find((s) => s.id === touch.stepId);
  if (!step) throw new NodeOperationError(fn.getNode(), `Step ${touch.stepId} is not in template ${template.id}`, { itemIndex: i });
  report.channel = step.channel;
  if (step.channel !== 'sms' && step.channel !== 'email') return unaudited({ ...report, reason: 'UNSUPPORTED_CHANNEL' });
  /**
   * Completes the touch; the report made from what completeTouch did is audited in the same ledger
   * transaction (`audit: false`: the caller audits it later, after what it still records).
   */
  const complete = async (
    r: Omit<TouchCompletion, 'now' | 'audit'>,
    next: NextFn | undefined,
    reportOf: (done: CompletedTouch) => SendReport,
    audit = true,
  ): Promise<SendResult> => {
    const done = await ledger.completeTouch(touch.id, { ...r, now, ...(audit ? { audit: (x: CompletedTouch) => sendAudit(reportOf(x)) } : {}) }, next);
    return { report: reportOf(done), audited: audit };
  };

  const { contact } = c;
  const person = asObject(c.json.contact);
  const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
  const callerName = str(fn.getNodeParameter('callerName', i, '')) ?? str(person?.name) ?? contact?.name ?? null;
  const rendered: RenderedMessage = renderStep(template, step as SmsStep | EmailStep, touch.enrollmentId, {
    callerName,
    agentName: fn.getNodeParameter('agentName', i, '') as string,
    call: c.call,
    callAt: c.callAt,
    now,
    // the contact's number: the SMS goes to it, and an email reader is the same person
    recipientZones: analyzePhone(touch.phone)?.zones ?? null,
    // read with the touch: a preference set since the last touch applies from this one on
    preferredLanguage: contact?.language ?? null,
  });
  report.variant = rendered.variant;
  const email = step.channel === 'email' ? (str(fn.getNodeParameter('callerEmail', i, '')) ?? str(person?.email) ?? contact?.email ?? null) : null;
  report.to = step.channel === 'sms' ? touch.phone : email;

  // nothing to send: skip this step (the sequence goes on) when the touch is still open
  const skipReason: NotSentReason | null = !rendered.ok ? 'RENDER_MISSING' : step.channel === 'email' && !email ? 'NO_RECIPIENT' : null;
  if (skipReason) {
    if (!rendered.ok) report.missing = rendered.missing;
    const fresh = (await ledger.touch(touch.id)) ?? touch;
    if (!OPEN.includes(fresh.status)) return unaudited({ ...report, ...refusal(fresh) });
    return complete({ status: 'skipped', detail: { reason: skipReason, missing: report.missing ?? [] } }, nextOf(c), (done) => ({
      ...report,
      reason: skipReason,
      ...advanced(done.sequence),
    }));
  }
  if (!rendered.ok) throw new Error('unreachable');
  report.text = rendered.text;
  report.language = rendered.language;
  if (rendered.subject !== undefined) report.subject = rendered.subject;

  // an address that hard-bounced or that SMTP refused for good gets no more email: blocked, and the
  // sequence goes on (one ledger read, on email steps only)
  const address = step.channel === 'email' ? emailKey(email) : null;
  const suppressed = address === null ? null : await ledger.emailSuppression(address);
  if (suppressed !== null) {
    const fresh = (await ledger.touch(touch.id)) ?? touch;
    if (!OPEN.includes(fresh.status)) return unaudited({ ...report, ...refusal(fresh) });
    const suppression = suppressionView(suppressed);
    return complete({ status: 'blocked', detail: { reason: 'EMAIL_SUPPRESSED', suppression } }, nextOf(c), (done) => ({
      ...report,
      outcome: 'blocked',
      reason: 'EMAIL_SUPPRESSED',
      suppression,
      ...advanced(done.sequence),
    }));
  }

  // a phone system's text needs a number to come from: checked before the touch is claimed for sending
  const smsProvider = step.channel === 'sms' ? (fn.getNodeParameter('smsProvider', i, 'twilio') as string) : null;
  const phoneSystem = isPhoneSystemSms(smsProvider) ? smsProvider : null;
  const phoneSystemFrom = phoneSystem ? phoneSystemSender(fn, c, PHONE_SYSTEM_SMS[phoneSystem].fromParam, PHONE_SYSTEM_SMS[phoneSystem].label) : null;

  // the last check, atomic: exactly one `go` per touch; never after a reply or opt-out
  const go = await ledger.beginSend(touch.id, `${touch.enrollmentId}:${touch.stepId}`, now);
  if (go !== 'go') return unaudited({ ...report, ...refusal((await ledger.touch(touch.id)) ?? touch, go) });

  const provider = step.channel === 'sms' ? (fn.getNodeParameter('smsProvider', i, 'twilio') as string) : (fn.getNodeParameter('emailProvider', i, 'smtp') as string);
  report.provider = provider;
  const detail = { variant: rendered.variant, language: rendered.language, ...(rendered.firstMessageFor ? { firstMessageFor: rendered.firstMessageFor } : {}) };
  // the outcome and, where the sequence goes on, its next step: one ledger transaction
  const sent = async (messageId: string, attempts?: number): Promise<SendResult> => {
    const tries = attempts === undefined ? {} : { attempts };
    return complete({ status: 'sent', provider, providerMessageId: messageId, detail: { ...detail, ...tries } }, nextOf(c), (done) => ({
      ...report,
      outcome: 'sent',
      messageId,
      ...tries,
      ...advanced(done.sequence),
    }));
  };
  /** `blocked`: this message can never go to this address; `moveOn`: the sequence goes on now; `audit`: see complete */
  const notSent = async (
    f: { blocked: boolean; moveOn: boolean; reason: SendReport['reason']; code: SendReport['providerCode']; attempts: number; message: string },
    more: IDataObject,
    audit = true,
  ): Promise<SendResult> => {
    const outcome = f.blocked ? 'blocked' : 'failed';
    const out: SendReport = { ...report, outcome, reason: f.reason, attempts: f.attempts, providerCode: f.code, message: f.message };
    // a touch in `sending` can only become sent or failed; the detail keeps the distinction
    return complete(
      { status: 'failed', provider, detail: { ...detail, outcome, reason: f.reason, code: f.code, attempts: f.attempts, ...more } },
      f.moveOn ? nextOf(c) : undefined,
      (done) => (f.moveOn ? { ...out, ...advanced(done.sequence) } : out),
      audit,
    );
  };

  if (provider === 'sandbox') {
    const { messageId } = await recordSandboxSend(ledger, {
      touchId: touch.id,
      enrollmentId: touch.enrollmentId,
      phone: touch.phone,
      channel: step.channel,
      to: report.to!,
      body: rendered.text,
      subject: rendered.subject,
      now,
    });
    return sent(messageId);
  }

  if (phoneSystem !== null && phoneSystemFrom !== null) {
    const retry = retryOf(fn.getNodeParameter('options', i, {}) as IDataObject, t.sleep);
    // Vonage's delivery receipts go to the Status Callback URL (Twilio's take it below)
    const callback = phoneSystem === 'vonage' ? ((fn.getNodeParameter('statusCallback', i, '') as string) || '').trim() || undefined : undefined;
    const r = await sendPhoneSystemSms(phoneSystem, fn.helpers, t, { to: touch.phone, from: phoneSystemFrom, text: rendered.text, clientRef: touch.id, callback }, retry);
    if (r.ok) return sent(r.id, r.attempts);
    return notSent({ blocked: r.blocked, moveOn: r.blocked, reason: r.reason, code: r.code, attempts: r.attempts, message: r.message }, { httpStatus: r.httpStatus });
  }

  if (step.channel === 'sms') {
    const options = fn.getNodeParameter('options', i, {}) as IDataObject;
    const useService = fn.getNodeParameter('smsSender', i, 'from') === 'messagingService';
    const send = async (auth: TwilioAuth) => sendTwilioSms(
      fn.helpers,
      auth,
      {
        to: touch.phone,
        body: rendered.text,
        ...(useService
          ? { messagingServiceSid: (fn.getNodeParameter('messagingServiceSid', i, '') as string).trim() }
          : { from: (fn.getNodeParameter('fromNumber', i, '') as string).trim() }),
        statusCallback: ((fn.getNodeParameter('statusCallback', i, '') as string) || '').trim() || undefined,
      },
      retryOf(options, t.sleep),
    );
    const creds = await t.twilio();
    let r = await send(creds.auth);
    // 401 with a cached credential: it may have been rotated; nothing was created, so send once more with a fresh read
    if (!r.ok && r.httpStatus === 401 && creds.cached) r = await send((await t.twilio(true)).auth);
    if (r.ok) return sent(r.sid, r.attempts);
    const blocked = r.reason === 'OPTED_OUT' || r.reason === 'INVALID_NUMBER' || r.reason === 'NOT_MOBILE';
    // the number cannot take this message: the sequence goes on (not after an opt-out, which ends it,
    // nor after a retryable failure, which settleStrandedTouches moves on later)
    const optedOut = r.reason === 'OPTED_OUT';
    // (the send is audited after the opt-out, as the last record of the item)
    const out = await notSent({ blocked, moveOn: blocked && !optedOut, reason: r.reason, code: r.code, attempts: r.attempts, message: r.message }, { httpStatus: r.httpStatus }, !optedOut);
    // the number replied STOP to Twilio: record it so nothing else goes out (ends its enrollments)
    if (optedOut) await ledger.recordOptOut(touch.phone, { channel: 'sms', source: 'twilio_21610', text: null, now });
    return out;
  }

  // email through SMTP
  const smtpCreds = await t.smtp();
  const listParam = (fn.getNodeParameter('listUnsubscribe', i, '') as string).trim();
  const list = listParam
    ? listParam.split(/[\s,]+/).filter(Boolean)
    : template.business.supportEmail
      ? [`mailto:${template.business.supportEmail}?subject=unsubscribe`]
      : [];
  const options = fn.getNodeParameter('options', i, {}) as IDataObject;
  // 4xx and connection failures before the data phase are retried (nothing was delivered);
  // a connection lost after the data phase is not (the mail may have arrived): see sendSmtpMailRetrying
  const mail = async (cfg: SmtpConfig) => sendSmtpMailRetrying(
    cfg,
    {
      to: email!,
      subject: rendered.subject ?? template.business.name,
      text: rendered.text,
      ...(rendered.html !== undefined ? { html: rendered.html } : {}),
      listUnsubscribe: list,
      oneClick: list.some((u) => u.startsWith('https:')),
      headers: { 'X-Missed-Call-Touch': touch.id },
    },
    {
      maxAttempts: Number(options.maxAttempts ?? 3),
      baseDelayMs: Number(options.retryBaseDelayMs ?? 1000),
      maxDelayMs: Number(options.maxRetryWaitSeconds ?? 60) * 1000,
      sleep: t.sleep ?? n8nSleep,
    },
  );
  let r = await mail(smtpCreds.config);
  // 535 (authentication failed) with a cached credential: it may have been rotated; nothing was delivered
  if (!r.ok && r.code === 535 && smtpCreds.cached) r = await mail((await t.smtp(true)).config);
  if (r.ok) return sent(r.messageId, r.attempts);
  const permanent = r.reason === 'EMAIL_REJECTED';
  // the server refused the address itself (at RCPT TO, for a reason about the address): no later email
  // goes to it. Recorded before the touch is completed, so a crash in between loses no suppression
  const refusesAddress = permanent && r.stage === 'recipient' && address !== null && bounceSuppresses({ permanent: true, status: r.status, smtpCode: r.code }).suppress;
  const recorded = refusesAddress
    ? await ledger.recordEmailSuppression({
        email: address,
        phone: touch.phone,
        source: 'smtp_rejected',
        code: suppressionCode({ status: r.status, code: r.code }),
        touchId: touch.id,
        now,
      })
    : null;
  if (permanent) {
    report.providerStatus = r.status;
    if (recorded) report.suppression = suppressionView(recorded.suppression);
  }
  return notSent(
    { blocked: permanent, moveOn: permanent, reason: r.reason, code: r.code, attempts: r.attempts, message: r.message },
    { deliveryUnknown: r.deliveryUnknown, ...(permanent ? { status: r.status, stage: r.stage, suppressed: recorded !== null } : {}) },
  );
}

/** A suppression as the report and the touch's detail show it. */
function suppressionView(s: EmailSuppression): NonNullable<SendReport['suppression']> {
  return { source: s.source, code: s.code, since: new Date(s.at).toISOString() };
}

/** The Options' retry settings (Max Attempts, Retry Base Delay, Max Retry Wait). */
function retryOf(options: IDataObject, sleep?: (ms: number) => Promise<void>): RetryOptions {
  return {
    maxAttempts: Number(options.maxAttempts ?? 3),
    baseDelayMs: Number(options.retryBaseDelayMs ?? 1000),
    maxDelayMs: Number(options.maxRetryWaitSeconds ?? 60) * 1000,
    sleep,
  };
}

/** The phone system's number a text comes from: From Number (`param`), else the number the caller called. */
function phoneSystemSender(fn: IExecuteFunctions, c: ItemContext, param: string, system: string): string {
  const given = String(fn.getNodeParameter(param, c.i, '') ?? '').trim();
  const called = typeof c.call?.to === 'string' ? c.call.to.trim() : '';
  const from = given || called;
  if (from === '') {
    throw new NodeOperationError(fn.getNode(), `No ${system} number to send from`, {
      itemIndex: c.i,
      description: `Set From Number to a ${system} number that may send texts, or keep the call's To number on the item (the number the caller called).`,
    });
  }
  return from;
}

/** Maps a non-go touch to the Not Sent reason. */
function refusal(touch: Touch, go?: string): Pick<SendReport, 'outcome' | 'reason' | 'stop'> {
  if (go === 'already_sent' || touch.status === 'sent') return { outcome: 'skipped', reason: 'ALREADY_SENT' };
  if (go === 'in_flight' || touch.status === 'sending') return { outcome: 'skipped', reason: 'IN_FLIGHT' };
  return { outcome: 'skipped', reason: 'STOPPED', stop: touch.reason ?? touch.status };
}

/**
 * The step after this item's touch, for completeTouch to schedule in the same transaction as the
 * completion (or to complete the enrollment after the last step): from the template the item was sent
 * with, counting from the completion.
 */
function nextOf(c: ItemContext): NextFn {
  return nextInTemplate(c.template, c.callAt, c.call?.class ?? null);
}
