/**
 * Postgres backend, required in n8n queue mode: every main and worker shares it. Each method is
 * one transaction on a pooled client (READ COMMITTED; a lone statement, e.g. an audit entry, runs
 * without BEGIN/COMMIT round trips); claims lease rows with
 * `FOR UPDATE … SKIP LOCKED` in one statement; a transaction that loses a deadlock or a
 * uniqueness race is retried from scratch. All tables live in one schema (default `missed_call`).
 * Ledger statements run as named prepared statements (parsed and planned once per connection; off
 * with `preparedStatements: false`). A prepared statement a schema change broke, or one a pooler lost,
 * fails the transaction: every connection prepared before it is discarded and the transaction retried.
 */
import pg from 'pg';
import { toPositional, type Dialect, type Driver, type Op, type RunMode, type Work, type TableName, TABLES } from './driver';
import type { Ledger, MigrationStatus } from './Ledger';
import { LedgerCore } from './ledgerCore';
import { LedgerError } from './LedgerError';
import { POSTGRES_LATEST, POSTGRES_MIGRATIONS } from './migrations/postgres';
import { StatementNames } from './statementNames';

export interface PostgresLedgerOptions {
  /** pg Pool options or a connection string */
  connection: pg.PoolConfig | string;
  /** schema holding the ledger's tables (lowercase identifier; default `missed_call`) */
  schema?: string;
  /**
   * run ledger statements as named prepared statements (default true). Behind PgBouncer in
   * transaction pooling mode older than 1.21, which does not track them, the first lost statement
   * switches the ledger to unnamed ones by itself; turning this off there saves that one retry.
   */
  preparedStatements?: boolean;
}

export const DEFAULT_SCHEMA = 'missed_call';
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const RETRYABLE = new Set(['40P01', '40001', '23505']); // deadlock, serialization, unique race
const MAX_ATTEMPTS = 4;

/**
 * A pooler handed the session to a server connection that lacks the named statement (26000) or already
 * has one of its name (42P05): PgBouncer before 1.21 in transaction mode, and poolers like it. Named
 * statements cannot hold there at all.
 */
const poolerLostStatement = (state: string | undefined): boolean => state === '26000' || state === '42P05';

/**
 * A prepared statement of the connection no longer holds: its result type changed with the schema
 * (0A000 from the plan cache; 0A000 alone also means other unsupported features), or a pooler lost it.
 */
const stalePlan = (e: unknown, state: string | undefined): boolean =>
  poolerLostStatement(state) ||
  (state === '0A000' && ((e as { routine?: unknown }).routine === 'RevalidateCachedQuery' || /cached plan must not change result type/.test(String((e as Error).message))));

function postgresDialect(qs: string): Dialect {
  return {
    kind: 'postgres',
    t: Object.fromEntries(TABLES.map((n) => [n, `${qs}.${n}`])) as Record<TableName, string>,
    forUpdate: ' FOR UPDATE',
    skipLocked: ' FOR UPDATE OF t SKIP LOCKED',
    inList: (p) => `= ANY(:${p}::text[])`,
    json: (v) => v, // jsonb arrives parsed
    jsonText: (column, field) => `(${column} ->> '${field}')`,
  };
}

const sqlState = (e: unknown): string | undefined => {
  const c = (e as { code?: unknown } | null)?.code;
  return typeof c === 'string' && /^[0-9A-Z]{5}$/.test(c) ? c : undefined;
};

class PostgresDriver implements Driver {
  readonly dialect: Dialect;
  private pool: pg.Pool | null;
  private readonly qs: string;
  /** null: every statement unnamed (the credential's choice, or since a pooler lost a named one) */
  private names: StatementNames | null;
  /** bumped by a stale prepared statement; a connection first used in an older epoch is discarded */
  private planEpoch = 0;
  private readonly epochOf = new WeakMap<pg.PoolClient, number>();

  constructor(private readonly schema: string, connection: pg.PoolConfig | string, prepared: boolean) {
    this.qs = `"${schema}"`;
    this.names = prepared ? new StatementNames() : null;
    this.dialect = postgresDialect(this.qs);
    this.pool = new pg.Pool(typeof connection === 'string' ? { connectionString: connection } : connection);
    // an idle client losing its connection must not crash n8n; the next query reconnects
    this.pool.on('error', () => undefined);
  }

  private p(): pg.Pool {
    if (this.pool === null) throw new LedgerError('closed', 'The ledger is closed.');
    return this.pool;
  }

