import { createHash } from 'node:crypto';

/** Distinct SQL texts a Postgres driver prepares; the rest run unnamed (a bound on server-side statements per connection). */
export const STATEMENT_NAME_CAP = 512;

/** Stable name of a prepared statement: `mcl_` + the first 16 hex digits of the text's SHA-1. */
export function statementName(text: string): string {
  return `mcl_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
}

/**
 * Names for the first `cap` distinct SQL texts seen; undefined for any later one (it runs unnamed).
 * Ledger SQL embeds no data values (only schema-qualified table names and a bounded set of fragments),
 * so the cap is a guard, not a working limit.
 */
export class StatementNames {
  private readonly names = new Map<string, string>();

  constructor(private readonly cap = STATEMENT_NAME_CAP) {}

  nameOf(text: string): string | undefined {
    let name = this.names.get(text);
    if (name === undefined && this.names.size < this.cap) {
      name = statementName(text);
      this.names.set(text, name);
    }
    return name;
  }

  get size(): number {
    return this.names.size;
  }
}
