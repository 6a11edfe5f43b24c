/** Postgres stores for the ledger tests: one schema per store, dropped afterwards. */
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { createLedger, openLedger, POSTGRES_MIGRATIONS } from '../../../nodes/ledger';
import { failWritesIn, type WriteFault } from './failWritesIn';

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
    failWrites: (f: WriteFault) => failWritesIn({ schema }, f),
    migrateUpTo: async (version: number) => {
      // what migrate() of a package that knew up to `version` left behind
      const qs = `"${schema}"`;
      await pgQuery(`CREATE SCHEMA IF NOT EXISTS ${qs}`);
      await pgQuery(`CREATE TABLE IF NOT EXISTS ${qs}.schema_migrations (
        version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
      for (const m of POSTGRES_MIGRATIONS.filter((x) => x.version <= version)) {
        await pgQuery(m.sql(qs));
        await pgQuery(`INSERT INTO ${qs}.schema_migrations (version, name) VALUES ($1, $2)`, [m.version, m.name]);
      }
    },
  };
}

/** Drops every schema this run created (safety net after a crashed test). */
export async function dropRunSchemas(): Promise<void> {
  const { rows } = await pgQuery(`SELECT nspname FROM pg_namespace WHERE nspname LIKE $1`, [`${RUN_PREFIX}\\_%`]);
  for (const r of rows) await pgQuery(`DROP SCHEMA IF EXISTS "${r.nspname}" CASCADE`);
}

/**
 * Whether the node tests on the Postgres ledger run: false (the suite skips) when PostgreSQL does
 * not answer, unless LEDGER_PG_REQUIRED=1 (CI), where a missing server is an error.
 */
export async function pgForNodeTests(): Promise<boolean> {
  const up = await pgAvailable();
  if (!up && process.env.LEDGER_PG_REQUIRED === '1') throw new Error(`LEDGER_PG_REQUIRED=1 but ${PG_URL} does not answer`);
  return up;
}

/** A unique schema for one node test file: the ledger credential data n8n nodes take, and a ledger on it. */
export function pgLedgerFixture(prefix: string) {
  const schema = `${prefix}_${process.pid}_${randomBytes(3).toString('hex')}`;
  const url = new URL(PG_URL);
  const credential = {
    host: url.hostname,
    port: Number(url.port || 5432),
    database: url.pathname.slice(1),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    ssl: 'disable',
    schema,
  };
  return {
    schema,
    /** `credentials` for the harness: the Postgres ledger credential on this schema */
    credentials: { missedCallPostgresLedgerApi: credential },
    open: () => openLedger({ kind: 'postgres', connection: { connectionString: PG_URL, max: 4 }, schema }),
    drop: () => pgQuery(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).then(() => undefined),
  };
}
