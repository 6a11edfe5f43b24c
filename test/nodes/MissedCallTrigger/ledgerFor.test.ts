import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IWebhookFunctions } from 'n8n-workflow';
import { afterEach, describe, expect, it } from 'vitest';
import { isLedgerError } from '../../../nodes/ledger';
import { cachedLedgers, closeCachedLedgers, embeddedLedgerPath, ledgerFor, ledgerOptionsFor, postgresLedgerOptions } from '../../../nodes/shared/ledgerFor';
import { pgAvailable, pgLedgerFixture } from '../ledger/pgStore';

const ctx = (params: Record<string, unknown>, creds: Record<string, unknown> = {}) =>
  ({
    getNodeParameter: (n: string, fallback: unknown) => (n in params ? params[n] : fallback),
    getCredentials: async () => creds,
  }) as unknown as IWebhookFunctions;

const pgUp = await pgAvailable();
const dirs: string[] = [];
afterEach(async () => {
  await closeCachedLedgers();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('ledgerFor', () => {
  it('puts the embedded ledger in <N8N_USER_FOLDER>/.n8n', () => {
    expect(embeddedLedgerPath({ N8N_USER_FOLDER: '/data' })).toBe('/data/.n8n/missed-call-ledger.sqlite');
  });

  it('opens one migrated ledger per configuration and reuses it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lf-'));
    dirs.push(dir);
    const a = await ledgerFor(ctx({}), { N8N_USER_FOLDER: dir });
    const b = await ledgerFor(ctx({ ledger: 'embedded' }), { N8N_USER_FOLDER: dir });
    expect(a).toBe(b);
    expect(await a.claimOnce('k', 1)).toBe(true);
    expect(await b.claimOnce('k', 2)).toBe(false);
  });

  it('refuses the embedded ledger in queue mode', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lf-'));
    dirs.push(dir);
    const error = await ledgerFor(ctx({}), { N8N_USER_FOLDER: dir, EXECUTIONS_MODE: 'queue' }).catch((e: unknown) => e);
    expect(isLedgerError(error, 'queue_mode_requires_postgres')).toBe(true);
  });

  it.each([
    ['disable', false, false],
    ['require', false, { rejectUnauthorized: true }],
    ['require', true, { rejectUnauthorized: false }],
  ])('maps the Postgres credential (ssl %s, ignore issues %s)', async (ssl, allowUnauthorizedCerts, want) => {
    const creds = { host: 'db', port: 6543, database: 'n8n', user: 'u', password: 'p', ssl, allowUnauthorizedCerts, schema: 'mc_test' };
    const opts = await ledgerOptionsFor(ctx({ ledger: 'postgres' }, creds), {});
    expect(opts).toEqual(postgresLedgerOptions(creds));
    expect(opts).toMatchObject({ kind: 'postgres', schema: 'mc_test', connection: { host: 'db', port: 6543, database: 'n8n', user: 'u', password: 'p', ssl: want } });
  });

  it.each([
    [undefined, true],
    [true, true],
    [false, false],
    ['false', true], // only the boolean switch turns them off
  ])('maps Prepared Statements %j to preparedStatements %j (on for a credential saved before the field)', (preparedStatements, want) => {
    const creds = { host: 'db', database: 'n8n', user: 'u', ...(preparedStatements === undefined ? {} : { preparedStatements }) };
    expect(postgresLedgerOptions(creds)).toMatchObject({ kind: 'postgres', preparedStatements: want });
  });

  it.skipIf(!pgUp)('keys the ledger cache by Prepared Statements too: one Postgres ledger per setting', async () => {
    const fix = pgLedgerFixture('lf_prepared');
    const cred = fix.credentials.missedCallPostgresLedgerApi;
    try {
      const on = await ledgerFor(ctx({ ledger: 'postgres' }, cred), {});
      const onAgain = await ledgerFor(ctx({ ledger: 'postgres' }, { ...cred, preparedStatements: true }), {});
      const off = await ledgerFor(ctx({ ledger: 'postgres' }, { ...cred, preparedStatements: false }), {});
      expect(onAgain).toBe(on);
      expect(off).not.toBe(on);
      expect(cachedLedgers()).toHaveLength(2);
      // both reach the same schema
      expect(await on.claimOnce('k', 1)).toBe(true);
      expect(await off.claimOnce('k', 2)).toBe(false);
    } finally {
      await closeCachedLedgers();
      await fix.drop();
    }
  });
});
