/** Fault injection for node tests: writes the ledger's own database refuses, inside any transaction. */
import { embeddedLedgerFile } from '../harness';
import type { LedgerUse } from './describeOnLedgers';
import { failWritesIn, type WriteFault } from './failWritesIn';

export type { WriteFault } from './failWritesIn';

/**
 * failWritesIn the nodes' ledger of `use` (embedded: the user folder's file; Postgres: the credential's
 * schema). Returns the function that removes the fault.
 * @example const heal = await failWrites(use, { op: 'INSERT', table: 'touches', column: 'step_id', value: 'sms-final' });
 */
export async function failWrites(use: LedgerUse, f: WriteFault): Promise<() => Promise<void>> {
  const schema = (use.credentials.missedCallPostgresLedgerApi as { schema?: string } | undefined)?.schema;
  return failWritesIn(use.params.ledger === 'postgres' && schema ? { schema } : { path: embeddedLedgerFile() }, f);
}
