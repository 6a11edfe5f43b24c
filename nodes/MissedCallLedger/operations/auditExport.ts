import { csvFile } from './csvFile';
import type { AuditEntry } from '../../ledger/Ledger';
import { instantParam, iso, phoneParam, str, type Operation } from './types';

export const AUDIT_COLUMNS = ['id', 'at', 'kind', 'phone', 'enrollment_id', 'touch_id', 'data'] as const;
const PAGE = 10_000;

/** audit trail → export CSV (since, phone and kind filters), oldest first, as binary `text/csv`. */
export const auditExport: Operation = async (c) => {
  const since = instantParam(c, 'since') ?? undefined;
  const phone = str(c.fn.getNodeParameter('phoneFilter', c.i, '')) === null ? undefined : phoneParam(c, 'phoneFilter');
  const kindText = str(c.fn.getNodeParameter('kinds', c.i, ''));
  const kinds = kindText === null ? undefined : kindText.split(',').map((k) => k.trim()).filter(Boolean);
  const max = Math.max(1, Math.floor(Number(c.fn.getNodeParameter('maxRows', c.i, 100_000)) || 100_000));
  const entries: AuditEntry[] = [];
  let afterId: number | undefined;
  while (entries.length < max) {
    const page = await c.ledger.auditTrail({ since, phone, kinds, afterId, order: 'asc', limit: Math.min(PAGE, max - entries.length) });
    entries.push(...page);
    if (page.length < PAGE) break;
    afterId = page[page.length - 1]!.id;
  }
  const { fileName, binary } = await csvFile(
    c,
    'audit-trail',
    AUDIT_COLUMNS,
    entries.map((a) => [a.id, iso(a.at), a.kind, a.phone, a.enrollmentId, a.touchId, a.data]),
  );
  return [{ json: { rows: entries.length, truncated: entries.length >= max, fileName }, binary }];
};
