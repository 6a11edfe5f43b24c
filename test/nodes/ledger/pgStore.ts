/** Postgres stores for the ledger tests: one schema per store, dropped afterwards. */
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { createLedger, openLedger } from '../../../nodes/ledger';

export const PG_URL = process.env.LEDGER_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** every schema of this run starts with this prefix */
export const RUN_PREFIX = `ledger_test_${process.pid}_${randomBytes(3).toString('hex')}`;

let n = 0;

/** Whether the test database answers; the suite is skipped (loudly) when it does not. */
export async function pgAvailable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

export async function pgQuery(sql: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    return await c.query(sql, values);
  } finally {
    await c.end();
  }
}

export function pgStore() {
  const schema = `${RUN_PREFIX}_${++n}`;
  const connection = { connectionString: PG_URL, max: 10 };
  return {
    schema,
    connect: () => openLedger({ kind: 'postgres', connection, schema }),
    connectUnmigrated: () => createLedger({ kind: 'postgres', connection, schema }),
    destroy: async () => {
      await pgQuery(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    },
  };
}

/** Drops every schema this run created (safety net after a crashed test). */
export async function dropRunSchemas(): Promise<void> {
  const { rows } = await pgQuery(`SELECT nspname FROM pg_namespace WHERE nspname LIKE $1`, [`${RUN_PREFIX}\\_%`]);
  for (const r of rows) await pgQuery(`DROP SCHEMA IF EXISTS "${r.nspname}" CASCADE`);
}
