/**
 * CRM transports: one adapter per CRM behind one interface. Adding a CRM is adding one file and
 * one entry in `CRM_ADAPTERS`.
 */
import { hubspotAdapter } from './hubspot';
import { pipedriveAdapter } from './pipedrive';
import { webhookAdapter } from './genericWebhook';
import type { CrmAdapter, CrmHttp, CrmProvider, CrmRetry } from './types';

export type * from './types';
export { CrmError, isCrmError, retryingCaller, CRM_MAX_RETRY_AFTER_MS, jsonBody, pathOf, mayHaveLanded, type CrmErrorCode, type CallOptions } from './http';
export { crmRef, hasRef, withRef, requestRefs } from './crmRef';
export { hubspotAdapter, hubspotErrorMessage, HUBSPOT_API_BASE, HUBSPOT_PRIORITY, HUBSPOT_TASK_TO_CONTACT, HUBSPOT_NOTE_TO_CONTACT } from './hubspot';
export { pipedriveAdapter, pipedriveErrorMessage, pipedriveDue, PIPEDRIVE_API_BASE, PIPEDRIVE_LOOKUP_LIMIT, PIPEDRIVE_LOOKUP_PAGES } from './pipedrive';
export {
  webhookAdapter,
  webhookSignature,
  verifyWebhookSignature,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  IDEMPOTENCY_HEADER,
  type WebhookVerifyFailure,
} from './genericWebhook';

/** What building an adapter needs besides HTTP and retries. */
export interface CrmAdapterConfig {
  baseUrl?: string;
  /** webhook only */
  url?: string;
  secret?: string;
  clock?: () => number;
}

/** The registry: provider → adapter factory. */
export const CRM_ADAPTERS: Record<CrmProvider, (cfg: CrmAdapterConfig, http: CrmHttp, retry: CrmRetry) => CrmAdapter> = {
  hubspot: (cfg, http, retry) => hubspotAdapter(cfg, http, retry),
  pipedrive: (cfg, http, retry) => pipedriveAdapter(cfg, http, retry),
  webhook: (cfg, http, retry) => webhookAdapter({ url: cfg.url ?? '', secret: cfg.secret ?? '', clock: cfg.clock ?? Date.now }, http, retry),
};

/** @example const adapter = crmAdapter('hubspot', { baseUrl }, http, retry) */
export function crmAdapter(provider: CrmProvider, cfg: CrmAdapterConfig, http: CrmHttp, retry: CrmRetry): CrmAdapter {
  return CRM_ADAPTERS[provider](cfg, http, retry);
}
