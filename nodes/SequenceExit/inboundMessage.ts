import type { IDataObject } from 'n8n-workflow';
import { headerValues } from '../../shared/optout';
import { asObject, text, webhookBody } from '../shared/webhookBody';

/** One inbound message as the Sequence Exit node reads it from an item. */
export interface InboundMessage {
  channel: 'sms' | 'email';
  /**
   * `twilio` for a Twilio inbound SMS, `email` for an email reply, the phone system for a text the
   * Missed Call Trigger's Message output emits (`dialpad`, `ringcentral`, `zoom`…), `generic` otherwise
   */
  source: 'twilio' | 'email' | 'generic' | PhoneSystemSource;
  /** sender as given: a phone number (SMS) or an email address */
  from: string;
  /** our number / address, when known (the confirmation is sent from it) */
  to: string | null;
  text: string;
  /** provider message id (Twilio MessageSid, email Message-ID): dedupes webhook retries */
  messageId: string | null;
  /** the provider's own verdict (STOP, START, HELP): Twilio Advanced Opt-Out, or the phone system's (Message output's `optOutType`) */
  optOutType: 'STOP' | 'START' | 'HELP' | null;
  /** touch id from an `X-Missed-Call-Touch` header kept on the email reply, if any */
  touchId: string | null;
  /** the email's subject; null for SMS */
  subject: string | null;
  /**
   * the email's headers as the item gives them (`headers`, and the n8n Email Trigger's Simple-format
   * `metadata`): names in any case, values a string, a list, or a whole header line; null for SMS
   */
  headers: IDataObject | null;
}

export type InboundError = 'NO_MESSAGE' | 'NO_SENDER';

const PHONE_SYSTEMS = ['aircall', 'dialpad', 'ringcentral', 'vonage', 'zoom'] as const;
type PhoneSystemSource = (typeof PHONE_SYSTEMS)[number];

/** The phone system of a Missed Call Trigger Message item (`event: 'message'`, `provider`), else null. */
function phoneSystemOf(json: IDataObject): PhoneSystemSource | null {
  const p = json.event === 'message' ? text(json.provider) : null;
  return (PHONE_SYSTEMS as readonly string[]).includes(p ?? '') ? (p as PhoneSystemSource) : null;
}

/** A provider verdict given as `optOutType` (STOP, START, HELP; any case), else null. */
function verdictOf(v: unknown): InboundMessage['optOutType'] {
  const t = text(v)?.trim().toUpperCase();
  return t === 'STOP' || t === 'START' || t === 'HELP' ? t : null;
}

/** Address inside "Name <a@b.c>", an n8n/mailparser address object, or a plain address. */
function emailAddress(v: unknown): string | null {
  const o = asObject(v);
  if (o) {
    const list = Array.isArray(o.value) ? o.value : [];
    const first = asObject(list[0]);
    return text(first?.address) ?? text(o.address) ?? emailAddress(o.text);
  }
  const s = text(v)?.trim();
  if (!s) return null;
  const m = /<([^<>\s]+@[^<>\s]+)>/.exec(s) ?? /([^\s<>"',;]+@[^\s<>"',;]+)/.exec(s);
  return m ? m[1]!.toLowerCase() : null;
}

/** The first value of header `name` (lower case), without the `Name:` of an n8n header line; null when absent or empty. */
function headerOf(headers: unknown, name: string): string | null {
  return headerValues(headers, name)[0] || null;
}

/** `headers` and the Simple format's `metadata` in one object (`headers` wins); null when the item has neither. */
function emailHeaders(json: IDataObject): IDataObject | null {
  const metadata = asObject(json.metadata);
  const headers = asObject(json.headers);
  return metadata || headers ? { ...metadata, ...headers } : null;
}

/** A mail system's sender without an address ("MAILER-DAEMON (Mail Delivery System)"), as its name. */
const daemonSender = (v: unknown): string | null => /^\s*"?(mailer-daemon|postmaster|mail-daemon)\b/i.exec(text(v) ?? '')?.[1]?.toLowerCase() ?? null;

/**
 * Reads an inbound reply from an item: a Twilio inbound SMS (webhook fields `From`/`To`/`Body`,
 * on the item or under an n8n Webhook node's `body`), else an email reply (`from`, `text` or
 * `textPlain`, optional `subject`, `messageId`, `headers`), else a generic `{ from|phone, text }`
 * (optional `to`, `messageId`; a Missed Call Trigger Message item also names its `provider` and carries
 * the phone system's verdict as `optOutType`).
 * @example inboundMessage({ body: { From: '+13055550123', To: '+15125550100', Body: 'STOP', MessageSid: 'SM1' } })
 * // { ok: true, message: { channel: 'sms', source: 'twilio', from: '+13055550123', text: 'STOP', … } }
 */
export function inboundMessage(json: IDataObject): { ok: true; message: InboundMessage } | { ok: false; error: InboundError } {
  for (const o of [json, webhookBody(json)]) {
    if (!o || text(o.From) === null || (text(o.Body) === null && text(o.MessageSid) === null)) continue;
    const type = verdictOf(o.OptOutType);
    return {
      ok: true,
      message: {
        channel: 'sms',
        source: 'twilio',
        from: text(o.From)!.trim(),
        to: text(o.To)?.trim() || null,
        text: text(o.Body) ?? '',
        messageId: text(o.MessageSid) ?? text(o.SmsMessageSid) ?? text(o.SmsSid),
        optOutType: type,
        touchId: null,
        subject: null,
        headers: null,
      },
    };
  }
  const body = text(json.text) ?? text(json.textPlain) ?? text(json.body) ?? text(json.message);
  if (body === null) return { ok: false, error: 'NO_MESSAGE' };
  const email = emailAddress(json.from) ?? daemonSender(json.from);
  const phone = text(json.phone) ?? (email === null ? text(json.from) : null);
  if (email === null && !phone?.trim()) return { ok: false, error: 'NO_SENDER' };
  const channel = email !== null ? 'email' : json.channel === 'email' ? 'email' : 'sms';
  const headers = channel === 'email' ? emailHeaders(json) : null;
  const phoneSystem = email === null ? phoneSystemOf(json) : null;
  return {
    ok: true,
    message: {
      channel,
      source: email !== null ? 'email' : (phoneSystem ?? 'generic'),
      from: email ?? phone!.trim(),
      to: emailAddress(json.to) ?? text(json.to),
      text: email !== null && text(json.subject) && body.trim() === '' ? text(json.subject)! : body,
      messageId: text(json.messageId) ?? headerOf(headers ?? json.headers, 'message-id'),
      // only the Missed Call Trigger's Message item carries a phone system's verdict (set from its signed
      // delivery, never from the text); any other item's opt-out is read from its text
      optOutType: phoneSystem !== null ? verdictOf(json.optOutType) : null,
      touchId: headerOf(headers ?? json.headers, 'x-missed-call-touch'),
      subject: channel === 'email' ? (text(json.subject) ?? headerOf(headers, 'subject')) : null,
      headers,
    },
  };
}

/** Only the new text of an email reply: drops the quoted thread ("On … wrote:", "> …", "-----Original Message-----"). */
export function stripQuotedReply(body: string): string {
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  for (const line of lines) {
    if (/^\s*>/.test(line)) break;
    if (/^\s*On\b.{0,200}\bwrote:\s*$/i.test(line)) break;
    if (/^\s*-{2,}\s*Original Message\s*-{2,}/i.test(line)) break;
    if (/^\s*From:\s.+/i.test(line) && out.length > 0) break;
    out.push(line);
  }
  return out.join('\n').trim();
}
