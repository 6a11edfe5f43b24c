/** A bounce (delivery status notification / non-delivery report) of a message we sent. */
export interface BounceEmail {
  kind: 'bounce';
  /** true: the message was not delivered and never will be (`Action: failed`, 5.x.x, a failure subject); false: a delay (`Action: delayed`, 4.x.x) or a success notice; null: unknown */
  permanent: boolean | null;
  /** the enhanced status code (RFC 3463), e.g. `5.1.1` */
  status: string | null;
  /** the SMTP reply code, e.g. 550 */
  smtpCode: number | null;
  /** the address that did not take the message, lower case */
  recipient: string | null;
  /** Message-ID of the message that bounced, `<id@domain>` */
  originalMessageId: string | null;
  /** the quoted `X-Missed-Call-Touch` header of the message that bounced */
  touchId: string | null;
}

/** A message a machine sent on its own (RFC 3834): a vacation notice, a ticket receipt, a list digest. */
export interface AutoReplyEmail {
  kind: 'auto_reply';
  via: 'auto_submitted' | 'precedence' | 'autoreply_header';
}

export type AutomatedEmail = BounceEmail | AutoReplyEmail;

/** An inbound email as far as automatedEmail reads it; any field may be missing or of the wrong type. */
export interface AutomatedEmailInput {
  /** sender: `a@b.c`, `Name <a@b.c>`, `MAILER-DAEMON (Mail Delivery System)` */
  from?: unknown;
  subject?: unknown;
  /** header name (any case) → a value, a list of values, or an n8n/mailparser header line (`Name: value`) or `{ value, params }` */
  headers?: unknown;
  /** the body (plain text), with any delivery-status or quoted original parts */
  text?: unknown;
}

/** only this much of a body is read */
export const MAX_SCAN = 65_536;
/** at most this many values per header, and this many characters of each */
const MAX_VALUES = 20;
const MAX_VALUE = 4096;

const DAEMON = /^(?:mailer-daemon|postmaster|mail-daemon)$/i;
const BOUNCE_SUBJECT =
  /^\s*(?:undelivered mail returned to sender|delivery status notification \((?:failure|delay)\)|mail delivery failed|undeliverable\s*:|returned mail\b|failure notice|delivery has failed|delayed mail\b)/i;
const DELAY_SUBJECT = /\(delay\)|\bdelayed mail\b/i;
const ADDRESS = '[^\\s<>()",;:]+@[^\\s<>()",;:]+';

