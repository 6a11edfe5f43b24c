/**
 * Embedded backend: one SQLite file through Node's built-in `node:sqlite`, WAL mode and a busy
 * timeout, so several connections (also from other processes) can share the file. Every method is
 * one `BEGIN IMMEDIATE` transaction run synchronously start to end: writers are serialized by the
 * file lock and no await can interleave inside a transaction.
 * Not for n8n queue mode: workers on other hosts cannot share a file (use the Postgres ledger).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DatabaseSync, StatementSync, SQLInputValue } from 'node:sqlite';
import { placeholderNames, paramValue, type Dialect, type Driver, type Op, type Params, type RunMode, type Work, type TableName, TABLES } from './driver';
import type { Ledger, MigrationStatus } from './Ledger';
import { LedgerCore } from './ledgerCore';
import { LedgerError } from './LedgerError';
import { SQLITE_LATEST, SQLITE_MIGRATIONS } from './migrations/sqlite';

export interface SqliteLedgerOptions {
  /** database file, e.g. `<n8n user folder>/missed-call-ledger.sqlite`; its folder is created */
  path: string;
  /** true when n8n runs in queue mode (EXECUTIONS_MODE=queue): refused */
  queueMode?: boolean;
  /** how long a writer waits for another connection's lock (default 5000 ms) */
  busyTimeoutMs?: number;
}

export const QUEUE_MODE_MESSAGE =
  'The embedded (SQLite) ledger cannot run in n8n queue mode: each worker and main would use its own file, so ' +
  'opt-outs, replies, dedupe keys and touch claims would not be shared, and a contact could be texted twice or after ' +
  'opting out. Use the Postgres ledger credential in queue mode.';


const sqliteDialect: Dialect = {
  kind: 'sqlite',
  t: Object.fromEntries(TABLES.map((n) => [n, n])) as Record<TableName, string>,
  forUpdate: '',
  skipLocked: '',
  inList: (p) => `IN (SELECT value FROM json_each(:${p}))`,
  json: (v) => (typeof v === 'string' ? JSON.parse(v) : v),
  jsonText: (column, field) => `json_extract(${column}, '$.${field}')`,
};

function loadSqlite(): typeof import('node:sqlite') {
  let m: typeof import('node:sqlite') | undefined;
  try {
    m = process.getBuiltinModule?.('node:sqlite') as typeof import('node:sqlite') | undefined;
  } catch {
    m = undefined;
  }
  if (m === undefined) {
    throw new LedgerError(
      'sqlite_unavailable',
      `The embedded ledger needs node:sqlite (Node.js 22.13 or later); this is Node.js ${process.version}. Use the Postgres ledger instead.`,
    );
  }
  return m;
}

class SqliteDriver implements Driver {
  readonly dialect = sqliteDialect;
  private db: DatabaseSync | null;
  private readonly stmts = new Map<string, StatementSync>();

  constructor(opts: SqliteLedgerOptions) {
    const { DatabaseSync } = loadSqlite();
    if (opts.path !== ':memory:') mkdirSync(dirname(opts.path), { recursive: true });
    const db = new DatabaseSync(opts.path);
    try {
      db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.trunc(opts.busyTimeoutMs ?? 5000))}`);
      db.exec('PRAGMA journal_mode = WAL');
      db.exec('PRAGMA synchronous = NORMAL');
      db.exec('PRAGMA foreign_keys = ON');
    } catch (e) {
      db.close();
      // eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- library code without a node: rethrown after cleanup, the calling node wraps it
      throw e;
    }
    this.db = db;
  }

  private conn(): DatabaseSync {
    if (this.db === null) throw new LedgerError('closed', 'The ledger is closed.');
    return this.db;
  }

  private exec(op: Op): unknown {
    let st = this.stmts.get(op.sql);
    if (st === undefined) {
      st = this.conn().prepare(op.sql);
      this.stmts.set(op.sql, st);
    }
    const bound = bind(op.sql, op.params);
    if (op.kind === 'all') return st.all(bound);
    if (op.kind === 'get') return st.get(bound);
    return Number(st.run(bound).changes);
  }

  /** Synchronous from BEGIN to COMMIT; the async signature only matches the Driver. */
  async run<T>(make: () => Work<T>, mode: RunMode): Promise<T> {
    const db = this.conn();
    db.exec(mode === 'read' ? 'BEGIN' : 'BEGIN IMMEDIATE');
    try {
      const g = make();
      let step = g.next();
      while (!step.done) step = g.next(this.exec(step.value));
      db.exec('COMMIT');
      return step.value;
    } catch (e) {
      if (db.isTransaction) db.exec('ROLLBACK');
      // eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- library code without a node: rethrown after cleanup, the calling node wraps it
      throw e;
    }
  }

  async migrate(): Promise<void> {
    const db = this.conn();
    // the write lock makes a concurrent migrate() from another connection wait, then see our versions
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)`);
      const applied = new Set(db.prepare('SELECT version FROM schema_migrations').all().map((r) => Number(r.version)));
      const newest = Math.max(0, ...applied);
      if (newest > SQLITE_LATEST) {
        throw new LedgerError('schema_too_new', `The ledger file has schema version ${newest}; this package knows up to ${SQLITE_LATEST}. Update the node package.`);
      }
      for (const m of SQLITE_MIGRATIONS) {
        if (applied.has(m.version)) continue;
        db.exec(m.sql);
        db.prepare('INSERT INTO schema_migrations (version, name) VALUES (?, ?)').run(m.version, m.name);
      }
      db.exec('COMMIT');
    } catch (e) {
      if (db.isTransaction) db.exec('ROLLBACK');
      // eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- library code without a node: rethrown after cleanup, the calling node wraps it
      throw e;
    }
    this.stmts.clear();
  }

  async migrationStatus(): Promise<MigrationStatus> {
    const db = this.conn();
    const exists = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`).get();
    const applied = exists
      ? db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all().map((r) => ({ version: Number(r.version), name: String(r.name) }))
      : [];
    return { current: Math.max(0, ...applied.map((a) => a.version)), latest: SQLITE_LATEST, applied };
  }

  async close(): Promise<void> {
    if (this.db === null) return;
    this.stmts.clear();
    this.db.close();
    this.db = null;
  }
}

function bind(sql: string, params: Params): Record<string, SQLInputValue> {
  const out: Record<string, SQLInputValue> = {};
  for (const n of placeholderNames(sql)) {
    const v = paramValue(params, n);
    out[n] = typeof v === 'boolean' ? (v ? 1 : 0) : Array.isArray(v) ? JSON.stringify(v) : (v as SQLInputValue);
  }
  return out;
}

/** Opens (and creates) the embedded ledger; throws `queue_mode_requires_postgres` in queue mode. */
export function createSqliteLedger(opts: SqliteLedgerOptions): Ledger {
  if (opts.queueMode === true) throw new LedgerError('queue_mode_requires_postgres', QUEUE_MODE_MESSAGE);
  if (typeof opts.path !== 'string' || opts.path.length === 0) throw new LedgerError('invalid_argument', 'The embedded ledger needs a file path.');
  return new LedgerCore(new SqliteDriver(opts));
}
