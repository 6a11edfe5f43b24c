import type { IDataObject } from 'n8n-workflow';
import { headerValue } from '../../shared/telephony/buildEvents';
import { verifyTwilio, type VerifyResult } from './signatures';
import { asObject, text, webhookBody } from './webhookBody';

/** How an item fared: checked and valid, or why not (a VerifyFailureCode, or NOT_A_REQUEST). */
export type ItemSignature = VerifyResult | { ok: false; code: 'NOT_A_REQUEST' };

/** The query string as Twilio may have been given it: URLSearchParams' and encodeURIComponent's encodings, and unencoded. */
function queryStrings(query: IDataObject | null): string[] {
  const pairs: [string, string][] = [];
  for (const [k, v] of Object.entries(query ?? {})) for (const one of Array.isArray(v) ? v : [v]) if (text(one) !== null) pairs.push([k, text(one)!]);
  if (pairs.length === 0) return [''];
  const join = (enc: (s: string) => string) => '?' + pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&');
  return [...new Set(['?' + new URLSearchParams(pairs).toString(), join(encodeURIComponent), join((s) => s)])];
}

/** `url` with the user and password of a Basic Authorization header in it (Twilio was given https://user:password@host/…). */
function withUserInfo(url: string, authorization: string | null): string | null {
  const m = authorization ? /^\s*basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization) : null;
  if (!m) return null;
  const pair = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = pair.indexOf(':');
  if (colon < 0) return null;
  try {
    const u = new URL(url);
    u.username = encodeURIComponent(pair.slice(0, colon));
    u.password = encodeURIComponent(pair.slice(colon + 1));
    return u.toString();
  } catch {
    return null;
  }
}

/** The form fields as Twilio signs them: strings, repeated names as lists; null when a field is nested (no Twilio form has one). */
function formParams(body: IDataObject): Record<string, string | string[]> | null {
  const out: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const [k, v] of Object.entries(body)) {
    const values = (Array.isArray(v) ? v : [v]).map(text);
    if (values.some((s) => s === null)) return null;
    out[k] = Array.isArray(v) ? (values as string[]) : values[0]!;
  }
  return out;
}

/**
 * Checks the `X-Twilio-Signature` of a request an n8n Webhook node turned into `json` (its `headers`,
 * `body`, `query` and `webhookUrl`) with the account's Auth Token, in constant time (verifyTwilio).
 * The URL Twilio signed is `signedUrl` when given, else the webhook URL n8n reports (its WEBHOOK_URL
 * behind a proxy) with the query; it is tried with and without the Basic Auth user and password the
 * request carried, and with the query as encoded by URLSearchParams, by encodeURIComponent and not at
 * all. Fails closed: an item without headers, URL or signature is not valid.
 * @example twilioItemSignature({ headers: { 'x-twilio-signature': '…' }, body: { MessageSid: 'SM1' }, query: {}, webhookUrl: 'https://n8n.example.com/webhook/replies' }, token) // { ok: true }
 */
export function twilioItemSignature(json: IDataObject, authToken: string, signedUrl = ''): ItemSignature {
  const headers = asObject(json.headers);
  if (!headers) return { ok: false, code: 'NOT_A_REQUEST' };
  const base = signedUrl.trim() || text(json.webhookUrl)?.trim() || '';
  if (!base) return { ok: false, code: 'MISSING_URL' };
  const body = webhookBody(json) ?? {};
  const params = formParams(body);
  if (!params) return { ok: false, code: 'MALFORMED_BODY' };
  // a Signed URL with its own query is taken as it is
  const urls = signedUrl.trim() && base.includes('?') ? [base] : queryStrings(asObject(json.query)).map((q) => base + q);
  const authorization = headerValue(headers as Record<string, string>, 'authorization');
  let last: VerifyResult = { ok: false, code: 'BAD_SIGNATURE' };
  for (const url of urls) {
    for (const candidate of [url, withUserInfo(url, authorization)]) {
      if (candidate === null) continue;
      last = verifyTwilio({ url: candidate, headers: headers as Record<string, string>, rawBody: '', params }, authToken);
      if (last.ok || last.code === 'MISSING_SIGNATURE' || last.code === 'MISSING_SECRET') return last;
    }
  }
  return last;
}
