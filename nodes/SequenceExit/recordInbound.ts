import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import { localToInstant } from '../../shared/compliance';
import { automatedEmail, classifyInbound, helpResponse, stopConfirmation, type AutomatedEmail, type BounceEmail, type InboundClass } from '../../shared/optout';
import { analyzePhone } from '../../shared/phone';
import { callerLanguage, type SequenceTemplate } from '../../shared/schema';
import { parseStoredTemplate } from '../shared/parseStoredTemplate';
import type { Enrollment, Ledger, OptOutChannel } from '../ledger/Ledger';
import { maskPhone } from '../shared/maskPhone';
import { sendTwilioSms, type TwilioAuth } from '../transport/twilio';
import { inboundMessage, stripQuotedReply, type InboundMessage } from './inboundMessage';
import { attachedReport, recordBounce } from './recordBounce';

const DAY_MS = 86_400_000;
/** Audit kind of every Sequence Exit action. */
export const EXIT_AUDIT_KIND = 'sequence_exit';

/** Record-mode outputs: 0 Opt-out, 1 Opt-in, 2 Help, 3 Re-engaged, 4 Auto-reply (also bounces). */
export const RECORD_OUTPUT: Record<InboundClass['class'], number> = { stop: 0, start: 1, help: 2, reply: 3, auto_reply: 4 };

export type RecordAction = 'opted_out' | 'opted_in' | 'help_answered' | 'reply_recorded' | 'paused' | 'bounce_recorded' | 'duplicate';

export interface ReplyMessage {
  kind: 'stop_confirmation' | 'help';
  text: string;
  /** TwiML answering the webhook with this text (for a Respond to Webhook node) */
  twiml: string;
  sent: { ok: true; sid: string } | { ok: false; reason: string; message?: string } | null;
}

export interface RecordResult {
  output: number;
  json: IDataObject;
}

export interface RecordDeps {
  ledger: Ledger;
  now: number;
  zone: string;
  twilio: () => Promise<TwilioAuth>;
}

const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
const twimlFor = (text: string) => `<?xml version="1.0" encoding="UTF-8"?><Response><Message>${escapeXml(text)}</Message></Response>`;
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const obj = (v: unknown): IDataObject | null => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as IDataObject) : null);

/** Epoch ms of local midnight starting `ymd` (YYYY-MM-DD) in `zone`. */
export function startOfLocalDay(ymd: string, zone: string): number {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  return localToInstant(zone, Date.UTC(y, m - 1, d));
}

/** The phone the reply belongs to, E.164. */
async function contactPhone(fn: IExecuteFunctions, i: number, msg: InboundMessage, json: IDataObject, ledger: Ledger, country: string): Promise<string> {
  const bad = (m: string, description?: string) => new NodeOperationError(fn.getNode(), m, { itemIndex: i, ...(description ? { description } : {}) });
  let raw = str(fn.getNodeParameter('contactPhone', i, ''));
  if (raw === null && msg.channel === 'sms') raw = msg.from;
  raw ??= str(json.phone) ?? str(obj(json.touch)?.phone) ?? str(obj(json.contact)?.phone);
  if (raw === null && msg.touchId) raw = (await ledger.touch(msg.touchId))?.phone ?? null;
  if (raw === null) {
    throw bad('The email reply names no contact phone', 'Set Contact Phone (e.g. from your CRM lookup of the sender address); the ledger keys contacts by phone.');
  }
  const info = analyzePhone(raw, { defaultCountry: country });
  if (!info) throw bad(`The contact phone ${maskPhone(raw)} is not a valid number`);
  return info.e164;
}

function templateOf(e: Enrollment | undefined): SequenceTemplate | null {
  if (!e) return null;
  const r = parseStoredTemplate(e.template);
  return r.success ? r.data : null;
}

/** A short view of an enrollment for the CRM step. */
function enrollmentView(e: Enrollment): IDataObject {
  return { id: e.id, templateId: e.templateId, callId: e.callId, createdAt: new Date(e.createdAt).toISOString(), status: e.status };
}

