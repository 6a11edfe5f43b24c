import { WebhookParseError } from './errors';
import { isRecord, type Json } from './read';

export interface DecodedJwt {
  header: Json;
  payload: Json;
  /** `header.payload`, the bytes the signature covers */
  signingInput: string;
  /** base64url signature segment as sent */
  signature: string;
}

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** True when `text` looks like a compact JWS (three base64url segments). */
export function looksLikeJwt(text: string): boolean {
  return JWT_SHAPE.test(text.trim());
}

/** base64url → bytes (pure: atob is in browsers and Node ≥ 16). Throws on bad input. */
export function base64UrlToBytes(segment: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(segment) || segment.length % 4 === 1) throw new Error('invalid base64url');
  const b64 = segment.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (segment.length % 4)) % 4);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function segmentJson(provider: string, segment: string, what: string): Json {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(base64UrlToBytes(segment)));
  } catch {
    throw new WebhookParseError('MALFORMED_BODY', provider, `JWT ${what} is not base64url JSON`);
  }
  if (!isRecord(parsed)) throw new WebhookParseError('MALFORMED_BODY', provider, `JWT ${what} is not a JSON object`);
  return parsed;
}

/**
 * Decode a compact JWT WITHOUT verifying it (verification lives on the Node side, it needs crypto).
 * @example decodeJwt('dialpad', token).payload.state // 'missed'
 */
export function decodeJwt(provider: string, token: string): DecodedJwt {
  const t = token.trim();
  if (!looksLikeJwt(t)) throw new WebhookParseError('MALFORMED_BODY', provider, 'body is not a compact JWT');
  const [h, p, s] = t.split('.') as [string, string, string];
  return { header: segmentJson(provider, h, 'header'), payload: segmentJson(provider, p, 'payload'), signingInput: `${h}.${p}`, signature: s };
}
