import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ICredentialsDecrypted, ICredentialTestFunctions } from 'n8n-workflow';
import { MissedCallLedger } from '../../../nodes/MissedCallLedger/MissedCallLedger.node';
import { postgresLedgerCredentialTest } from '../../../nodes/MissedCallLedger/postgresLedgerCredentialTest';
import { POSTGRES_LATEST } from '../../../nodes/ledger/migrations/postgres';
import { pgForNodeTests, pgLedgerFixture, pgQuery } from '../ledger/pgStore';

const up = await pgForNodeTests();
const fix = pgLedgerFixture('cred_test');
const cred = fix.credentials.missedCallPostgresLedgerApi;
const test = (data: Record<string, unknown>) =>
  postgresLedgerCredentialTest.call({} as ICredentialTestFunctions, { id: '1', name: 'Ledger', type: 'missedCallPostgresLedgerApi', data } as ICredentialsDecrypted);
const where = `${cred.host}:${cred.port}/${cred.database}, schema ${fix.schema}`;

describe('Missed Call Ledger: the Postgres ledger credential test', () => {
  it('is what n8n calls for the missedCallPostgresLedgerApi credential', () => {
    const node = new MissedCallLedger();
    expect(node.description.credentials!.find((c) => c.name === 'missedCallPostgresLedgerApi')!.testedBy).toBe('postgresLedgerCredentialTest');
    expect(node.methods.credentialTest.postgresLedgerCredentialTest).toBe(postgresLedgerCredentialTest);
  });

  describe.runIf(up)('against the PostgreSQL of this machine', () => {
    beforeAll(() => fix.drop());
    afterAll(() => fix.drop());

    it('connects to a database without the ledger and changes nothing', async () => {
      expect(await test(cred)).toEqual({ status: 'OK', message: `Connected to ${where}; no ledger yet: the nodes create it on first use.` });
      expect((await pgQuery('SELECT 1 FROM pg_namespace WHERE nspname = $1', [fix.schema])).rowCount).toBe(0);
    });

    it('reports the schema version of a migrated ledger', async () => {
      await (await fix.open()).close();
      expect(await test(cred)).toEqual({ status: 'OK', message: `Connected to ${where}; the ledger is at schema version ${POSTGRES_LATEST}.` });
    });

    it('refuses a ledger newer than this package', async () => {
      await pgQuery(`INSERT INTO "${fix.schema}".schema_migrations (version, name) VALUES ($1, 'from the future')`, [POSTGRES_LATEST + 1]);
      const r = await test(cred);
      expect(r.status).toBe('Error');
      expect(r.message).toContain(`schema version ${POSTGRES_LATEST + 1}; this package knows up to ${POSTGRES_LATEST}`);
    });

    it('names a database that does not exist', async () => {
      const r = await test({ ...cred, database: 'no_such_db_for_ledger_test' });
      expect(r.status).toBe('Error');
      expect(r.message).toMatch(/no_such_db_for_ledger_test.*does not exist/);
    });
  });

  it('names a server that does not answer, without the password', async () => {
    const r = await test({ ...cred, host: '127.0.0.1', port: 1, password: 'pw-should-not-show' });
    expect(r.status).toBe('Error');
    expect(r.message).toMatch(/^127\.0\.0\.1:1\/.*ECONNREFUSED/);
    expect(r.message).not.toContain('pw-should-not-show');
  });
});
