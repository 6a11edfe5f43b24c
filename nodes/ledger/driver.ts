/**
 * The seam between the ledger's logic (written once, in ledgerCore) and its two backends.
 * Logic is a generator that yields SQL operations; a driver runs the whole generator in one
 * transaction — synchronously for SQLite (no await can interleave inside a transaction), with a
 * pooled client for Postgres (retried from scratch on deadlock or unique-race).
 *
 * SQL uses `:name` placeholders; drivers bind only the names that occur in the text.
 */
import type { MigrationStatus } from './Ledger';
import type { Row } from './rows';

export type Param = string | number | boolean | null | readonly string[];
export type Params = Record<string, Param>;

export type Op =
  | { kind: 'all'; sql: string; params: Params }
  | { kind: 'get'; sql: string; params: Params }
  | { kind: 'run'; sql: string; params: Params };

export type Work<T> = Generator<Op, T, unknown>;

export function* all(sql: string, params: Params = {}): Work<Row[]> {
  return (yield { kind: 'all', sql, params }) as Row[];
}
export function* get(sql: string, params: Params = {}): Work<Row | undefined> {
  return (yield { kind: 'get', sql, params }) as Row | undefined;
}
/** Runs a statement; returns the number of rows changed. */
export function* run(sql: string, params: Params = {}): Work<number> {
  return (yield { kind: 'run', sql, params }) as number;
}

export type TableName =
  | 'contacts'
  | 'templates'
  | 'enrollments'
  | 'touches'
  | 'dedupe_keys'
  | 'call_events'
  | 'audit_log'
  | 'pending_calls'
  | 'retry_leases'
  | 'email_suppressions';

/** Every table, for the dialects' name maps. */
export const TABLES: readonly TableName[] = [
  'contacts',
  'templates',
  'enrollments',
  'touches',
  'dedupe_keys',
  'call_events',
  'audit_log',
  'pending_calls',
  'retry_leases',
  'email_suppressions',
];

export interface Dialect {
  kind: 'sqlite' | 'postgres';
  /** table names as they go into SQL (schema-qualified on Postgres) */
  t: Record<TableName, string>;
  /** row lock for read-then-write inside a transaction ('' on SQLite: BEGIN IMMEDIATE serializes writers) */
  forUpdate: string;
  /** lock clause of the claim query */
  skipLocked: string;
  /** `IN`-list predicate over an array parameter */
  inList(param: string): string;
  /** decodes a JSON column value */
  json(v: unknown): unknown;
  /**
   * SQL for the text of a top-level field of a JSON column (null when absent), written exactly as the
   * expression indexes of the migrations write it (`field` is a code constant, a plain identifier)
   */
  jsonText(column: string, field: string): string;
}

export type RunMode = 'read' | 'write' | 'statement';

export interface Driver {
  readonly dialect: Dialect;
  /**
   * runs `make()` in one transaction; `read` may skip the write lock; `statement`: a write of exactly one
   * operation, atomic by itself (Postgres runs it without BEGIN/COMMIT round trips)
   */
  run<T>(make: () => Work<T>, mode: RunMode): Promise<T>;
  migrate(): Promise<void>;
  migrationStatus(): Promise<MigrationStatus>;
  close(): Promise<void>;
}

const PLACEHOLDER = /(?<![:\w]):([A-Za-z_]\w*)/g;
const namesCache = new Map<string, string[]>(); // memo of a pure parse (SQL text → names)

/** Placeholder names in order of first appearance. */
export function placeholderNames(sql: string): string[] {
  let names = namesCache.get(sql);
  if (names === undefined) {
    names = [...new Set([...sql.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
    if (namesCache.size < 1000) namesCache.set(sql, names);
  }
  return names;
}

/** `:name` → `$n` for Postgres, with the values in order. */
export function toPositional(sql: string, params: Params): { text: string; values: Param[] } {
  const names = placeholderNames(sql);
  const text = sql.replace(PLACEHOLDER, (_, n: string) => `$${names.indexOf(n) + 1}`);
  return { text, values: names.map((n) => paramValue(params, n)) };
}

export function paramValue(params: Params, name: string): Param {
  const v = params[name];
  if (v === undefined) throw new Error(`ledger: missing SQL parameter :${name}`);
  return v;
}
