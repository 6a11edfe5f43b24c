/** Test volume: audit entries written straight into the nodes' ledger, many in one statement. */
import { DatabaseSync } from 'node:sqlite';
import { embeddedLedgerFile } from '../harness';
import type { LedgerUse } from './describeOnLedgers';
import { pgQuery } from './pgStore';

/**
 * Appends `count` audit entries of `kind` at `at` in one transaction to the nodes' ledger of `use`
 * (embedded: the user folder's file; Postgres: the credential's schema). Entry `i` (1…count) has data
 * `{ n: i }`, or `{ key: keyPrefix + i, n: i }` with `keyPrefix`.
 * @example await bulkAudit(use, { count: 10_000, kind: 'begin_send', at: NOON - HOUR });
 */
export async function bulkAudit(use: LedgerUse, o: { count: number; kind: string; at: number; keyPrefix?: string }): Promise<void> {
  const schema = (use.credentials.missedCallPostgresLedgerApi as { schema?: string } | undefined)?.schema;
  if (use.params.ledger === 'postgres' && schema) {
    const data = o.keyPrefix === undefined ? `jsonb_build_object('n', i)` : `jsonb_build_object('key', $4::text || i, 'n', i)`;
    await pgQuery(
      `INSERT INTO "${schema}".audit_log (at, kind, data) SELECT $1::bigint, $2::text, ${data} FROM generate_series(1, $3::int) i`,
      [o.at, o.kind, o.count, ...(o.keyPrefix === undefined ? [] : [o.keyPrefix])],
    );
    return;
  }
  const data = o.keyPrefix === undefined ? `json_object('n', i)` : `json_object('key', :prefix || i, 'n', i)`;
  const db = new DatabaseSync(embeddedLedgerFile(), { timeout: 5000 });
  try {
    db.prepare(
      `WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < :count)
       INSERT INTO audit_log (at, kind, data) SELECT :at, :kind, ${data} FROM s`,
    ).run({ count: o.count, at: o.at, kind: o.kind, ...(o.keyPrefix === undefined ? {} : { prefix: o.keyPrefix }) });
  } finally {
    db.close();
  }
}
