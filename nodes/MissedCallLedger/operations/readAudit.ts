import type { AuditEntry, Ledger } from '../../ledger/Ledger';

const PAGE = 10_000;

/** Every audit entry of `kinds` since `since`, oldest first, read page by page. */
export async function readAudit(ledger: Ledger, q: { since: number; kinds: readonly string[]; max?: number }): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  const max = q.max ?? 1_000_000;
  for (let afterId: number | undefined; out.length < max; ) {
    const page = await ledger.auditTrail({ since: q.since, kinds: q.kinds, afterId, order: 'asc', limit: PAGE });
    out.push(...page);
    if (page.length < PAGE) break;
    afterId = page[page.length - 1]!.id;
  }
  return out;
}
