import { randomUUID } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';
import { createTransport, type Transporter } from 'nodemailer';
import { withoutUrlCredentials } from '../shared/withoutUrlCredentials';

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
  /** the Message-ID header (retries of one message keep it) */
  messageId?: string;
}

export interface SmtpSendResult {
  messageId: string;
  accepted: string[];
  rejected: string[];
  response: string;
}

/** The `missedCallSmtp` credential's fields as an SmtpConfig (port 587 when missing). */
export function smtpConfigFrom(c: IDataObject): SmtpConfig {
  return {
    host: String(c.host ?? ''),
    port: Number(c.port) || 587,
    secure: c.secure === true,
    user: typeof c.user === 'string' ? c.user : undefined,
    password: typeof c.password === 'string' ? c.password : undefined,
    from: String(c.from ?? ''),
  };
}

/** Creates a one-message transport; `onServer` sees every server reply (to know the data phase began). */
function transportFor(c: SmtpConfig, onServer: (line: string) => void): Transporter {
  const quiet = () => undefined;
  return createTransport({
    host: c.host,
    port: c.port,
    secure: c.secure,
    auth: c.user ? { user: c.user, pass: c.password ?? '' } : undefined,
    // one connection per message: nothing stays open between executions
    pool: false,
    connectionTimeout: 15_000,
    socketTimeout: 30_000,
    // the transaction log goes to this function only (never to n8n's log): it holds addresses
    transactionLog: true,
    logger: {
      level: quiet,
      trace: quiet,
      info: quiet,
      warn: quiet,
      error: quiet,
      fatal: quiet,
      debug: (entry: { tnx?: string }, message: unknown) => {
        if (entry?.tnx === 'server' && typeof message === 'string') onServer(message);
      },
      // nodemailer's logger type wants `level`; the functions above are all it calls
    } as never,
  });
}

/**
 * Connects, says EHLO, upgrades to TLS where the server offers it, logs in when a user is set, and
 * quits: what sending needs, without sending. Throws nodemailer's error (its message names the
 * server's reply, never the password).
 */
export async function verifySmtp(config: SmtpConfig): Promise<void> {
  const transport = transportFor(config, () => undefined);
  try {
    await transport.verify();
  } finally {
    transport.close();
  }
}

/** Kept for callers that closed the former transport cache: transports now live for one message. */
export function closeSmtpTransports(): void {}

/** An SMTP failure with what the server was known to have received. */
export interface SmtpFailure extends Error {
  /** the server's reply code, when it answered */
  responseCode?: number;
  /** the server's whole reply line, e.g. `550 5.1.1 <dana@example.com>: Recipient address rejected` */
  response?: string;
  /** the command the server refused (nodemailer's): `RCPT TO`, `MAIL FROM`, `DATA`, `AUTH PLAIN`, `CONN`… */
  command?: string;
  /** true once the server answered 354 to DATA: the message may have been delivered without a reply */
  dataStarted?: boolean;
}

/** The enhanced status code (RFC 3463) at the head of an SMTP reply (`550 5.1.1 …`, `550-5.1.1 …`); null when none. */
export function enhancedStatusOf(reply: unknown): string | null {
  return typeof reply === 'string' ? (/^\s*[245]\d\d[ -]([245]\.\d{1,3}\.\d{1,3})(?![\d.])/.exec(reply.slice(0, 200))?.[1] ?? null) : null;
}

/**
 * Sends one plain-text (+ optional html) mail over a fresh connection.
 * Throws nodemailer's error on failure (with `dataStarted`; the caller maps it to Not sent).
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
  let dataStarted = false;
  const transport = transportFor(config, (line) => {
    if (line.startsWith('354')) dataStarted = true;
  });
  try {
    const info = await transport.sendMail({
      from: m.from || config.from,
      to: m.to,
      subject: m.subject,
      text: m.text,
      html: m.html,
      headers,
      ...(m.messageId ? { messageId: m.messageId } : {}),
    });
    const list = (v: unknown): string[] => (Array.isArray(v) ? v.map((a) => (typeof a === 'string' ? a : String((a as { address?: string }).address ?? ''))) : []);
    return { messageId: String(info.messageId ?? ''), accepted: list(info.accepted), rejected: list(info.rejected), response: String(info.response ?? '') };
  } catch (e) {
    if (e instanceof Error) (e as SmtpFailure).dataStarted = dataStarted;
    // eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- transport without a node: the sender classifies it (retry, blocked, failed)
    throw e;
  } finally {
    transport.close();
  }
}

/** Stable outcome codes of one email send. */
export type SmtpFailureReason =
  | 'EMAIL_REJECTED' // a 5xx reply: the server refused the message for good
  | 'SMTP_ERROR'; // 4xx replies or connection failures after the last attempt, or a delivery left unknown

