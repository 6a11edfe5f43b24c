/**
 * What every CRM adapter receives and returns. One request describes the whole CRM update of one
 * item (contact, status, owner, task, notes); the generic webhook posts it as is.
 */
import type { Priority } from '../../../shared/schema/sequenceTemplate';

export type CrmProvider = 'hubspot' | 'pipedrive' | 'webhook';
export type CrmOperation = 'flagReengaged' | 'callbackTask' | 'notifyAgent';

export interface CrmTaskSpec {
  subject: string;
  body: string;
  /** due instant, epoch ms */
  dueAt: number;
  priority: Priority;
  /** `call` for callbacks, `todo` for reminders */
  type: 'call' | 'todo';
}

export interface CrmRequest {
  operation: CrmOperation;
  /** stable per logical update (retries and pending re-sends reuse it) */
  key: string;
  contact: {
    /** E.164 */
    phone: string;
    /** the same number as people type it (US: `(305) 555-0123`); used to find contacts */
    phoneVariants: string[];
    name: string | null;
    email: string | null;
  };
  /** lead status to set on the contact (property/field + value), or null */
  status: { property: string; value: string } | null;
  /** CRM owner/user id and agent queue for the contact and the task */
  owner: { id: string | null; queue: string | null; /** replace an owner the contact already has (default: keep it) */ overwrite?: boolean };
  task: CrmTaskSpec | null;
  /** notes to log on the contact, oldest first */
  notes: { body: string; at: number }[];
  /** call context for receivers (webhook) and for the task body */
  context: Record<string, unknown>;
}

/** How far a request got: lets a re-send skip what is already done. */
export interface CrmProgress {
  contactId?: string;
  matched?: boolean;
  updated?: boolean;
  taskId?: string;
  /** ids of the notes created so far, in request order */
  noteIds?: string[];
  /** webhook: delivered */
  delivered?: boolean;
}

export interface CrmResult extends CrmProgress {
  provider: CrmProvider;
  /** ids of tasks/notes an earlier attempt had created, found by their ref and taken over instead of created again */
  adopted?: string[];
  /** HTTP requests made, retries included */
  requests: number;
  /** what the receiver answered (webhook) */
  response?: unknown;
}

/** One HTTP exchange as the adapters see it (n8n's helpers or fetch behind it). */
export interface CrmHttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  url: string;
  headers?: Record<string, string>;
  /** JSON body (serialized by the caller) */
  body?: string;
}
export interface CrmHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}
export type CrmHttp = (r: CrmHttpRequest) => Promise<CrmHttpResponse>;

export interface CrmRetry {
  /** total attempts per HTTP request (≥ 1) */
  maxAttempts: number;
  /** first backoff; doubles per attempt */
  baseDelayMs: number;
  /** longest Retry-After to wait out (default CRM_MAX_RETRY_AFTER_MS); a longer one ends the retries */
  maxDelayMs?: number;
  sleep: (ms: number) => Promise<void>;
}

export interface CrmApplyOptions {
  /**
   * The request may have reached the CRM before (a pending update sent again): before creating the
   * task or a note not in `progress`, look for one an earlier attempt created (its ref, see crmRef) and
   * take it over. First sends leave it off and pay no look-up.
   */
  resend?: boolean;
}

export interface CrmAdapter {
  provider: CrmProvider;
  /** Applies the request; `progress` (from an earlier partial attempt) is skipped. Throws CrmError. */
  apply(req: CrmRequest, progress?: CrmProgress, options?: CrmApplyOptions): Promise<CrmResult>;
}
