import { decodeJwt, looksLikeJwt } from './decodeJwt';
import { WebhookParseError } from './errors';
import { isRecord, type Json } from './read';
import type { WebhookBody } from './types';

export type BodyFormat = 'json' | 'form' | 'jwt' | 'empty' | 'object';
export interface ParsedBody {
  format: BodyFormat;
  data: Json;
}

/** 16+ digits in a row: the only way to write an integer beyond 2^53 (9 007 199 254 740 992). */
const UNSAFE_DIGITS = /\d{16}/;

/** JSON.parse that keeps integers beyond 2^53 as their exact digit string (int64 call ids). */
function parseJsonKeepingBigInts(text: string): unknown {
  // the reviver costs a call per value (~0.5 s for a 5 MB body); only pay it when a number may be unsafe
  if (!UNSAFE_DIGITS.test(text)) return JSON.parse(text);
  return JSON.parse(text, function (this: unknown, _key: string, value: unknown, ctx?: { source?: string }) {
    if (typeof value === 'number' && !Number.isSafeInteger(value) && ctx?.source && /^-?\d+$/.test(ctx.source)) return ctx.source;
    return value;
  } as (key: string, value: unknown) => unknown);
}

function parseJson(provider: string, text: string): Json {
  let parsed: unknown;
  try {
    parsed = parseJsonKeepingBigInts(text);
  } catch {
    throw new WebhookParseError('MALFORMED_BODY', provider, 'body is not valid JSON');
  }
  if (!isRecord(parsed)) throw new WebhookParseError('MALFORMED_BODY', provider, 'JSON body is not an object');
  return parsed;
}

/** `application/x-www-form-urlencoded` → null-prototype record (first value wins on repeats). */
export function parseForm(provider: string, text: string): Json {
  const out: Json = Object.create(null) as Json;
  for (const part of text.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawKey = eq < 0 ? part : part.slice(0, eq);
    const rawValue = eq < 0 ? '' : part.slice(eq + 1);
    let key: string;
    let value: string;
    try {
      key = decodeURIComponent(rawKey.replace(/\+/g, ' '));
      value = decodeURIComponent(rawValue.replace(/\+/g, ' '));
    } catch {
      throw new WebhookParseError('MALFORMED_BODY', provider, `form field "${rawKey.slice(0, 40)}" has a broken %-escape`);
    }
    if (key === '') throw new WebhookParseError('MALFORMED_BODY', provider, 'form body has a field with an empty name');
    if (!(key in out)) out[key] = value;
  }
  return out;
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * Body → object. Order: an already-parsed object is used as is; else the Content-Type decides
 * (JSON, form, JWT); else sniff: `{` JSON, three base64url segments JWT, `name=value` form.
 * Throws MALFORMED_BODY for anything else. Only Dialpad sends JWT bodies (`allowJwt`).
 */
export function parseBody(provider: string, body: WebhookBody, contentType?: string, allowJwt = false): ParsedBody {
  if (typeof body !== 'string') {
    if (!isRecord(body)) throw new WebhookParseError('MALFORMED_BODY', provider, 'body is neither a string nor an object');
    return { format: 'object', data: body };
  }
  const text = body.trim();
  if (text === '') return { format: 'empty', data: {} };
  const type = mediaType(contentType);
  const jwt = (): ParsedBody => {
    if (!allowJwt) throw new WebhookParseError('MALFORMED_BODY', provider, 'JWT bodies are only accepted from Dialpad');
    return { format: 'jwt', data: decodeJwt(provider, text).payload };
  };
  if (type === 'application/json' || type.endsWith('+json')) return { format: 'json', data: parseJson(provider, text) };
  if (type === 'application/x-www-form-urlencoded') return { format: 'form', data: parseForm(provider, text) };
  if (type === 'application/jwt') return jwt();
  if (text.startsWith('{') || text.startsWith('[')) return { format: 'json', data: parseJson(provider, text) };
  if (looksLikeJwt(text)) return jwt();
  if (/^[^=&\s]+=/.test(text)) return { format: 'form', data: parseForm(provider, text) };
  throw new WebhookParseError('MALFORMED_BODY', provider, 'body is neither JSON, form-encoded nor a JWT');
}
