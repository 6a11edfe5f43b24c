import type { IExecuteFunctions } from 'n8n-workflow';
import { sendDialpadSms, type DialpadAuth, type DialpadFailure } from '../transport/dialpad';
import type { RetryOptions } from '../transport/requestWithRetry';
import { sendRingCentralSms, type RingCentralAuth, type RingCentralFailure } from '../transport/ringcentral';
import { sendVonageSms, type VonageAuth, type VonageFailure } from '../transport/vonage';

/** The SMS providers that are phone systems: the text comes from the business's own number there. */
export const PHONE_SYSTEM_SMS = {
  dialpad: { fromParam: 'dialpadFromNumber', label: 'Dialpad' },
  ringcentral: { fromParam: 'ringCentralFromNumber', label: 'RingCentral' },
  vonage: { fromParam: 'vonageFromNumber', label: 'Vonage' },
} as const;
export type PhoneSystemSmsProvider = keyof typeof PHONE_SYSTEM_SMS;

/** @example isPhoneSystemSms('ringcentral') // true; isPhoneSystemSms('twilio') // false */
export const isPhoneSystemSms = (p: string | null): p is PhoneSystemSmsProvider => p !== null && Object.hasOwn(PHONE_SYSTEM_SMS, p);

/** A credential read: from the sender's cache, or `fresh` from n8n. */
type Creds<A> = (fresh?: boolean) => Promise<{ auth: A; cached: boolean }>;
export interface PhoneSystemCreds {
  dialpad: Creds<DialpadAuth>;
  ringcentral: Creds<RingCentralAuth>;
  vonage: Creds<VonageAuth>;
}

export interface PhoneSystemSms {
  /** E.164 */
  to: string;
  /** the phone system's number, E.164 */
  from: string;
  text: string;
  /** the touch id (Vonage's `client-ref`) */
  clientRef: string;
  /** where the delivery receipt goes (Vonage) */
  callback?: string;
}

export type PhoneSystemSmsResult =
  | { ok: true; id: string; attempts: number }
  | {
      ok: false;
      /** this number can never take this text: the step is blocked and the sequence goes on */
      blocked: boolean;
      reason: DialpadFailure | RingCentralFailure | VonageFailure;
      code: string | null;
      httpStatus: number | null;
      message: string;
      attempts: number;
    };

/**
 * Sends once with the credential as read; when the phone system refused a cached credential's keys
 * (it may have been rotated; nothing was created) reads it again and sends once more.
 */
async function withFreshKeys<A, R extends { ok: boolean }>(creds: Creds<A>, send: (auth: A) => Promise<R>, refused: (r: R) => boolean): Promise<R> {
  const c = await creds();
  const r = await send(c.auth);
  return !r.ok && refused(r) && c.cached ? send((await creds(true)).auth) : r;
}

/**
 * One text through a phone system's API (Dialpad, RingCentral, Vonage), as the Follow-up Sender
 * needs the outcome: sent with the message id, or not sent, blocked when the number can never take
 * it (a number that cannot take texts; Vonage: barred). Other failures leave the touch failed, which
 * settleStrandedTouches moves on later.
 * @example const r = await sendPhoneSystemSms('vonage', this.helpers, creds, { to, from, text, clientRef: touch.id }, retry);
 */
export async function sendPhoneSystemSms(
  provider: PhoneSystemSmsProvider,
  helpers: Pick<IExecuteFunctions['helpers'], 'httpRequest'>,
  creds: PhoneSystemCreds,
  sms: PhoneSystemSms,
  retry: RetryOptions,
): Promise<PhoneSystemSmsResult> {
  switch (provider) {
    case 'dialpad': {
      const r = await withFreshKeys(creds.dialpad, (a) => sendDialpadSms(helpers, a, sms, retry), (x) => !x.ok && x.httpStatus === 401);
      if (r.ok) return { ok: true, id: r.id, attempts: r.attempts };
      return { ok: false, blocked: r.reason === 'INVALID_NUMBER', reason: r.reason, code: null, httpStatus: r.httpStatus, message: r.message, attempts: r.attempts };
    }
    case 'ringcentral': {
      // the access token's lifetime runs on the real clock, whatever Current Time says
      const r = await withFreshKeys(creds.ringcentral, (a) => sendRingCentralSms(helpers, a, sms, retry, Date.now()), (x) => !x.ok && x.reason === 'AUTH_FAILED');
      if (r.ok) return { ok: true, id: r.id, attempts: r.attempts };
      return { ok: false, blocked: r.reason === 'INVALID_NUMBER', reason: r.reason, code: r.code, httpStatus: r.httpStatus, message: r.message, attempts: r.attempts };
    }
    case 'vonage': {
      const r = await withFreshKeys(creds.vonage, (a) => sendVonageSms(helpers, a, sms, retry), (x) => !x.ok && x.reason === 'AUTH_FAILED');
      if (r.ok) return { ok: true, id: r.id, attempts: r.attempts };
      const blocked = r.reason === 'INVALID_NUMBER' || r.reason === 'NUMBER_BARRED';
      return { ok: false, blocked, reason: r.reason, code: r.code, httpStatus: r.httpStatus, message: r.message, attempts: r.attempts };
    }
  }
}