// lines of a delivery-status part or a quoted original; `>` quoting allowed; every quantifier bounded or line-local
const STATUS_FIELD = /^[ \t>]*Status:[ \t]*([245]\.\d{1,3}\.\d{1,3})\b/im;
const ACTION_FIELD = /^[ \t>]*Action:[ \t]*(failed|delayed|delivered|relayed|expanded)\b/im;
const RECIPIENT_FIELD = new RegExp(`^[ \\t>]*(?:Final|Original)-Recipient:[ \\t]*rfc822[ \\t]*;[ \\t]*<?(${ADDRESS})`, 'im');
const CODE_AND_STATUS = /(?:^|[^\d.])([245]\d\d)[ -]#?([245]\.\d{1,3}\.\d{1,3})(?![\d.]*\d)/m;
const DIAGNOSTIC_CODE = /^[ \t>]*Diagnostic-Code:[ \t]*smtp[ \t]*;[ \t]*([245]\d\d)\b/im;
// the quoted original's own header, or Gmail's X-Original-Message-ID in the delivery report
const ORIGINAL_ID = /^[ \t>]*(?:X-Original-)?Message-ID:[ \t]*(<[^<>\s]{1,300}>)/im;
const TOUCH_FIELD = /^[ \t>]*X-Missed-Call-Touch:[ \t]*([^\s<>;"']{1,200})/im;
// Postfix "<a@b>: host … said", Gmail "wasn't delivered to a@b", Exchange "Your message to a@b couldn't be delivered"
const RECIPIENT_PROSE = new RegExp(
  `^[ \\t]*<(${ADDRESS})>:|\\bwasn[’']?t delivered to[ \\t]+<?(${ADDRESS})>?|\\bmessage to[ \\t]+<?(${ADDRESS})>?[ \\t]+couldn[’']?t be delivered`,
  'im',
);

const str = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);

/** One header value as text: a string (an n8n header line `Name: value` loses its name), or mailparser's `{ value, params }`. */
function valueText(name: string, v: unknown): string | null {
  let s = str(v);
  if (s === null && v !== null && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    const value = str(o.value) ?? str(o.text);
    if (value === null) return null;
    const params = o.params !== null && typeof o.params === 'object' ? Object.entries(o.params as Record<string, unknown>) : [];
    s = [value, ...params.slice(0, MAX_VALUES).map(([k, p]) => `${k}=${str(p) ?? ''}`)].join('; ');
  }
  if (s === null) return null;
  s = s.slice(0, MAX_VALUE).replace(/\r?\n[ \t]+/g, ' ');
  if (s.length > name.length && s[name.length] === ':' && s.slice(0, name.length).toLowerCase() === name) s = s.slice(name.length + 1);
  return s.trim();
}

/** Every value of header `name` (lower case); `[]` when absent. An empty header is `['']`: present. */
export function headerValues(headers: unknown, name: string): string[] {
  if (headers === null || typeof headers !== 'object' || Array.isArray(headers)) return [];
  const out: string[] = [];
  for (const [k, v] of Object.entries(headers as Record<string, unknown>)) {
    if (k.trim().toLowerCase() !== name) continue;
    for (const one of (Array.isArray(v) ? v : [v]).slice(0, MAX_VALUES)) {
      const s = valueText(name, one);
      if (s !== null) out.push(s);
    }
  }
  return out;
}

/** The local part of a sender: `MAILER-DAEMON@x.y (Mail Delivery System)` → `MAILER-DAEMON`. */
function senderLocal(from: unknown): string | null {
  let s = str(from);
  if (s === null && from !== null && typeof from === 'object' && !Array.isArray(from)) {
    const o = from as Record<string, unknown>;
    const first = Array.isArray(o.value) ? (o.value[0] as Record<string, unknown> | undefined) : undefined;
    s = str(first?.address) ?? str(o.address) ?? str(o.text);
  }
  if (s === null) return null;
  s = s.slice(0, 1000);
  const address = /<([^<>\s]+)>/.exec(s)?.[1] ?? new RegExp(ADDRESS).exec(s)?.[0] ?? /^\s*"?([^\s"<>()@]+)/.exec(s)?.[1];
  return address ? address.split('@')[0]!.trim() : null;
}