/**
 * A bounce, to Auto-reply: recorded on the touch it names (recordBounce), never read as a person's
 * reply. An item it cannot tie to a contact is not failed (phone null). A retried item (same
 * Message-ID) records nothing new and is audited as a duplicate.
 */
async function bounceItem(fn: IExecuteFunctions, i: number, json: IDataObject, msg: InboundMessage, bounce: BounceEmail, d: RecordDeps): Promise<RecordResult> {
  const { ledger, now } = d;
  const r = await recordBounce(ledger, {
    msg,
    bounce,
    contactPhone: str(fn.getNodeParameter('contactPhone', i, '')),
    country: str(fn.getNodeParameter('defaultCountry', i, 'US')) ?? 'US',
    now,
  });
  const exit: IDataObject = { mode: 'record', class: 'bounce', phone: r.phone, channel: msg.channel, source: msg.source, messageId: msg.messageId, ...r.exit, at: new Date(now).toISOString() };
  // after the (idempotent) delivery record: a crash between the two loses no bounce
  const duplicate = msg.messageId !== null && !(await ledger.claimOnce(`inbound:${msg.source}:${msg.messageId}`, now));
  const action = duplicate ? 'duplicate' : 'bounce_recorded';
  await ledger.audit({ kind: EXIT_AUDIT_KIND, phone: r.phone, enrollmentId: r.touch?.enrollmentId ?? null, touchId: r.touch?.id ?? null, data: { ...exit, phone: undefined, action }, now });
  return { output: RECORD_OUTPUT.auto_reply, json: { ...json, exit: { ...exit, action, ...(duplicate ? { duplicate: true } : {}) }, reply: null } };
}

/** A bounce read again with the parts of it its item keeps apart (the returned message in binary). */
async function withReport(fn: IExecuteFunctions, i: number, json: IDataObject, msg: InboundMessage, found: AutomatedEmail | null): Promise<AutomatedEmail | null> {
  if (found?.kind !== 'bounce') return found;
  const report = await attachedReport(fn, i, json);
  return report ? automatedEmail({ from: msg.from, subject: msg.subject, headers: msg.headers, text: `${msg.text}\n${report}` }) : found;
}

/**
 * Record mode for one item: classifies the inbound message (shared classifyInbound, `optedOut`
 * from the ledger; Twilio Advanced Opt-Out's OptOutType wins) and updates the ledger at once.
 * An email a machine sent (shared automatedEmail: by its headers and sender) is never a person's
 * reply: a bounce is recorded on its touch only (bounceItem); an automatic reply pauses the contact
 * unless its text is an opt-out. Webhook retries (same MessageSid) change nothing and give no second reply.
 */
