import { headerOf, retryAfterMs } from '../requestWithRetry';
import type { CrmHttp, CrmHttpRequest, CrmHttpResponse, CrmProgress, CrmProvider, CrmRetry } from './types';

/** Longest Retry-After waited out in one execution (HubSpot's burst window is 10 s); longer goes pending. */
export const CRM_MAX_RETRY_AFTER_MS = 30_000;

/** Stable codes of a failed CRM update. `CRM_UNAVAILABLE` is worth re-sending later. */
export type CrmErrorCode = 'CRM_UNAVAILABLE' | 'CRM_AUTH' | 'CRM_REJECTED' | 'CRM_BAD_RESPONSE';

/**
 * A CRM call that failed after its retries. `progress` says what was done before the failure
 * (contact found, task created…) so a re-send does not repeat it. Messages never hold secrets.
 */
export class CrmError extends Error {
  constructor(
    readonly code: CrmErrorCode,
    message: string,
    readonly provider: CrmProvider,
    readonly httpStatus: number | null,
    readonly attempts: number,
    public progress: CrmProgress = {},
    public requests = attempts,
  ) {
    super(message);
    this.name = 'CrmError';
  }

  get retryable(): boolean {
    return this.code === 'CRM_UNAVAILABLE';
  }
}

export function isCrmError(e: unknown): e is CrmError {
  return e instanceof CrmError;
}

/** Records on a CrmError what was done before it (other errors pass unchanged). */
export function withProgress(e: unknown, progress: CrmProgress, requests: number): unknown {
  if (isCrmError(e)) {
    e.progress = progress;
    e.requests = requests;
  }
  return e;
}

/** Parses a JSON string body; other bodies as they are. */
export function jsonBody(body: unknown): unknown {
  if (typeof body === 'string') {
    if (body.trim() === '') return null;
    try {
      return JSON.parse(body);
    } catch {
      return body;
    }
  }
  if (Buffer.isBuffer(body)) return jsonBody(body.toString('utf8'));
  return body;
}

/** Counts requests across one `apply` so the result can report them. */
export interface Caller {
  call(r: CrmHttpRequest, describe: (res: CrmHttpResponse) => string, options?: CallOptions): Promise<CrmHttpResponse>;
  requests: number;
}

export interface CallOptions {
  /**
   * For requests that create something: before sending again after an attempt the CRM may have
   * carried out (no answer, e.g. a timeout, or HTTP 500/502/504), what that attempt created, as the
   * answer to return instead; null to send again.
   */
  recover?: () => Promise<CrmHttpResponse | null>;
}

/**
 * CallOptions for a create that may have landed: `adopt` looks up and takes over what it created (by
 * its ref, adoptByRef); a hit is answered with `answer(id)`, the CRM's usual create answer.
 */
export function recoverCreate(adopt: () => Promise<string | undefined>, answer: (id: string) => unknown): CallOptions {
  return {
    recover: async () => {
      const id = await adopt();
      if (id === undefined) return null;
      return { status: 200, headers: {}, body: answer(id) };
    },
  };
}

/** No answer or a gateway/server error: the CRM may have done it. 429 and 503 say it did not. */
export function mayHaveLanded(status: number | null): boolean {
  return status === null || status === 500 || status === 502 || status === 504;
}

/**
 * Wraps `http` with retries: 5xx, 429 and transport errors (timeouts, refused connections) are
 * retried with exponential backoff (`baseDelayMs · 2^(n-1)`), or after the answer's Retry-After when
 * that is longer (HubSpot and Pipedrive send it with 429: the backoff alone can retry inside the same
 * rate-limit window and use up every attempt); a Retry-After over `maxDelayMs` (default
 * CRM_MAX_RETRY_AFTER_MS) is not waited out. After `maxAttempts`, or such a wait, a CrmError
 * `CRM_UNAVAILABLE` is thrown. 401/403 throw `CRM_AUTH`, other 4xx `CRM_REJECTED` at once.
 * `describe` turns an error answer into a message (each CRM has its own error shape). With
 * `recover`, an attempt that may have landed (mayHaveLanded) is looked up before the next one.
 */
export function retryingCaller(provider: CrmProvider, http: CrmHttp, retry: CrmRetry): Caller {
  const self: Caller = {
    requests: 0,
    async call(r, describe, options = {}) {
      const max = Math.max(1, Math.floor(retry.maxAttempts));
      let landed = false;
      for (let attempt = 1; ; attempt++) {
        if (landed && options.recover) {
          const found = await options.recover();
          if (found) return found;
        }
        self.requests++;
        let res: CrmHttpResponse | null = null;
        let failure: string;
        try {
          res = await http(r);
        } catch (e) {
          failure = `${r.method} ${pathOf(r.url)}: ${e instanceof Error ? e.message : 'request failed'}`;
        }
        if (res) {
          res = { ...res, body: jsonBody(res.body) };
          if (res.status >= 200 && res.status < 300) return res;
          const message = `${r.method} ${pathOf(r.url)} → HTTP ${res.status}: ${describe(res)}`;
          if (res.status === 401 || res.status === 403) throw new CrmError('CRM_AUTH', message, provider, res.status, attempt);
          if (res.status !== 429 && res.status < 500) throw new CrmError('CRM_REJECTED', message, provider, res.status, attempt);
          failure = message;
        }
        landed ||= mayHaveLanded(res?.status ?? null);
        if (attempt >= max) throw new CrmError('CRM_UNAVAILABLE', failure!, provider, res?.status ?? null, attempt);
        const backoff = retry.baseDelayMs * 2 ** (attempt - 1);
        const after = res ? retryAfterMs(headerOf(res.headers, 'retry-after'), Date.now()) : null;
        if (after !== null && after > (retry.maxDelayMs ?? CRM_MAX_RETRY_AFTER_MS))
          throw new CrmError('CRM_UNAVAILABLE', `${failure!} (Retry-After ${Math.ceil(after / 1000)} s)`, provider, res!.status, attempt);
        await retry.sleep(Math.max(backoff, after ?? 0));
      }
    },
  };
  return self;
}

/** The URL without host or query (api_token and user:password never reach a message), also when it does not parse. */
export function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url.split(/[?#]/)[0]!.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
  }
}

export function trimSlash(u: string): string {
  return u.replace(/\/+$/, '');
}
