import { bodyText, fail, header, neverThrow, OK, safeEqual } from './crypto';
import type { SignedRequest, VerifyOptions, VerifyResult } from './types';

/**
 * Headers to answer RingCentral's subscription-creation handshake with (HTTP 200, empty JSON body,
 * the `Validation-Token` echoed), or null when the request is not that handshake.
 */
export function ringCentralHandshake(req: SignedRequest): { 'Validation-Token': string; 'Content-Type': string } | null {
  const token = header(req.headers, 'validation-token');
  if (!token || bodyText(req.rawBody).trim() !== '') return null;
  return { 'Validation-Token': token, 'Content-Type': 'application/json' };
}

/**
 * RingCentral has no HMAC. A notification is accepted when its `Verification-Token` header (older
 * docs: `validation-token`) equals the subscription's `deliveryMode.verificationToken`. The
 * creation handshake (Validation-Token, empty body) carries a random token and is accepted so it
 * can be echoed; it triggers nothing.
 */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- every verifier takes the same options (uniform call site); this one needs none
export function verifyRingCentral(req: SignedRequest, verificationToken: string, _opts: VerifyOptions = {}): VerifyResult {
  return neverThrow(() => {
    if (!verificationToken) return fail('MISSING_SECRET');
    if (ringCentralHandshake(req)) return OK;
    const token = header(req.headers, 'verification-token') ?? header(req.headers, 'validation-token');
    if (!token) return fail('MISSING_SIGNATURE');
    return safeEqual(token, verificationToken) ? OK : fail('BAD_TOKEN');
  });
}