export type SmtpSendOutcome =
  | ({ ok: true; attempts: number; waits: number[] } & SmtpSendResult)
  | {
      ok: false;
      reason: SmtpFailureReason;
      code: number | null;
      /** the enhanced status code of the server's refusal, e.g. `5.1.1`; null when it gave none */
      status: string | null;
      /**
       * what the server refused: `recipient` (RCPT TO: the address), `sender` (MAIL FROM), `message`
       * (DATA, its content), `auth` (the login), `connection`, or null when not known
       */
      stage: SmtpStage | null;
      /** the connection broke after the server took the data (no final reply): never re-sent */
      deliveryUnknown: boolean;
      message: string;
      attempts: number;
      waits: number[];
    };

export type SmtpStage = 'recipient' | 'sender' | 'message' | 'auth' | 'connection';

/** The stage of nodemailer's `command` of a failure. */
function stageOf(command: unknown): SmtpStage | null {
  if (typeof command !== 'string') return null;
  if (command === 'RCPT TO') return 'recipient';
  if (command === 'MAIL FROM') return 'sender';
  if (command === 'DATA') return 'message';
  if (command.startsWith('AUTH')) return 'auth';
  if (command === 'CONN') return 'connection';
  return null;
}

export interface SmtpRetryOptions {
  /** total attempts including the first (>= 1) */
  maxAttempts: number;
  /** first backoff; doubles per attempt */
  baseDelayMs: number;
  /** a longer backoff gives up instead of holding the execution */
  maxDelayMs: number;
  sleep: (ms: number) => Promise<void>;
}

/**
 * Sends with retries where a retry cannot deliver twice: a 4xx reply (the server refused for now),
 * or a connection that failed before the data phase. A 5xx reply is final (`EMAIL_REJECTED`); a
 * connection lost after the server answered 354 may have delivered the mail, so it is not retried
 * (`SMTP_ERROR`, `deliveryUnknown`). Every attempt carries the same Message-ID. A refusal says its enhanced
 * status and the stage the server refused (`recipient`: the address itself, at RCPT TO).
 * @example
 * const r = await sendSmtpMailRetrying(cfg, msg, { maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 60_000, sleep });
 */
export async function sendSmtpMailRetrying(config: SmtpConfig, m: SmtpMessage, retry: SmtpRetryOptions): Promise<SmtpSendOutcome> {
  const waits: number[] = [];
  const maxAttempts = Math.max(1, Math.floor(retry.maxAttempts));
  const msg = { ...m, messageId: m.messageId ?? `<${randomUUID()}@${domainOf(m.from || config.from)}>` };
  for (let attempt = 1; ; attempt++) {
    try {
      const r = await sendSmtpMail(config, msg);
      if (r.accepted.length === 0) {
        return { ok: false, reason: 'EMAIL_REJECTED', code: 550, status: null, stage: 'recipient', deliveryUnknown: false, message: `recipient rejected: ${r.response}`, attempts: attempt, waits };
      }
      return { ok: true, ...r, attempts: attempt, waits };
    } catch (e) {
      const err = e as SmtpFailure;
      const code = Number(err.responseCode);
      const hasCode = Number.isFinite(code) && code >= 400 && code < 600;
      // nodemailer echoes the Host as given: a URL with credentials pasted there must not reach the report
      const message = withoutUrlCredentials(e instanceof Error ? e.message : String(e));
      const refusal = { status: hasCode ? enhancedStatusOf(err.response) : null, stage: stageOf(err.command) };
      if (hasCode && code >= 500) return { ok: false, reason: 'EMAIL_REJECTED', code, ...refusal, deliveryUnknown: false, message, attempts: attempt, waits };
      const deliveryUnknown = !hasCode && err.dataStarted === true;
      if (!deliveryUnknown && attempt < maxAttempts) {
        const delay = retry.baseDelayMs * 2 ** (attempt - 1);
        if (delay <= retry.maxDelayMs) {
          waits.push(delay);
          await retry.sleep(delay);
          continue;
        }
      }
      return { ok: false, reason: 'SMTP_ERROR', code: hasCode ? code : null, ...refusal, deliveryUnknown, message, attempts: attempt, waits };
    }
  }
}

function domainOf(from: string): string {
  const at = /@([A-Za-z0-9.-]+)/.exec(from);
  return at ? at[1]! : 'missed-call.local';
}
