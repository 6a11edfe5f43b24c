export type LedgerErrorCode =
  | 'queue_mode_requires_postgres'
  | 'sqlite_unavailable'
  | 'invalid_argument'
  | 'invalid_phone'
  | 'not_found'
  | 'invalid_transition'
  | 'schema_too_new'
  | 'closed';

/** Every error the ledger raises on purpose; branch on `code`, never on the message. */
export class LedgerError extends Error {
  readonly code: LedgerErrorCode;

  constructor(code: LedgerErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LedgerError';
    this.code = code;
  }
}

export function isLedgerError(e: unknown, code?: LedgerErrorCode): e is LedgerError {
  return e instanceof LedgerError && (code === undefined || e.code === code);
}
