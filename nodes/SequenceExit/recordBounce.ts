import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { bounceSuppresses, suppressionCode, type DeliveryState } from '../../shared/delivery';
import type { BounceEmail } from '../../shared/optout';
import { analyzePhone } from '../../shared/phone';
import { emailKey } from '../ledger/emailKey';
import type { Ledger, Touch } from '../ledger/Ledger';
import { SEND_AUDIT_KIND } from '../shared/sendAuditKind';
import type { InboundMessage } from './inboundMessage';
import { asObject, text } from '../shared/webhookBody';

/** Parts of a bounce that quote the message that bounced or report on it (RFC 3464, RFC 6533). */
const REPORT_PART = /^\s*(?:message\/(?:rfc822|delivery-status|global|global-headers|global-delivery-status)|text\/rfc822-headers)\b/i;
/** at most this much of all such parts is read, from at most this many parts */
const MAX_REPORT = 65_536;
const MAX_PARTS = 4;
const BASE64 = /^[A-Za-z0-9+/=\r\n]+$/;

/** An attachment's content as text: a string (base64 or not) or a Buffer as JSON (`{ type: 'Buffer', data }`). */
function contentText(c: unknown): string | null {
  const s = text(c);
  if (s !== null) return BASE64.test(s.slice(0, MAX_REPORT)) ? Buffer.from(s.slice(0, MAX_REPORT * 2), 'base64').toString('utf8') : s;
  const o = asObject(c);
  return o?.type === 'Buffer' && Array.isArray(o.data) ? Buffer.from((o.data as number[]).slice(0, MAX_REPORT)).toString('utf8') : null;
}

/**
 * The text of a bounce's report parts that its item keeps apart from `text`: the n8n Email Trigger
 * (Resolved format, or Simple with attachments) puts the returned message (message/rfc822) in
 * binary, others leave `attachments` on the item. Read for the original's Message-ID and
 * X-Missed-Call-Touch; at most 64 KB; a part that cannot be read is skipped.
 */
export async function attachedReport(fn: IExecuteFunctions, i: number, json: IDataObject): Promise<string> {
  const parts: string[] = [];
  let size = 0;
  const add = (s: string | null) => {
    if (!s) return;
    parts.push(s.slice(0, MAX_REPORT - size));
    size += parts[parts.length - 1]!.length;
  };
  const full = () => parts.length >= MAX_PARTS || size >= MAX_REPORT;
  for (const a of Array.isArray(json.attachments) ? json.attachments.slice(0, 50) : []) {
    if (full()) break;
    const o = asObject(a);
    if (o && REPORT_PART.test(text(o.contentType) ?? text(o.mimeType) ?? '')) add(contentText(o.content));
  }
  const binary = fn.getInputData()[i]?.binary ?? {};
  for (const [key, b] of Object.entries(binary)) {
    if (full()) break;
    if (!REPORT_PART.test(b?.mimeType ?? '')) continue;
    try {
      add((await fn.helpers.getBinaryDataBuffer(i, key)).subarray(0, MAX_REPORT - size).toString('utf8'));
    } catch {
      // a part gone from binary storage: the bounce is still recorded, only perhaps not on its touch
    }
  }
  return parts.join('\n');
}

/** A bounce's sender that is a mail system: `mailer-daemon@…`, `postmaster@…`, or such a name alone. */
const DAEMON_SENDER = /^(?:mailer-daemon|postmaster|mail-daemon)(?:@|$)/i;

/**
 * The address a sent email touch went to, from the Follow-up Sender's audit entry of the send (`to`,
 * kept as sent); null when the ledger has none (a touch sent otherwise, or its audit entry pruned).
 */
async function sentTo(ledger: Ledger, touch: Touch): Promise<string | null> {
  const entries = await ledger.auditTrail({ enrollmentId: touch.enrollmentId, kinds: [SEND_AUDIT_KIND], order: 'desc', limit: 100 });
  for (const a of entries) {
    const d = a.data as { outcome?: unknown; to?: unknown } | null;
    if (a.touchId === touch.id && d?.outcome === 'sent') return emailKey(d.to);
  }
  return null;
}