export async function recordInbound(fn: IExecuteFunctions, i: number, json: IDataObject, d: RecordDeps): Promise<RecordResult> {
  const { ledger, now } = d;
  const parsed = inboundMessage(json);
  if (!parsed.ok) {
    throw new NodeOperationError(fn.getNode(), parsed.error === 'NO_MESSAGE' ? 'The item holds no inbound message' : 'The inbound message has no sender', {
      itemIndex: i,
      description: 'Expected a Twilio inbound SMS (From, To, Body — on the item or in body) or an email reply (from, text).',
    });
  }
  const msg = parsed.message;
  const automated =
    msg.channel === 'email' ? await withReport(fn, i, json, msg, automatedEmail({ from: msg.from, subject: msg.subject, headers: msg.headers, text: msg.text })) : null;
  if (automated?.kind === 'bounce') return bounceItem(fn, i, json, msg, automated, d);
  const country = str(fn.getNodeParameter('defaultCountry', i, 'US')) ?? 'US';
  const phone = await contactPhone(fn, i, msg, json, ledger, country);
  const text = msg.channel === 'email' ? stripQuotedReply(msg.text) || msg.text.trim() : msg.text;
  const zone = analyzePhone(phone, { defaultCountry: country })?.zones[0] ?? d.zone;
  const contact = await ledger.contact(phone);
  const optedOut = contact !== null && contact.optOut[msg.channel] !== null;

  const fromProvider: Record<'STOP' | 'START' | 'HELP', InboundClass> = {
    STOP: { class: 'stop', keyword: 'STOP', scope: 'this', matched: 'keyword' },
    START: { class: 'start', keyword: 'START' },
    HELP: { class: 'help', keyword: 'HELP' },
  };
  let cls: InboundClass = msg.optOutType ? fromProvider[msg.optOutType] : classifyInbound(text, { now, timeZone: zone, optedOut });
  // an automatic reply keeps its own auto-reply reading (a return date) or opt-out (over-honouring one is
  // the safe error); it never re-engages, re-subscribes or gets a HELP answer
  if (automated && cls.class !== 'auto_reply' && cls.class !== 'stop') cls = { class: 'auto_reply', returnDate: null, matched: 'auto_submitted' };
  const channel: OptOutChannel = cls.class === 'stop' && cls.scope === 'all' ? 'all' : msg.channel;
  const exit: IDataObject = {
    mode: 'record',
    class: cls.class,
    ...('matched' in cls ? { matched: cls.matched } : {}),
    ...('keyword' in cls ? { keyword: cls.keyword } : {}),
    ...(cls.class === 'stop' ? { scope: cls.scope } : {}),
    ...(automated ? { automated: automated.via } : {}),
    phone,
    channel: msg.channel,
    source: msg.source,
    messageId: msg.messageId,
    at: new Date(now).toISOString(),
  };
  const output = RECORD_OUTPUT[cls.class];
  const audit = (data: IDataObject) =>
    ledger.audit({ kind: EXIT_AUDIT_KIND, phone, data: { ...exit, phone: undefined, text: text.slice(0, 500), ...data }, now });

  if (msg.messageId !== null && !(await ledger.claimOnce(`inbound:${msg.source}:${msg.messageId}`, now))) {
    await audit({ action: 'duplicate' });
    return { output, json: { ...json, exit: { ...exit, action: 'duplicate', duplicate: true }, reply: null } };
  }

  const enrollments = await ledger.enrollmentsOf(phone);
  const latest = enrollments[enrollments.length - 1];
  const template = templateOf(latest);
  const business = template?.business;
  const businessName = str(fn.getNodeParameter('businessName', i, '')) ?? business?.name ?? null;
  // confirmations in the caller's language: their own preference, else their latest sequence's (by the department called)
  const department = (latest?.callEvent as { department?: unknown } | null | undefined)?.department;
  const lang = callerLanguage(template, typeof department === 'string' ? department : null, contact?.language);

  const reply = async (kind: ReplyMessage['kind'], body: string): Promise<ReplyMessage> => {
    const r: ReplyMessage = { kind, text: body, twiml: twimlFor(body), sent: null };
    if (msg.channel !== 'sms' || fn.getNodeParameter('sendConfirmation', i, false) !== true) return r;
    if (msg.optOutType !== null) return { ...r, sent: { ok: false, reason: 'PROVIDER_HANDLED', message: msg.source === 'twilio' ? 'Twilio Advanced Opt-Out answered already' : 'The phone system answered already' } };
    // a phone system's text came to one of its numbers, which Twilio cannot send from
    const from = str(fn.getNodeParameter('fromNumber', i, '')) ?? (msg.source === 'twilio' || msg.source === 'generic' ? msg.to : null);
    if (!from) return { ...r, sent: { ok: false, reason: 'NO_FROM_NUMBER' } };
    // no Twilio credential set: what was recorded stays recorded, the item says why nothing was sent
    const auth = await d.twilio().catch(() => null);
    if (!auth) return { ...r, sent: { ok: false, reason: 'NO_TWILIO_CREDENTIAL', message: 'Send Confirmation is on, but the Twilio credential could not be read: set one on the node' } };
    const s = await sendTwilioSms(fn.helpers, auth, { to: phone, from, body }, { maxAttempts: 2, baseDelayMs: 1000, maxDelayMs: 10_000 });
    return { ...r, sent: s.ok ? { ok: true, sid: s.sid } : { ok: false, reason: s.reason, message: s.message } };
  };
  const auditReply = (r: ReplyMessage | null) =>
    r === null ? {} : { reply: { kind: r.kind, sent: r.sent === null ? null : r.sent.ok ? { ok: true, sid: r.sent.sid } : { ok: false, reason: r.sent.reason } } };

  switch (cls.class) {
    case 'stop': {
      const { firstTime } = await ledger.recordOptOut(phone, { channel, source: `${msg.source}_reply`, text: text.slice(0, 500), now });
      // one confirmation only (47 CFR § 64.1200(a)(12)); SMS only
      const r = firstTime && msg.channel === 'sms' ? await reply('stop_confirmation', stopConfirmation(businessName ?? '', lang)) : null;
      await audit({ action: 'opted_out', optOutChannel: channel, firstTime, ...auditReply(r) });
      return { output, json: { ...json, exit: { ...exit, action: 'opted_out', optOutChannel: channel, firstTime }, reply: r as unknown as IDataObject } };
    }
    case 'start': {
      await ledger.recordOptIn(phone, { channel: msg.channel, source: `${msg.source}_reply`, now });
      await audit({ action: 'opted_in', wasOptedOut: optedOut });
      return { output, json: { ...json, exit: { ...exit, action: 'opted_in', wasOptedOut: optedOut }, reply: null } };
    }
    case 'help': {
      let body: string;
      try {
        body = helpResponse({
          businessName: businessName ?? '',
          lang,
          supportPhone: str(fn.getNodeParameter('supportPhone', i, '')) ?? business?.callbackNumber ?? null,
          supportEmail: str(fn.getNodeParameter('supportEmail', i, '')) ?? business?.supportEmail ?? null,
        });
      } catch {
        throw new NodeOperationError(fn.getNode(), 'The HELP answer needs a support phone or email', {
          itemIndex: i,
          description: 'Set Support Phone or Support Email (CTIA requires a customer-care contact), or give the template a callbackNumber.',
        });
      }
      const r = await reply('help', body);
      await audit({ action: 'help_answered', ...auditReply(r) });
      return { output, json: { ...json, exit: { ...exit, action: 'help_answered' }, reply: r as unknown as IDataObject } };
    }
    case 'auto_reply': {
      const days = Math.max(0, Number(fn.getNodeParameter('autoReplyPauseDays', i, 3)) || 0);
      const dated = cls.returnDate !== null ? startOfLocalDay(cls.returnDate, zone) : null;
      const until = dated !== null && dated > now ? dated : now + days * DAY_MS;
      await ledger.pauseContact(phone, until, `auto_reply:${cls.matched}`, now);
      const info = { action: 'paused', returnDate: cls.returnDate, pausedUntil: new Date(until).toISOString() };
      await audit(info);
      return { output, json: { ...json, exit: { ...exit, ...info }, reply: null } };
    }
    case 'reply': {
      const { exitedEnrollments } = await ledger.recordReply(phone, { text: text.slice(0, 2000), class: 'reply', channel: msg.channel, now });
      const ended = enrollments.filter((e) => exitedEnrollments.includes(e.id));
      const basis = ended.length > 0 ? ended : latest ? [latest] : [];
      const touches = (await ledger.touchesOfEnrollments(basis.map((e) => e.id))).filter((t) => t.status === 'sent');
      const reengaged: IDataObject = {
        enrollments: ended.map(enrollmentView),
        lastCall: (basis[basis.length - 1]?.callEvent ?? null) as IDataObject | null,
        touchesSoFar: touches.length,
        touches: touches.map((t) => ({
          stepId: t.stepId,
          channel: t.channel,
          sentAt: t.sentAt === null ? null : new Date(t.sentAt).toISOString(),
          variant: (obj(t.detail)?.variant as string | undefined) ?? null,
        })),
        reply: { text, channel: msg.channel, at: new Date(now).toISOString() },
      };
      await audit({ action: 'reply_recorded', exitedEnrollments });
      return { output, json: { ...json, exit: { ...exit, action: 'reply_recorded', exitedEnrollments }, reengaged, reply: null } };
    }
  }
}
