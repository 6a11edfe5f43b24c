import type { Provider } from '../../../shared/schema/callEvent';
import {
  DEFAULT_MAX_AGE_SECONDS,
  safeEqual,
  verifyAircall,
  verifyDialpad,
  verifyRingCentral,
  verifyTwilio,
  verifyVonage,
  verifyZoom,
  type SignedRequest,
  type VerifyResult,
} from '../signatures';

/** How the generic provider authenticates: a shared token in a header, or nothing (explicit opt-in). */
export type GenericAuth = { kind: 'none' } | { kind: 'headerToken'; header: string };

/**
 * Checks the delivery with the provider's verifier and the credential's secret; fails closed (an
 * empty secret is `MISSING_SECRET`). Generic: `headerToken` compares the named header in constant time.
 * `maxAgeSeconds` is the replay window for signed timestamps (Zoom header, Dialpad/Vonage JWT `iat`):
 * an older signature is `STALE_TIMESTAMP`.
 */
export function verifyRequest(
  provider: Provider,
  req: SignedRequest,
  secret: string,
  now: number,
  generic: GenericAuth,
  maxAgeSeconds: number = DEFAULT_MAX_AGE_SECONDS,
): VerifyResult {
  const opts = { now, maxAgeSeconds };
  switch (provider) {
    case 'twilio':
      return verifyTwilio(req, secret, opts);
    case 'aircall':
      return verifyAircall(req, secret, opts);
    case 'ringcentral':
      return verifyRingCentral(req, secret, opts);
    case 'dialpad':
      return verifyDialpad(req, secret, opts);
    case 'vonage':
      return verifyVonage(req, secret, opts);
    case 'zoom':
      return verifyZoom(req, secret, opts);
    case 'generic': {
      if (generic.kind === 'none') return { ok: true };
      if (!secret) return { ok: false, code: 'MISSING_SECRET' };
      const want = generic.header.toLowerCase();
      const entry = Object.entries(req.headers).find(([k]) => k.toLowerCase() === want)?.[1];
      const value = Array.isArray(entry) ? entry[0] : entry;
      if (!value) return { ok: false, code: 'MISSING_SIGNATURE' };
      return safeEqual(value, secret) ? { ok: true } : { ok: false, code: 'BAD_TOKEN' };
    }
  }
}
