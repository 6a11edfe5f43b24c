import type { IDataObject } from 'n8n-workflow';
import { emailKey } from '../../ledger/emailKey';
import { DATA_AUDIT_KINDS, dataAuditReport } from '../dataAuditReport';
import { readAudit } from './readAudit';
import { reportWindow } from './reportWindow';
import { iso, type Operation } from './types';

/**
 * report → data audit over the callers of the window: the phones enrolled in it plus the
 * callers the trigger filtered out (e.g. landlines) in it.
 */
export const reportDataAudit: Operation = async (c) => {
  const { from, to, templateId } = reportWindow(c);
  const enrollments = await c.ledger.enrollmentsCreated({ since: from, until: to, templateId, limit: 100_000 });
  const entries = (await readAudit(c.ledger, { since: from, kinds: Object.values(DATA_AUDIT_KINDS) })).filter((a) => a.at <= c.now);
  const phones = new Set(enrollments.map((e) => e.phone));
  if (templateId === undefined) {
    for (const a of entries) if (a.kind === DATA_AUDIT_KINDS.filtered && a.phone !== null && a.at < to) phones.add(a.phone);
  }
  const callers = [];
  for (const phone of [...phones].sort()) {
    const email = emailKey((await c.ledger.contact(phone))?.email);
    callers.push({ phone, hasEmail: email !== null, emailSuppressed: email !== null && (await c.ledger.emailSuppression(email)) !== null });
  }
  const report = dataAuditReport({ callers, entries: entries.filter((a) => a.phone !== null && phones.has(a.phone)) });
  return [{ json: { ...report, window: { from: iso(from), to: iso(to) }, templateId: templateId ?? null } as unknown as IDataObject }];
};
