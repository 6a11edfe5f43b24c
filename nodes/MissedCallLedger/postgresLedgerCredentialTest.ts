import type { ICredentialsDecrypted, ICredentialTestFunctions, ICredentialDataDecryptedObject, INodeCredentialTestResult } from 'n8n-workflow';
import { createLedger } from '../ledger';
import { postgresLedgerOptions } from '../shared/ledgerFor';
import { withoutSecret } from '../shared/withoutSecret';

/**
 * The Postgres ledger credential's Test button: connects and reads the ledger schema's migration
 * version, changing nothing (the nodes create and migrate the schema on first use). An error names
 * the server's answer, never the password.
 */
export async function postgresLedgerCredentialTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
  const opts = postgresLedgerOptions((credential.data ?? {}) as ICredentialDataDecryptedObject);
  if (opts.kind !== 'postgres') return { status: 'Error', message: 'Not a Postgres ledger credential.' };
  const conn = opts.connection as { host?: string; port?: number; database?: string; password?: string };
  const where = `${conn.host}:${conn.port}/${conn.database}, schema ${opts.schema}`;
  const ledger = createLedger({ ...opts, connection: { ...(opts.connection as object), max: 1 } });
  try {
    const s = await ledger.migrationStatus();
    if (s.current > s.latest) {
      return { status: 'Error', message: `${where}: the ledger there has schema version ${s.current}; this package knows up to ${s.latest}. Update the node package.` };
    }
    const state = s.current === s.latest ? `the ledger is at schema version ${s.current}` : s.current === 0 ? 'no ledger yet: the nodes create it on first use' : `the ledger is at schema version ${s.current} of ${s.latest}: the nodes migrate it on first use`;
    return { status: 'OK', message: `Connected to ${where}; ${state}.` };
  } catch (e) {
    return { status: 'Error', message: `${where}: ${withoutSecret((e as Error).message, conn.password)}` };
  } finally {
    await ledger.close().catch(() => undefined);
  }
}
