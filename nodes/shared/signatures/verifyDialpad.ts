import { bodyText, fail, neverThrow, OK } from './crypto';
import type { SignedRequest, VerifyOptions, VerifyResult } from './types';
import { verifyHs256Jwt } from './verifyHs256Jwt';

/**
 * Dialpad webhooks with a secret send the event as an HS256 JWT body. Verifies the signature
 * and, when present, `exp` and `iat` (`iat` no older than `maxAgeSeconds`, if given). A plain JSON
 * body fails closed (MALFORMED_SIGNATURE): a webhook configured with a secret never sends one.
 * Decode the payload afterwards with `classifyWebhook('dialpad', rawBody)`.
 */
export function verifyDialpad(req: SignedRequest, secret: string, opts: VerifyOptions = {}): VerifyResult {
  return neverThrow(() => {
    if (!secret) return fail('MISSING_SECRET');
    const token = bodyText(req.rawBody).trim();
    if (token === '') return fail('MISSING_SIGNATURE');
    const r = verifyHs256Jwt(token, secret, opts);
    return r.ok ? OK : fail(r.code);
  });
}
