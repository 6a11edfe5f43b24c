import { LINE_TYPES, lineTypeOf, type LineType } from '../../shared/phone';
import type { AuditEntry } from '../ledger/Ledger';

/**
 * Audit kinds the data audit reads:
 * - `carrier_line_type` `{ lineType }` (Twilio Lookup `line_type_intelligence.type`), by any step;
 * - the trigger's `missed_call_triggered` `{ lineType? }` and `missed_call_filtered` NOT_MOBILE
 *   details ("carrier line type is landline", "landline by numbering plan");
 * - `crm_match` `{ matched: boolean, crmId? }`, recorded by the CRM step for each caller it looked up.
 */
export const DATA_AUDIT_KINDS = {
  lineType: 'carrier_line_type',
  triggered: 'missed_call_triggered',
  filtered: 'missed_call_filtered',
  crmMatch: 'crm_match',
} as const;

export type LineTypeSource = 'carrier' | 'numbering_plan' | 'none';

export interface Share {
  count: number;
  /** count / callers, 4 decimals; null without callers */
  share: number | null;
}

export interface DataAudit {
  callers: number;
  lineTypes: Record<LineType, Share>;
  /** how each caller's line type is known */
  sources: Record<LineTypeSource, number>;
  mobile: Share;
  /** landline numbers with no email they can get (none on record, or it is suppressed): reachable by neither text nor email */
  landlineOnly: Share;
  /** callers whose email on record is suppressed (a hard bounce, an SMTP refusal, by hand): no email goes to them */
  emailSuppressed: Share;
  crmMatch:
    | { available: false; reason: 'NO_CRM_MATCH_RECORDS' }
    | { available: true; checked: number; matched: number; matchRate: number | null; coverage: number | null };
}

export interface DataAuditInput {
  /** distinct caller phones (E.164), whether an email is on record for them, and whether that email is suppressed */
  callers: readonly { phone: string; hasEmail: boolean; emailSuppressed?: boolean }[];
  /** entries of DATA_AUDIT_KINDS for those phones, oldest first */
  entries: readonly AuditEntry[];
}

const share = (k: number, n: number): Share => ({ count: k, share: n === 0 ? null : Math.round((k / n) * 10_000) / 10_000 });

/** The carrier type an entry states, if any. */
function carrierTypeOf(a: AuditEntry): string | null {
  const d = (a.data ?? {}) as Record<string, unknown>;
  if (a.kind === DATA_AUDIT_KINDS.lineType || a.kind === DATA_AUDIT_KINDS.triggered) {
    return typeof d.lineType === 'string' && d.lineType !== '' && d.lineType !== 'unknown' ? d.lineType : null;
  }
  if (a.kind === DATA_AUDIT_KINDS.filtered && d.reason === 'NOT_MOBILE' && typeof d.detail === 'string') {
    const m = /line type is (\w+)/.exec(d.detail);
    if (m && m[1] !== 'unknown') return m[1]!;
    if (/^landline by numbering plan/.test(d.detail)) return 'landline';
  }
  return null;
}

/**
 * Contact-data quality of a set of callers: line types (the latest recorded carrier type, else
 * the numbering plan — which cannot type NANP numbers, so those stay unknown), the share with a
 * mobile number, the share reachable only by a landline (no email, or a suppressed one), the share
 * whose email is suppressed, and the CRM match rate of caller ids
 * (from `crm_match` entries; "not available" when the CRM step recorded none).
 */
export function dataAuditReport(x: DataAuditInput): DataAudit {
  const carrier = new Map<string, string>();
  const crm = new Map<string, boolean>();
  for (const a of x.entries) {
    if (a.phone === null) continue;
    const t = carrierTypeOf(a);
    if (t !== null) carrier.set(a.phone, t);
    if (a.kind === DATA_AUDIT_KINDS.crmMatch) crm.set(a.phone, (a.data as { matched?: unknown } | null)?.matched === true);
  }
  const n = x.callers.length;
  const counts = Object.fromEntries(LINE_TYPES.map((t) => [t, 0])) as Record<LineType, number>;
  const sources: Record<LineTypeSource, number> = { carrier: 0, numbering_plan: 0, none: 0 };
  let landlineOnly = 0;
  let suppressed = 0;
  let checked = 0;
  let matched = 0;
  for (const c of x.callers) {
    const stated = carrier.get(c.phone);
    const type = lineTypeOf(c.phone, stated);
    counts[type]++;
    sources[stated !== undefined && type !== 'unknown' ? 'carrier' : type !== 'unknown' ? 'numbering_plan' : 'none']++;
    const emailable = c.hasEmail && c.emailSuppressed !== true;
    if (c.hasEmail && !emailable) suppressed++;
    if (type === 'landline' && !emailable) landlineOnly++;
    if (crm.has(c.phone)) {
      checked++;
      if (crm.get(c.phone)) matched++;
    }
  }
  const lineTypes = Object.fromEntries(LINE_TYPES.map((t) => [t, share(counts[t], n)])) as Record<LineType, Share>;
  return {
    callers: n,
    lineTypes,
    sources,
    mobile: lineTypes.mobile,
    landlineOnly: share(landlineOnly, n),
    emailSuppressed: share(suppressed, n),
    crmMatch:
      crm.size === 0
        ? { available: false, reason: 'NO_CRM_MATCH_RECORDS' }
        : { available: true, checked, matched, matchRate: share(matched, checked).share, coverage: share(checked, n).share },
  };
}
