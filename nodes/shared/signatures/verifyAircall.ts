import { bodyText, fail, neverThrow, OK, safeEqual } from './crypto';
import type { SignedRequest, VerifyOptions, VerifyResult } from './types';

/**
 * Aircall has no signature: the body's `token` must equal the webhook's token
 * (`GET /v1/webhooks/{id}` → `webhook.token`). Constant-time compare; fails closed.
 */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- every verifier takes the same options (uniform call site); this one needs none
export function verifyAircall(req: SignedRequest, webhookToken: string, _opts: VerifyOptions = {}): VerifyResult {
  return neverThrow(() => {
    if (!webhookToken) return fail('MISSING_SECRET');
    let body: unknown;
    try {
      body = JSON.parse(bodyText(req.rawBody));
    } catch {
      return fail('MALFORMED_BODY');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return fail('MALFORMED_BODY');
    const token = Object.prototype.hasOwnProperty.call(body, 'token') ? (body as Record<string, unknown>).token : undefined;
    if (typeof token !== 'string' || token === '') return fail('MISSING_SIGNATURE');
    return safeEqual(token, webhookToken) ? OK : fail('BAD_TOKEN');
  });
}
