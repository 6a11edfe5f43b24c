import { createHmac } from 'node:crypto';
import { decodeJwt } from '../../../shared/telephony/decodeJwt';
import { CLOCK_SKEW_SECONDS, type VerifyFailureCode, type VerifyOptions } from './types';
import { safeEqual } from './crypto';

export type Hs256Result = { ok: true; payload: Record<string, unknown> } | { ok: false; code: VerifyFailureCode };

/**
 * Verify a compact HS256 JWT: `alg` must be HS256 (never `none` or another algorithm), signature
 * compared in constant time, then `exp` (if present) and `iat` (if present; older than
 * `maxAgeSeconds` when that is given) checked against `now`.
 */
export function verifyHs256Jwt(token: string, secret: string, opts: VerifyOptions & { maxAgeSeconds?: number } = {}): Hs256Result {
  let jwt;
  try {
    jwt = decodeJwt('jwt', token);
  } catch {
    return { ok: false, code: 'MALFORMED_SIGNATURE' };
  }
  if (jwt.header.alg !== 'HS256') return { ok: false, code: 'UNSUPPORTED_ALGORITHM' };
  const expected = createHmac('sha256', secret).update(jwt.signingInput).digest('base64url');
  if (!safeEqual(expected, jwt.signature)) return { ok: false, code: 'BAD_SIGNATURE' };
  const nowS = (opts.now ?? Date.now()) / 1000;
  const { exp, iat } = jwt.payload;
  if (exp !== undefined) {
    if (typeof exp !== 'number') return { ok: false, code: 'MALFORMED_SIGNATURE' };
    if (nowS > exp + CLOCK_SKEW_SECONDS) return { ok: false, code: 'EXPIRED' };
  }
  if (iat !== undefined) {
    if (typeof iat !== 'number') return { ok: false, code: 'MALFORMED_SIGNATURE' };
    if (iat > nowS + CLOCK_SKEW_SECONDS) return { ok: false, code: 'NOT_YET_VALID' };
    if (opts.maxAgeSeconds !== undefined && nowS - iat > opts.maxAgeSeconds) return { ok: false, code: 'STALE_TIMESTAMP' };
  }
  return { ok: true, payload: jwt.payload };
}
