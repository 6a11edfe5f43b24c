import { createHmac } from 'node:crypto';
import { safeEqual } from '../../shared/signatures/crypto';
import { retryingCaller, withProgress } from './http';
import type { CrmAdapter, CrmHttp, CrmHttpResponse, CrmProgress, CrmRequest, CrmResult, CrmRetry } from './types';

export const SIGNATURE_HEADER = 'X-Signature';
export const TIMESTAMP_HEADER = 'X-Signature-Timestamp';
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** `sha256=<hex HMAC-SHA256 of the raw body>` — what the webhook sends in X-Signature. */
export function webhookSignature(secret: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex')}`;
}

export type WebhookVerifyFailure = 'MISSING_SIGNATURE' | 'BAD_SIGNATURE' | 'MISSING_TIMESTAMP' | 'STALE_TIMESTAMP';

/**
 * For receivers: checks X-Signature against the raw body (constant time) and that the timestamp
 * header (unix seconds; it is also `sentAt` inside the signed body) is within `toleranceSeconds`.
 * @example verifyWebhookSignature(secret, raw, req.headers['x-signature'], req.headers['x-signature-timestamp'], Date.now())
 */
export function verifyWebhookSignature(
  secret: string,
  rawBody: string,
  signature: string | undefined,
  timestamp: string | undefined,
  now: number,
  toleranceSeconds = 300,
): { ok: true } | { ok: false; code: WebhookVerifyFailure } {
  if (!signature) return { ok: false, code: 'MISSING_SIGNATURE' };
  if (!safeEqual(signature, webhookSignature(secret, rawBody))) return { ok: false, code: 'BAD_SIGNATURE' };
  if (!timestamp || !/^\d+$/.test(timestamp)) return { ok: false, code: 'MISSING_TIMESTAMP' };
  if (Math.abs(now / 1000 - Number(timestamp)) > toleranceSeconds) return { ok: false, code: 'STALE_TIMESTAMP' };
  return { ok: true };
}

function describe(res: CrmHttpResponse): string {
  const b = res.body as { message?: unknown; error?: unknown } | null;
  if (b && typeof b === 'object') return String(b.message ?? b.error ?? 'error');
  return typeof res.body === 'string' && res.body ? res.body.slice(0, 200) : 'no details';
}

/**
 * Generic webhook: POSTs the whole request as JSON (`{event, sentAt, ...request}`) to `url`, signed
 * with the shared secret (X-Signature: sha256=<hex HMAC of the raw body>, X-Signature-Timestamp:
 * unix seconds, Idempotency-Key: the request key). A receiver may answer `{contactId, matched,
 * taskId}`; `matched` feeds the CRM match rate.
 * @example webhookAdapter({ url, secret, clock: Date.now }, http, retry).apply(request)
 */
export function webhookAdapter(cfg: { url: string; secret: string; clock: () => number }, http: CrmHttp, retry: CrmRetry): CrmAdapter {
  return {
    provider: 'webhook',
    async apply(req: CrmRequest, prior: CrmProgress = {}): Promise<CrmResult> {
      const caller = retryingCaller('webhook', http, retry);
      if (prior.delivered) return { provider: 'webhook', ...prior, requests: 0 };
      try {
        const at = cfg.clock();
        const raw = JSON.stringify({ event: `missed_call.${req.operation}`, sentAt: Math.floor(at / 1000), ...req });
        const res = await caller.call(
          {
            method: 'POST',
            url: cfg.url,
            headers: {
              'Content-Type': 'application/json',
              [SIGNATURE_HEADER]: webhookSignature(cfg.secret, raw),
              [TIMESTAMP_HEADER]: String(Math.floor(at / 1000)),
              [IDEMPOTENCY_HEADER]: req.key,
            },
            body: raw,
          },
          describe,
        );
        const b = (res.body && typeof res.body === 'object' ? res.body : {}) as Record<string, unknown>;
        const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);
        return {
          provider: 'webhook',
          delivered: true,
          ...(str(b.contactId) ? { contactId: str(b.contactId) } : {}),
          ...(typeof b.matched === 'boolean' ? { matched: b.matched } : {}),
          ...(str(b.taskId) ? { taskId: str(b.taskId) } : {}),
          requests: caller.requests,
          response: res.body,
        };
      } catch (e) {
        throw withProgress(e, {}, caller.requests);
      }
    },
  };
}