  /** A pooled client with no prepared statement from before the latest stale one. */
  private async connect(): Promise<pg.PoolClient> {
    for (;;) {
      const c = await this.p().connect();
      const epoch = this.epochOf.get(c);
      if (epoch === undefined) this.epochOf.set(c, this.planEpoch);
      if (epoch === undefined || epoch === this.planEpoch) return c;
      c.release(new Error('ledger: connection prepared statements before a schema change')); // destroyed
    }
  }

  private async exec(c: pg.PoolClient, op: Op): Promise<unknown> {
    const { text, values } = toPositional(op.sql, op.params);
    const name = this.names?.nameOf(text);
    const res = await c.query(name === undefined ? { text, values: values as unknown[] } : { name, text, values: values as unknown[] });
    if (op.kind === 'all') return res.rows;
    if (op.kind === 'get') return res.rows[0];
    return res.rowCount ?? 0;
  }

  async run<T>(make: () => Work<T>, mode: RunMode): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const c = await this.connect();
      let broken: Error | undefined;
      try {
        if (mode === 'write') await c.query('BEGIN');
        const g = make();
        let step = g.next();
        while (!step.done) step = g.next(await this.exec(c, step.value));
        if (mode === 'write') await c.query('COMMIT');
        return step.value;
      } catch (e) {
        const state = sqlState(e);
        const stale = stalePlan(e, state);
        const dead = state === undefined && !(e instanceof LedgerError); // the connection itself failed
        if (mode === 'write' && !dead) await c.query('ROLLBACK').catch(() => undefined);
        if (dead || stale) broken = e instanceof Error ? e : new Error(String(e)); // released with it: pg destroys the client
        if (stale) this.planEpoch++;
        // behind a transaction-mode pooler every named statement would fail again on the next hand-over:
        // unnamed from now on, for this pool's life (the retry below already runs unnamed)
        if (poolerLostStatement(state)) this.names = null;
        if (state !== undefined && (RETRYABLE.has(state) || stale) && attempt < MAX_ATTEMPTS) continue;
        // eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- library code without a node: rethrown after cleanup, the calling node wraps it
        throw e;
      } finally {
        c.release(broken);
      }
    }
  }

  async migrate(): Promise<void> {
    const c = await this.p().connect();
    try {
      await c.query('BEGIN');
      // one migrator per schema at a time, across every process
      await c.query('SELECT pg_advisory_xact_lock(hashtext($1::text))', [`missed_call_ledger:${this.schema}`]);
      await c.query(`CREATE SCHEMA IF NOT EXISTS ${this.qs}`);
      await c.query(`CREATE TABLE IF NOT EXISTS ${this.qs}.schema_migrations (
        version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
      const applied = new Set((await c.query(`SELECT version FROM ${this.qs}.schema_migrations`)).rows.map((r) => Number(r.version)));
      const newest = Math.max(0, ...applied);
      if (newest > POSTGRES_LATEST) {
        throw new LedgerError('schema_too_new', `Schema ${this.schema} has version ${newest}; this package knows up to ${POSTGRES_LATEST}. Update the node package.`);
      }
      for (const m of POSTGRES_MIGRATIONS) {
        if (applied.has(m.version)) continue;
        await c.query(m.sql(this.qs));
        await c.query(`INSERT INTO ${this.qs}.schema_migrations (version, name) VALUES ($1, $2)`, [m.version, m.name]);
      }
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      // eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- library code without a node: rethrown after cleanup, the calling node wraps it
      throw e;
    } finally {
      c.release();
    }
  }

  async migrationStatus(): Promise<MigrationStatus> {
    const pool = this.p();
    const exists = (await pool.query('SELECT to_regclass($1::text) AS t', [`${this.qs}.schema_migrations`])).rows[0]?.t;
    const applied = exists
      ? (await pool.query(`SELECT version, name FROM ${this.qs}.schema_migrations ORDER BY version`)).rows.map((r) => ({
          version: Number(r.version),
          name: String(r.name),
        }))
      : [];
    return { current: Math.max(0, ...applied.map((a) => a.version)), latest: POSTGRES_LATEST, applied };
  }

  async close(): Promise<void> {
    const pool = this.pool;
    if (pool === null) return;
    this.pool = null;
    await pool.end();
  }
}

/** Connects lazily (the pool opens connections on first use); call migrate() before use. */
export function createPostgresLedger(opts: PostgresLedgerOptions): Ledger {
  const schema = opts.schema ?? DEFAULT_SCHEMA;
  if (!SCHEMA_NAME.test(schema)) {
    throw new LedgerError('invalid_argument', `Schema name "${schema}" must be a lowercase identifier (letters, digits, underscore).`);
  }
  return new LedgerCore(new PostgresDriver(schema, opts.connection, opts.preparedStatements !== false));
}
