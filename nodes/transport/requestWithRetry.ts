import type { IDataObject, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { sleep as n8nSleep } from 'n8n-workflow';

export interface RetryOptions {
  /** total attempts including the first (≥ 1) */
  maxAttempts: number;
  /** first backoff; doubles per attempt */
  baseDelayMs: number;
  /** a longer wait (Retry-After or backoff) gives up instead of blocking the execution */
  maxDelayMs: number;
  /** injectable for tests; defaults to n8n-workflow's sleep */
  sleep?: (ms: number) => Promise<void>;
}

/** The last answer of a request sent with retries, or the network failure that ended it. */
export type RetriedResponse =
  | { kind: 'response'; status: number; body: IDataObject; attempts: number; waits: number[] }
  | { kind: 'network'; message: string; attempts: number; waits: number[] };

/** Seconds or an HTTP date → milliseconds to wait; null when absent or unreadable. */
export function retryAfterMs(header: unknown, now: number): number | null {
  const v = Array.isArray(header) ? header[0] : header;
  if (typeof v !== 'string' && typeof v !== 'number') return null;
  const s = String(v).trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s) * 1000);
  const at = Date.parse(s);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** A JSON answer as an object (text that is no JSON becomes `{ message }`). */
export function parseBody(body: unknown): IDataObject {
  if (typeof body === 'string') {
    try {
      const parsed = JSON.parse(body) as unknown;
      return parsed !== null && typeof parsed === 'object' ? (parsed as IDataObject) : {};
    } catch {
      return { message: body.slice(0, 200) };
    }
  }
  if (Buffer.isBuffer(body)) return parseBody(body.toString('utf8'));
  return body !== null && typeof body === 'object' ? (body as IDataObject) : {};
}

export function headerOf(headers: unknown, name: string): unknown {
  if (headers === null || typeof headers !== 'object') return undefined;
  for (const [k, v] of Object.entries(headers as Record<string, unknown>)) if (k.toLowerCase() === name) return v;
  return undefined;
}

/**
 * Sends `request` through n8n's HTTP helper (full response, no throw on HTTP errors) and sends it
 * again on 429 and 5xx, which create nothing: after Retry-After when given, else
 * `baseDelayMs · 2^(attempt-1)`, up to `maxAttempts`, and never for a wait above `maxDelayMs`.
 * A request that failed without an answer is not sent again (it may have arrived).
 * @example const r = await requestWithRetry(this.helpers, { method: 'POST', url, body }, { maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 30000 });
 */
export async function requestWithRetry(
  helpers: Pick<IExecuteFunctions['helpers'], 'httpRequest'>,
  request: IHttpRequestOptions,
  retry: RetryOptions,
): Promise<RetriedResponse> {
  const full: IHttpRequestOptions = { ...request, returnFullResponse: true, ignoreHttpStatusErrors: true };
  const wait = retry.sleep ?? n8nSleep;
  const waits: number[] = [];
  const maxAttempts = Math.max(1, Math.floor(retry.maxAttempts));
  for (let attempt = 1; ; attempt++) {
    let res: { statusCode?: number; headers?: unknown; body?: unknown };
    try {
      res = (await helpers.httpRequest(full)) as typeof res;
    } catch (e) {
      return { kind: 'network', message: e instanceof Error ? e.message : 'request failed', attempts: attempt, waits };
    }
    const status = res.statusCode ?? 0;
    if ((status === 429 || status >= 500) && attempt < maxAttempts) {
      const delay = retryAfterMs(headerOf(res.headers, 'retry-after'), Date.now()) ?? retry.baseDelayMs * 2 ** (attempt - 1);
      if (delay <= retry.maxDelayMs) {
        waits.push(delay);
        await wait(delay);
        continue;
      }
    }
    return { kind: 'response', status, body: parseBody(res.body), attempts: attempt, waits };
  }
}
