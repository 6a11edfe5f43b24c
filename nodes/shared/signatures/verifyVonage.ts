import { bodyBytes, fail, header, neverThrow, OK, safeEqual, sha256Hex } from './crypto';
import { DEFAULT_MAX_AGE_SECONDS, type SignedRequest, type VerifyOptions, type VerifyResult } from './types';
import { verifyHs256Jwt } from './verifyHs256Jwt';

/**
 * Vonage signed webhooks: `Authorization: Bearer <JWT>`, HS256 with the account signature secret.
 * Checks the signature, `iat` within `maxAgeSeconds` (default 300) and, when the token carries
 * `payload_hash`, that it is the hex SHA-256 of the exact raw body.
 */
export function verifyVonage(req: SignedRequest, signatureSecret: string, opts: VerifyOptions = {}): VerifyResult {
  return neverThrow(() => {
    if (!signatureSecret) return fail('MISSING_SECRET');
    const auth = header(req.headers, 'authorization');
    if (!auth) return fail('MISSING_SIGNATURE');
    const m = /^Bearer\s+(\S+)$/i.exec(auth.trim());
    if (!m) return fail('MALFORMED_SIGNATURE');
    const r = verifyHs256Jwt(m[1]!, signatureSecret, { ...opts, maxAgeSeconds: opts.maxAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS });
    if (!r.ok) return fail(r.code);
    if (r.payload.iat === undefined) return fail('MISSING_TIMESTAMP');
    const hash = r.payload.payload_hash;
    if (hash !== undefined) {
      if (typeof hash !== 'string' || !safeEqual(sha256Hex(bodyBytes(req.rawBody)), hash.toLowerCase())) return fail('BODY_HASH_MISMATCH');
    }
    return OK;
  });
}