/** How an automated header marks the message, else null. */
function autoReplyVia(headers: unknown): AutoReplyEmail['via'] | null {
  const submitted = headerValues(headers, 'auto-submitted');
  if (submitted.some((v) => v.split(/[;(\s]/, 1)[0]!.toLowerCase() !== 'no')) return 'auto_submitted';
  if (headerValues(headers, 'precedence').some((v) => /^(?:auto_reply|bulk|junk)\b/i.test(v))) return 'precedence';
  // not X-Auto-Response-Suppress: a request that others not auto-answer, which Outlook puts on mail people write
  for (const h of ['x-autoreply', 'x-autorespond']) if (headerValues(headers, h).length > 0) return 'autoreply_header';
  return null;
}

const messageId = (v: string | undefined): string | null => {
  const m = v ? /<?([^<>\s]{1,300}@[^<>\s]{1,300})>?/.exec(v) : null;
  return m ? `<${m[1]}>` : null;
};

/** What a bounce says: status, code, recipient, and which message of ours it was. */
function readBounce(headers: unknown, subject: string, body: string): BounceEmail {
  const action = ACTION_FIELD.exec(body)?.[1]?.toLowerCase() ?? null;
  const pair = CODE_AND_STATUS.exec(body);
  const status = STATUS_FIELD.exec(body)?.[1] ?? pair?.[2] ?? null;
  const code = pair?.[1] ?? DIAGNOSTIC_CODE.exec(body)?.[1];
  const smtpCode = code === undefined ? null : Number(code);
  const klass = status?.[0] ?? (smtpCode === null ? null : String(smtpCode)[0]!);
  // the MTA's verdict first (`Action: failed` with a 4.x.x status: it gave up retrying and returned the message)
  const permanent =
    action === 'failed' ? true
    : action !== null ? false
    : klass === '5' ? true
    : klass === '4' || klass === '2' ? false
    : BOUNCE_SUBJECT.test(subject) ? !DELAY_SUBJECT.test(subject)
    : null;
  const prose = RECIPIENT_PROSE.exec(body);
  const failed = headerValues(headers, 'x-failed-recipients')[0];
  const recipient = RECIPIENT_FIELD.exec(body)?.[1] ?? (failed ? new RegExp(ADDRESS).exec(failed.slice(0, 500))?.[0] : undefined) ?? prose?.[1] ?? prose?.[2] ?? prose?.[3] ?? null;
  // the quoted original's Message-ID; else the one Gmail and Exchange reply to
  const originalMessageId =
    messageId(ORIGINAL_ID.exec(body)?.[1]) ?? messageId(headerValues(headers, 'in-reply-to')[0]) ?? messageId(headerValues(headers, 'references')[0]?.split(/\s+/)[0]);
  return {
    kind: 'bounce',
    permanent,
    status,
    smtpCode,
    recipient: recipient ? recipient.replace(/[.>]+$/, '').toLowerCase() : null,
    originalMessageId,
    touchId: TOUCH_FIELD.exec(body)?.[1] ?? null,
  };
}

/**
 * Whether an inbound email was sent by a machine: a bounce (a DSN or an Exchange NDR) or an automatic
 * reply (RFC 3834). Bounce when the sender is mailer-daemon / postmaster / mail-daemon, the message is
 * a `multipart/report; report-type=delivery-status`, it has `X-MS-Exchange-Message-Is-NDR`, or an
 * automated header comes with a bounce subject ("Undelivered Mail Returned to Sender", "Undeliverable:",
 * "Delivery Status Notification (Failure)"…); the first 64 KB of its text give the status, the SMTP
 * code, the recipient, and the quoted original's Message-ID and X-Missed-Call-Touch (Message-ID else
 * from In-Reply-To / References). Auto-reply when `Auto-Submitted` is present and not `no`, `Precedence`
 * is auto_reply, bulk or junk (not list: people write to lists), or X-Autoreply or X-Autorespond is
 * present (not X-Auto-Response-Suppress: Outlook sets it on mail people write). Null: written by a
 * person as far as the headers tell (a subject alone proves nothing). Never throws.
 *
 * @example
 * automatedEmail({
 *   from: 'MAILER-DAEMON@mx.example.com (Mail Delivery System)',
 *   subject: 'Undelivered Mail Returned to Sender',
 *   text: 'Final-Recipient: rfc822; dana@example.com\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 User unknown',
 * })
 * // { kind: 'bounce', permanent: true, status: '5.1.1', smtpCode: 550, recipient: 'dana@example.com', originalMessageId: null, touchId: null }
 * automatedEmail({ headers: { 'Auto-Submitted': 'auto-replied' }, text: 'I am away until Monday.' }) // { kind: 'auto_reply', via: 'auto_submitted' }
 * automatedEmail({ headers: { 'auto-submitted': 'no' }, subject: 'Undeliverable package?' }) // null
 */
export function automatedEmail(input: AutomatedEmailInput): AutomatedEmail | null {
  const { headers } = input;
  const subject = (str(input.subject) ?? headerValues(headers, 'subject')[0] ?? '').slice(0, 1000);
  const via = autoReplyVia(headers);
  const local = senderLocal(input.from ?? headerValues(headers, 'from')[0]);
  const report = headerValues(headers, 'content-type').some((v) => /^\s*multipart\/report\b/i.test(v) && /\breport-type\s*=\s*"?delivery-status\b/i.test(v));
  const bounce =
    (local !== null && DAEMON.test(local)) ||
    report ||
    headerValues(headers, 'x-ms-exchange-message-is-ndr').length > 0 ||
    (via !== null && BOUNCE_SUBJECT.test(subject));
  if (bounce) return readBounce(headers, subject, (str(input.text) ?? '').slice(0, MAX_SCAN));
  return via === null ? null : { kind: 'auto_reply', via };
}
