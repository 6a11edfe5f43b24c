import { WebhookParseError } from './errors';

export type Json = Record<string, unknown>;

/** True for a plain JSON-like object (not null, not an array). */
export function isRecord(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Own-property lookup: never reads through the prototype chain. */
export function own(obj: Json, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

const NUMERIC = /^-?\d+(\.\d+)?$/;

/**
 * Typed, path-aware reads from one untrusted object. Absent or null → null (or MISSING_FIELD for
 * the `req*` variants); present with the wrong type → INVALID_FIELD. Never throws anything else.
 */
export class Reader {
  constructor(
    readonly provider: string,
    readonly obj: Json,
    readonly path: string = '',
  ) {}

  /** Reader over the top level of `value`, or MALFORMED_BODY when it is not an object. */
  static of(provider: string, value: unknown, path = ''): Reader {
    if (!isRecord(value)) throw new WebhookParseError('MALFORMED_BODY', provider, `${path || 'body'} is not an object`);
    return new Reader(provider, value, path);
  }

  at(key: string): string {
    return this.path ? `${this.path}.${key}` : key;
  }

  raw(key: string): unknown {
    return own(this.obj, key);
  }

  has(key: string): boolean {
    const v = own(this.obj, key);
    return v !== undefined && v !== null && v !== '';
  }

  private invalid(key: string, want: string): WebhookParseError {
    const v = own(this.obj, key);
    return new WebhookParseError('INVALID_FIELD', this.provider, `${this.at(key)} must be ${want}, got ${Array.isArray(v) ? 'array' : typeof v}`, this.at(key));
  }

  missing(key: string): WebhookParseError {
    return new WebhookParseError('MISSING_FIELD', this.provider, `${this.at(key)} is required`, this.at(key));
  }

  str(key: string): string | null {
    const v = own(this.obj, key);
    if (v === undefined || v === null) return null;
    if (typeof v !== 'string') throw this.invalid(key, 'a string');
    return v;
  }

  reqStr(key: string): string {
    const v = this.str(key);
    if (v === null || v === '') throw this.missing(key);
    return v;
  }

  /** An identifier: a non-empty string or an integer number (int64 ids may come either way). */
  id(key: string): string | null {
    const v = own(this.obj, key);
    if (v === undefined || v === null || v === '') return null;
    if (typeof v === 'string') return v;
    if (typeof v === 'number' && Number.isInteger(v)) return String(v);
    if (typeof v === 'bigint') return v.toString();
    throw this.invalid(key, 'a string or integer id');
  }

  reqId(key: string): string {
    const v = this.id(key);
    if (v === null) throw this.missing(key);
    return v;
  }

  /** A finite number, or a numeric string (form bodies and some JSON encode numbers as text). */
  num(key: string): number | null {
    const v = own(this.obj, key);
    if (v === undefined || v === null || v === '') return null;
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    if (typeof v === 'string' && NUMERIC.test(v.trim())) return Number(v.trim());
    throw this.invalid(key, 'a number');
  }

  bool(key: string): boolean | null {
    const v = own(this.obj, key);
    if (v === undefined || v === null || v === '') return null;
    if (typeof v === 'boolean') return v;
    if (v === 'true' || v === 'false') return v === 'true';
    throw this.invalid(key, 'a boolean');
  }

  child(key: string): Reader | null {
    const v = own(this.obj, key);
    if (v === undefined || v === null) return null;
    if (!isRecord(v)) throw this.invalid(key, 'an object');
    return new Reader(this.provider, v, this.at(key));
  }

  reqChild(key: string): Reader {
    const r = this.child(key);
    if (r === null) throw this.missing(key);
    return r;
  }

  arr(key: string): unknown[] | null {
    const v = own(this.obj, key);
    if (v === undefined || v === null) return null;
    if (!Array.isArray(v)) throw this.invalid(key, 'an array');
    return v;
  }

  /** Readers over the object items of an array field (non-objects are an INVALID_FIELD). */
  objects(key: string): Reader[] {
    const a = this.arr(key) ?? [];
    return a.map((item, i) => {
      if (!isRecord(item)) throw new WebhookParseError('INVALID_FIELD', this.provider, `${this.at(key)}[${i}] must be an object`, `${this.at(key)}[${i}]`);
      return new Reader(this.provider, item, `${this.at(key)}[${i}]`);
    });
  }

  /** Unix seconds → ISO instant. */
  epochSeconds(key: string): string | null {
    const n = this.num(key);
    return n === null ? null : this.toIso(key, n * 1000);
  }

  /** Unix milliseconds → ISO instant. */
  epochMillis(key: string): string | null {
    const n = this.num(key);
    return n === null ? null : this.toIso(key, n);
  }

  /** ISO 8601 or RFC 2822 text → ISO instant. */
  dateText(key: string): string | null {
    const s = this.str(key);
    if (s === null || s === '') return null;
    return this.toIso(key, Date.parse(s));
  }

  private toIso(key: string, ms: number): string {
    const d = new Date(ms);
    if (!Number.isFinite(d.getTime())) throw this.invalid(key, 'a valid date');
    return d.toISOString();
  }
}

/** Seconds between two ISO instants, or null when either is missing or the order is wrong. */
export function secondsBetween(from: string | null, to: string | null): number | null {
  if (from === null || to === null) return null;
  const s = (Date.parse(to) - Date.parse(from)) / 1000;
  return Number.isFinite(s) && s >= 0 ? s : null;
}
