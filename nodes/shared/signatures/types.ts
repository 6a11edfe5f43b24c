/** What a verifier needs from the HTTP request. */
export interface SignedRequest {
  /** the full URL the provider requested (scheme, host, path and query), as it signed it */
  url?: string;
  /** request headers; names in any case */
  headers: Record<string, string | string[] | undefined>;
  /** the exact body bytes received (never a re-serialized parse) */
  rawBody: string | Uint8Array;
  /** Twilio only: already-parsed form params, when the host no longer has the raw form body */
  params?: Record<string, string | string[]>;
}

export interface VerifyOptions {
  /** current time in epoch milliseconds; default Date.now() */
  now?: number;
  /** accepted age of a signed timestamp / `iat`, in seconds (default 300) */
  maxAgeSeconds?: number;
}

/** Stable failure codes shared by every verifier. */
export type VerifyFailureCode =
  | 'MISSING_SECRET'
  | 'MISSING_SIGNATURE'
  | 'MISSING_TIMESTAMP'
  | 'MISSING_URL'
  | 'MALFORMED_SIGNATURE'
  | 'MALFORMED_BODY'
  | 'BAD_SIGNATURE'
  | 'BAD_TOKEN'
  | 'BODY_HASH_MISMATCH'
  | 'UNSUPPORTED_ALGORITHM'
  | 'STALE_TIMESTAMP'
  | 'EXPIRED'
  | 'NOT_YET_VALID'
  | 'INTERNAL_ERROR';

export type VerifyResult = { ok: true } | { ok: false; code: VerifyFailureCode };

export const DEFAULT_MAX_AGE_SECONDS = 300;
/** tolerated clock skew for `iat` in the future / `exp` just past, in seconds */
export const CLOCK_SKEW_SECONDS = 30;
