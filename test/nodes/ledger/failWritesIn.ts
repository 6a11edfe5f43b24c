/** Fault injection at the database: writes a ledger's own tables refuse, inside any transaction. */
import { DatabaseSync } from 'node:sqlite';
import { pgQuery } from './pgStore';

export interface WriteFault {
  op: 'INSERT' | 'UPDATE';
  table: 'touches' | 'enrollments' | 'audit_log' | 'retry_leases' | 'dedupe_keys';
  /** only rows whose new `column` equals `value` */
  column: string;
  value: string;
}

let n = 0;
const lit = (v: string) => `'${v.replace(/'/g, "''")}'`;

/**
 * Adds a trigger that makes matching writes fail ("injected fault"), so the transaction doing them
 * rolls back; in a ledger file (`path`) or a Postgres schema (`schema`). Returns the function that removes it.
 * @example const heal = await failWritesIn({ path }, { op: 'INSERT', table: 'touches', column: 'step_id', value: 's1' });
 */
export async function failWritesIn(target: { path: string } | { schema: string }, f: WriteFault): Promise<() => Promise<void>> {
  const name = `injected_fault_${process.pid}_${++n}`;
  if ('schema' in target) {
    const s = `"${target.schema}"`;
    await pgQuery(`CREATE FUNCTION ${s}.${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected fault'; END $$`);
    await pgQuery(`CREATE TRIGGER ${name} BEFORE ${f.op} ON ${s}.${f.table} FOR EACH ROW WHEN (NEW.${f.column} = ${lit(f.value)}) EXECUTE FUNCTION ${s}.${name}()`);
    return async () => {
      await pgQuery(`DROP TRIGGER ${name} ON ${s}.${f.table}`);
      await pgQuery(`DROP FUNCTION ${s}.${name}()`);
    };
  }
  const exec = (sql: string) => {
    const db = new DatabaseSync(target.path, { timeout: 5000 });
    try {
      db.exec(sql);
    } finally {
      db.close();
    }
  };
  exec(`CREATE TRIGGER ${name} BEFORE ${f.op} ON ${f.table} WHEN NEW.${f.column} = ${lit(f.value)} BEGIN SELECT RAISE(ABORT, 'injected fault'); END`);
  return async () => exec(`DROP TRIGGER ${name}`);
}
