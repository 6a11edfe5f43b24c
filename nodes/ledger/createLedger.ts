import type { Ledger, LedgerOptions } from './Ledger';
import { createPostgresLedger } from './postgresLedger';
import { createSqliteLedger } from './sqliteLedger';

/**
 * Creates the ledger backend the options name; call `migrate()` before first use (or use openLedger).
 * @example
 * const ledger = createLedger({ kind: 'embedded', path: join(userFolder, 'missed-call-ledger.sqlite'), queueMode });
 * const shared = createLedger({ kind: 'postgres', connection: { host, user, password, database }, schema: 'missed_call' });
 */
export function createLedger(opts: LedgerOptions): Ledger {
  if (opts.kind === 'embedded') return createSqliteLedger(opts);
  return createPostgresLedger(opts);
}

/** createLedger + migrate, closing the ledger again when migrating fails. */
export async function openLedger(opts: LedgerOptions): Promise<Ledger> {
  const ledger = createLedger(opts);
  try {
    await ledger.migrate();
  } catch (e) {
    await ledger.close().catch(() => undefined);
    // eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- library code without a node: rethrown after cleanup, the calling node wraps it
    throw e;
  }
  return ledger;
}