export interface BounceRecord {
  /** the contact's phone, E.164; null when neither Contact Phone nor the touch names one */
  phone: string | null;
  touch: Touch | null;
  /** exit fields of the item (class, action and the message's own fields are the caller's) */
  exit: IDataObject;
}

/**
 * A bounce of one of our emails, on the ledger: the touch named by `msg.touchId` or the quoted
 * X-Missed-Call-Touch, else the one whose Message-ID the bounce quotes. A permanent or unknown bounce
 * is recorded as `undelivered` (error: the SMTP code) on the touch (recordDelivery: idempotent, so
 * a retried item changes nothing); a delay records nothing. A bounce that says the address is gone
 * for good (shared bounceSuppresses; permanence not said counts when a mailer daemon sent it) records
 * the address's suppression (source `bounce`), so no later email goes to it: the address the touch
 * was sent to by the sender's audit, else the bounce's recipient; without either nothing is suppressed
 * (`suppressReason: 'no_address'`), nor for a bounce tied to no touch of ours (`no_touch`: a forged
 * one could name any address). recordEmailSuppression keeps the first record, so a retried bounce
 * changes nothing. Nothing else: no classification, no opt-out, pause, reply or exit. The phone:
 * `contactPhone` when valid, else the touch's.
 */
export async function recordBounce(
  ledger: Ledger,
  b: { msg: InboundMessage; bounce: BounceEmail; contactPhone: string | null; country: string; now: number },
): Promise<BounceRecord> {
  const { bounce, now } = b;
  const named = b.msg.touchId ?? bounce.touchId;
  let touch = named ? await ledger.touch(named) : null;
  let delivery: { state: DeliveryState | null; changed: boolean; previous: DeliveryState | null } = { state: null, changed: false, previous: null };
  if (bounce.permanent !== false) {
    const own = touch?.channel === 'email' && touch.provider && touch.providerMessageId ? { provider: touch.provider, messageId: touch.providerMessageId } : null;
    const by = own ?? (bounce.originalMessageId ? { provider: 'smtp', messageId: bounce.originalMessageId } : null);
    if (by) {
      const rec = await ledger.recordDelivery({ ...by, state: 'undelivered', errorCode: bounce.smtpCode, now });
      if (rec.touch) {
        touch = rec.touch;
        delivery = { state: 'undelivered', changed: rec.changed, previous: rec.previous };
      }
    }
  }
  const given = b.contactPhone ? analyzePhone(b.contactPhone, { defaultCountry: b.country }) : null;
  const phone = given?.e164 ?? touch?.phone ?? null;

  const verdict = bounceSuppresses(bounce, { reportedByDaemon: DAEMON_SENDER.test(b.msg.from) });
  let suppressed: IDataObject | null = null;
  let suppressReason: string = verdict.reason;
  if (verdict.suppress) {
    // only a bounce of one of our emails suppresses (anyone can mail the reply inbox a "bounce"), and
    // the address that email went to comes first: a forwarded mailbox bounces from the address it forwards to
    const email = touch === null ? null : ((touch.channel === 'email' ? await sentTo(ledger, touch) : null) ?? emailKey(bounce.recipient));
    if (touch === null) suppressReason = 'no_touch';
    else if (email === null) suppressReason = 'no_address';
    else {
      const r = await ledger.recordEmailSuppression({ email, phone, source: 'bounce', code: suppressionCode(verdict), touchId: touch?.id ?? null, now });
      // the record on file: this bounce's, or an earlier one's (a retried bounce, an SMTP refusal before)
      const s = r.suppression;
      suppressed = { email: s.email, source: s.source, code: s.code, since: new Date(s.at).toISOString(), firstTime: r.firstTime };
    }
  }
  return {
    phone,
    touch,
    exit: {
      permanent: bounce.permanent,
      status: bounce.status,
      smtpCode: bounce.smtpCode,
      recipient: bounce.recipient,
      originalMessageId: bounce.originalMessageId,
      touchId: touch?.id ?? null,
      enrollmentId: touch?.enrollmentId ?? null,
      delivery,
      suppressed,
      suppressReason,
    },
  };
}
