import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../nodes/ledger';
import { dataAuditReport } from '../../../nodes/MissedCallLedger/dataAuditReport';

let id = 0;
const entry = (kind: string, phone: string, data: unknown): AuditEntry => ({ id: ++id, at: id, kind, phone, enrollmentId: null, touchId: null, data });

const A = '+13055550001'; // carrier mobile
const B = '+13055550002'; // carrier landline, no email → landline only
const C = '+13055550003'; // filtered NOT_MOBILE by the trigger's lookup, has an email
const D = '+13055550004'; // NANP without a lookup → unknown
const UK_MOBILE = '+447400123456'; // typed by the numbering plan
const UK_FIXED = '+442079460000';

describe('dataAuditReport', () => {
  const callers = [A, B, C, D, UK_MOBILE, UK_FIXED].map((phone) => ({ phone, hasEmail: phone === C }));

  it('types callers by recorded carrier line type, else numbering plan, else unknown', () => {
    const r = dataAuditReport({
      callers,
      entries: [
        entry('carrier_line_type', A, { lineType: 'landline' }),
        entry('missed_call_triggered', A, { lineType: 'mobile' }), // the latest wins
        entry('carrier_line_type', B, { lineType: 'landline' }),
        entry('missed_call_filtered', C, { reason: 'NOT_MOBILE', detail: 'carrier line type is landline' }),
        entry('missed_call_filtered', D, { reason: 'REPEAT_CALLER', detail: 'caller already triggered' }),
      ],
    });
    expect(r.callers).toBe(6);
    expect(r.lineTypes).toEqual({
      mobile: { count: 2, share: 0.3333 },
      landline: { count: 3, share: 0.5 },
      voip: { count: 0, share: 0 },
      toll_free: { count: 0, share: 0 },
      premium: { count: 0, share: 0 },
      pager: { count: 0, share: 0 },
      unknown: { count: 1, share: 0.1667 },
    });
    expect(r.sources).toEqual({ carrier: 3, numbering_plan: 2, none: 1 });
    expect(r.mobile).toEqual({ count: 2, share: 0.3333 });
    // B and the UK fixed line have no email; C has one
    expect(r.landlineOnly).toEqual({ count: 2, share: 0.3333 });
    expect(r.emailSuppressed).toEqual({ count: 0, share: 0 });
    expect(r.crmMatch).toEqual({ available: false, reason: 'NO_CRM_MATCH_RECORDS' });
  });

  it('counts a landline whose email is suppressed as landline-only, and every suppressed email', () => {
    const withSuppressed = callers.map((c) => (c.phone === C || c.phone === A ? { ...c, hasEmail: true, emailSuppressed: true } : c));
    const r = dataAuditReport({ callers: withSuppressed, entries: [entry('carrier_line_type', A, { lineType: 'mobile' }), entry('carrier_line_type', C, { lineType: 'landline' })] });
    // C (landline, its email suppressed), and the UK fixed line (no email); A is mobile
    expect(r.landlineOnly).toEqual({ count: 2, share: 0.3333 });
    expect(r.emailSuppressed).toEqual({ count: 2, share: 0.3333 });
    // a suppression without an email on record counts for nothing
    expect(dataAuditReport({ callers: [{ phone: B, hasEmail: false, emailSuppressed: true }], entries: [] }).emailSuppressed).toEqual({ count: 0, share: 0 });
  });

  it('gives the CRM match rate of the callers the CRM step looked up (latest result per caller)', () => {
    const r = dataAuditReport({
      callers,
      entries: [
        entry('crm_match', A, { matched: false }),
        entry('crm_match', A, { matched: true }),
        entry('crm_match', B, { matched: false }),
        entry('crm_match', C, { matched: true }),
      ],
    });
    expect(r.crmMatch).toEqual({ available: true, checked: 3, matched: 2, matchRate: 0.6667, coverage: 0.5 });
  });

  it('gives null shares without callers', () => {
    expect(dataAuditReport({ callers: [], entries: [] }).mobile).toEqual({ count: 0, share: null });
  });
});
