import { createHash } from 'node:crypto';
import { createTransport, type Transporter } from 'nodemailer';

/** Fields of the `missedCallSmtp` credential. */
export interface SmtpConfig {
  host: string;
  port: number;
  /** TLS from the start (465); otherwise STARTTLS when the server offers it */
  secure: boolean;
  user?: string;
  password?: string;
  /** default sender, e.g. `"Acme Dental" <hello@acme.example>` */
  from: string;
}

export interface SmtpMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** overrides the credential's sender */
  from?: string;
  /** `mailto:` and/or https URLs for the List-Unsubscribe header */
  listUnsubscribe?: string[];
  /** one-click unsubscribe (RFC 8058); only with an https URL in listUnsubscribe */
  oneClick?: boolean;
  headers?: Record<string, string>;
}

export interface SmtpSendResult {
  messageId: string;
  accepted: string[];
  rejected: string[];
  response: string;
}

// transporter cache per credential config (configuration, not state)
const transports = new Map<string, Transporter>();

function keyOf(c: SmtpConfig): string {
  return createHash('sha256').update(JSON.stringify([c.host, c.port, c.secure, c.user ?? '', c.password ?? ''])).digest('hex');
}

function transportFor(c: SmtpConfig): Transporter {
  const key = keyOf(c);
  let t = transports.get(key);
  if (!t) {
    t = createTransport({
      host: c.host,
      port: c.port,
      secure: c.secure,
      auth: c.user ? { user: c.user, pass: c.password ?? '' } : undefined,
      // one connection per message: nothing stays open between executions
      pool: false,
      connectionTimeout: 15_000,
      socketTimeout: 30_000,
    });
    transports.set(key, t);
  }
  return t;
}

/** Drops every cached transporter (tests, shutdown). */
export function closeSmtpTransports(): void {
  for (const t of transports.values()) t.close();
  transports.clear();
}

/**
 * Sends one plain-text (+ optional html) mail through the cached transport for `config`.
 * Throws nodemailer's error on failure (the caller maps it to Not sent).
 * @example await sendSmtpMail(cfg, { to: 'ana@example.com', subject: 'We missed your call', text, listUnsubscribe: ['mailto:stop@acme.example'] })
 */
export async function sendSmtpMail(config: SmtpConfig, m: SmtpMessage): Promise<SmtpSendResult> {
  const headers: Record<string, string> = { ...(m.headers ?? {}) };
  if (m.listUnsubscribe && m.listUnsubscribe.length > 0) {
    headers['List-Unsubscribe'] = m.listUnsubscribe.map((u) => `<${u}>`).join(', ');
    if (m.oneClick && m.listUnsubscribe.some((u) => u.startsWith('https:'))) {
      headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
    }
  }
  const info = await transportFor(config).sendMail({
    from: m.from || config.from,
    to: m.to,
    subject: m.subject,
    text: m.text,
    html: m.html,
    headers,
  });
  const list = (v: unknown): string[] => (Array.isArray(v) ? v.map((a) => (typeof a === 'string' ? a : String((a as { address?: string }).address ?? ''))) : []);
  return { messageId: String(info.messageId ?? ''), accepted: list(info.accepted), rejected: list(info.rejected), response: String(info.response ?? '') };
}
