import { bodyBytes, fail, header, hmacSha256Hex, neverThrow, OK, safeEqual } from './crypto';
import { DEFAULT_MAX_AGE_SECONDS, type SignedRequest, type VerifyOptions, type VerifyResult } from './types';

/**
 * Zoom `x-zm-signature`: `v0=` + hex HMAC-SHA256(secretToken, `v0:{x-zm-request-timestamp}:{rawBody}`),
 * with the timestamp (seconds) within `maxAgeSeconds` (default 300) of `now`. Sign the exact raw body.
 */
export function verifyZoom(req: SignedRequest, secretToken: string, opts: VerifyOptions = {}): VerifyResult {
  return neverThrow(() => {
    if (!secretToken) return fail('MISSING_SECRET');
    const signature = header(req.headers, 'x-zm-signature');
    if (!signature) return fail('MISSING_SIGNATURE');
    const ts = header(req.headers, 'x-zm-request-timestamp');
    if (!ts) return fail('MISSING_TIMESTAMP');
    if (!/^\d{1,12}$/.test(ts)) return fail('MALFORMED_SIGNATURE');
    const nowS = (opts.now ?? Date.now()) / 1000;
    if (Math.abs(nowS - Number(ts)) > (opts.maxAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS)) return fail('STALE_TIMESTAMP');
    const message = Buffer.concat([Buffer.from(`v0:${ts}:`, 'utf8'), bodyBytes(req.rawBody)]);
    const expected = `v0=${hmacSha256Hex(secretToken, message)}`;
    return safeEqual(expected, signature) ? OK : fail('BAD_SIGNATURE');
  });
}

/**
 * Body of the reply to Zoom's `endpoint.url_validation` (send as JSON within 3 s).
 * `classifyWebhook('zoom', body, { secret, hmacSha256Hex })` builds the same reply.
 */
export function zoomUrlValidationResponse(plainToken: string, secretToken: string): { plainToken: string; encryptedToken: string } {
  return { plainToken, encryptedToken: hmacSha256Hex(secretToken, plainToken) };
}
