import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { VerifyFailureCode, VerifyResult } from './types';
import { headerValue } from '../../../shared/telephony/buildEvents';

/**
 * Constant-time string equality that does not leak the secret's length either: both sides are hashed
 * to 32 bytes (SHA-256), then compared with crypto.timingSafeEqual.
 */
export function safeEqual(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a, 'utf8').digest(), createHash('sha256').update(b, 'utf8').digest());
}

export function bodyBytes(raw: string | Uint8Array): Buffer {
  return typeof raw === 'string' ? Buffer.from(raw, 'utf8') : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
}

export function bodyText(raw: string | Uint8Array): string {
  return typeof raw === 'string' ? raw : bodyBytes(raw).toString('utf8');
}

/** hex HMAC-SHA256 — also the `hmacSha256Hex` to inject into classifyWebhook (Zoom handshake). */
export function hmacSha256Hex(secret: string, text: string | Buffer): string {
  return createHmac('sha256', secret).update(text).digest('hex');
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Header by case-insensitive name (first value of an array), or null: the adapters' own lookup. */
export const header = headerValue;

export const fail = (code: VerifyFailureCode): VerifyResult => ({ ok: false, code });
export const OK: VerifyResult = { ok: true };

/** Run a verifier body so that nothing it does can throw out of it. */
export function neverThrow(fn: () => VerifyResult): VerifyResult {
  try {
    return fn();
  } catch {
    return fail('INTERNAL_ERROR');
  }
}
