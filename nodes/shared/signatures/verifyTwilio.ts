import { createHmac } from 'node:crypto';
import { bodyBytes, bodyText, fail, header, neverThrow, OK, safeEqual, sha256Hex } from './crypto';
import type { SignedRequest, VerifyOptions, VerifyResult } from './types';

/** `URL + Σ sorted(name + value)`; repeated names emit each distinct value, sorted. */
export function twilioStringToSign(url: string, params: Record<string, string | string[]>): string {
  let out = url;
  for (const key of Object.keys(params).sort()) {
    const v = params[key]!;
    const values = Array.isArray(v) ? [...new Set(v)].sort() : [v];
    for (const value of values) out += key + value;
  }
  return out;
}

export function twilioSignature(authToken: string, url: string, params: Record<string, string | string[]>): string {
  return createHmac('sha1', authToken).update(Buffer.from(twilioStringToSign(url, params), 'utf8')).digest('base64');
}

function formParams(raw: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const [k, v] of new URLSearchParams(raw)) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

/** The URL as received, with the default port added, and without any port; userinfo dropped. */
function urlCandidates(url: string): string[] {
  const u = new URL(url);
  u.username = '';
  u.password = '';
  const defaultPort = u.protocol === 'https:' ? '443' : u.protocol === 'http:' ? '80' : '';
  const rest = `${u.pathname}${u.search}${u.hash}`;
  const withoutPort = `${u.protocol}//${u.hostname}${rest}`;
  const withPort = `${u.protocol}//${u.hostname}:${u.port || defaultPort}${rest}`;
  return [...new Set([url, u.toString(), withoutPort, withPort])];
}

/**
 * Verify `X-Twilio-Signature` (HMAC-SHA1 with the auth token). Form requests sign URL + sorted
 * params; JSON requests carry `bodySHA256` in the URL, sign the URL alone, and the body must hash
 * to it. The URL is tried as received, with and without its port, like the official SDK.
 * @example verifyTwilio({ url, headers: req.headers, rawBody }, authToken)
 */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- every verifier takes the same options (uniform call site); this one needs none
export function verifyTwilio(req: SignedRequest, authToken: string, _opts: VerifyOptions = {}): VerifyResult {
  return neverThrow(() => {
    if (!authToken) return fail('MISSING_SECRET');
    const signature = header(req.headers, 'x-twilio-signature');
    if (!signature) return fail('MISSING_SIGNATURE');
    if (!req.url) return fail('MISSING_URL');
    let candidates: string[];
    try {
      candidates = urlCandidates(req.url);
    } catch {
      return fail('MISSING_URL');
    }
    const bodyHash = new URL(req.url).searchParams.get('bodySHA256');
    let params: Record<string, string | string[]>;
    if (bodyHash !== null) {
      if (!safeEqual(sha256Hex(bodyBytes(req.rawBody)), bodyHash.toLowerCase())) return fail('BODY_HASH_MISMATCH');
      params = {};
    } else {
      params = req.params ?? formParams(bodyText(req.rawBody));
    }
    let match = false;
    for (const url of candidates) match = safeEqual(twilioSignature(authToken, url, params), signature) || match;
    return match ? OK : fail('BAD_SIGNATURE');
  });
}
