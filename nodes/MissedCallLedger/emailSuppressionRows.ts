import { analyzePhone } from '../../shared/phone';
import { emailKey } from '../ledger/emailKey';
import { maskEmail } from '../shared/maskEmail';
import { maskPhone } from '../shared/maskPhone';
import type { CsvParse } from './csv';

/** Stable codes of a rejected import row. */
export type EmailSuppressionRowError = 'MISSING_EMAIL' | 'INVALID_EMAIL' | 'INVALID_DATE' | 'FUTURE_DATE' | 'MALFORMED_CSV';

export interface EmailSuppressionRow {
  line: number;
  email: string;
  at: number;
  source: string;
  code: string | null;
  phone: string | null;
}

export interface EmailSuppressionRowsResult {
  rows: EmailSuppressionRow[];
  /** rejected rows; `value` is the address as given, masked */
  errors: { line: number; code: EmailSuppressionRowError; message: string; value: string }[];
  /** rows kept without a cell that could not be read (the address is still suppressed) */
  warnings: { line: number; code: 'PHONE_IGNORED' | 'SOURCE_TRUNCATED'; message: string; value: string }[];
  header: boolean;
}

// column names as exported by common senders (SendGrid, Mailgun, Postmark, Mailchimp) and by Export CSV
const EMAIL_COLUMNS = ['email', 'email_address', 'emailaddress', 'e_mail', 'address', 'recipient', 'mail'];
const AT_COLUMNS = ['suppressed_at', 'at', 'date', 'created', 'created_at', 'bounced_at', 'timestamp'];
const CODE_COLUMNS = ['code', 'status', 'status_code'];
const PHONE_COLUMNS = ['phone', 'phone_number', 'mobile', 'number'];
// an enhanced status (5.1.1) or a reply code (550); anything else in a status column (`bounced`) is dropped
const CODE = /^(?:[245]\.\d{1,3}\.\d{1,3}|[245]\d\d)$/;
const MAX_SOURCE = 200;

/** An instant as given: ISO 8601 or a date `Date.parse` reads, or Unix seconds / milliseconds (SendGrid's `created`). */
function instant(s: string): number {
  if (/^\d{9,10}$/.test(s)) return Number(s) * 1000;
  if (/^\d{12,13}$/.test(s)) return Number(s);
  return Date.parse(s);
}

/**
 * Turns parsed CSV records into email suppressions: addresses as the ledger keys them (lower case,
 * `Name <a@b.c>` → `a@b.c`), `suppressed_at` a date or Unix time (default now; never in the future),
 * `code` kept when it is an SMTP status, `phone` normalized in `defaultCountry` (dropped with a warning
 * when it is no number: the address is what is suppressed). A header row is recognized by an email
 * column name; without one the first column is the address. Bad rows come back with line numbers.
 * @example emailSuppressionRows(parseCsv('email\nDana@Example.com\n'), { defaultCountry: 'US', source: 'csv_import', now }).rows[0].email // 'dana@example.com'
 */
export function emailSuppressionRows(csv: CsvParse, o: { defaultCountry: string; source: string; now: number }): EmailSuppressionRowsResult {
  const errors: EmailSuppressionRowsResult['errors'] = csv.errors.map((e) => ({ line: e.line, code: 'MALFORMED_CSV' as const, message: e.message, value: '' }));
  const warnings: EmailSuppressionRowsResult['warnings'] = [];
  const first = csv.records[0];
  const names = first?.cells.map((c) => c.trim().toLowerCase().replace(/[\s-]+/g, '_')) ?? [];
  const header = names.some((n) => EMAIL_COLUMNS.includes(n)) || (!first?.cells.some((c) => emailKey(c) !== null) && names.some((n) => n.includes('email')));
  const col = (...candidates: string[]) => (header ? names.findIndex((n) => candidates.includes(n)) : -1);
  const exact = col(...EMAIL_COLUMNS);
  const emailCol = !header ? 0 : exact >= 0 ? exact : names.findIndex((n) => n.includes('email'));
  const atCol = col(...AT_COLUMNS);
  const sourceCol = col('source');
  const codeCol = col(...CODE_COLUMNS);
  const phoneCol = col(...PHONE_COLUMNS);
  const rows: EmailSuppressionRow[] = [];
  for (const r of header ? csv.records.slice(1) : csv.records) {
    const cell = (i: number) => (i >= 0 ? (r.cells[i] ?? '').trim() : '');
    // Export CSV defuses formula-like cells with a leading '
    const raw = cell(emailCol).replace(/^'/, '');
    const bad = (code: EmailSuppressionRowError, message: string) => errors.push({ line: r.line, code, message, value: maskEmail(raw) });
    if (raw === '') {
      bad('MISSING_EMAIL', 'no email address');
      continue;
    }
    const email = emailKey(raw);
    if (email === null) {
      bad('INVALID_EMAIL', 'not one email address');
      continue;
    }
    let at = o.now;
    if (cell(atCol) !== '') {
      at = instant(cell(atCol));
      if (Number.isNaN(at)) {
        bad('INVALID_DATE', 'suppressed_at is not a date');
        continue;
      }
      if (at > o.now) {
        bad('FUTURE_DATE', 'suppressed_at is in the future');
        continue;
      }
    }
    let phone: string | null = null;
    const rawPhone = cell(phoneCol).replace(/^'/, '');
    if (rawPhone !== '') {
      phone = analyzePhone(rawPhone, { defaultCountry: o.defaultCountry })?.e164 ?? null;
      if (phone === null) warnings.push({ line: r.line, code: 'PHONE_IGNORED', message: 'not a valid phone number; the address is suppressed without it', value: maskPhone(rawPhone) });
    }
    let source = cell(sourceCol) || o.source;
    if (source.length > MAX_SOURCE) {
      warnings.push({ line: r.line, code: 'SOURCE_TRUNCATED', message: `source cut to ${MAX_SOURCE} characters`, value: '' });
      source = source.slice(0, MAX_SOURCE);
    }
    const code = CODE.test(cell(codeCol)) ? cell(codeCol) : null;
    rows.push({ line: r.line, email, at, source, code, phone });
  }
  errors.sort((a, b) => a.line - b.line);
  return { rows, errors, warnings, header };
}
