import { analyzePhone } from '../../shared/phone';
import type { OptOutChannel } from '../ledger/Ledger';
import { maskPhone } from '../shared/maskPhone';
import type { CsvParse } from './csv';

/** Stable codes of a rejected import row. */
export type OptOutRowError = 'INVALID_PHONE' | 'MISSING_PHONE' | 'INVALID_CHANNEL' | 'INVALID_DATE' | 'FUTURE_DATE' | 'MALFORMED_CSV';

export interface OptOutRow {
  line: number;
  phone: string;
  channel: OptOutChannel;
  at: number;
  source: string;
  text: string | null;
}

export interface OptOutRowsResult {
  rows: OptOutRow[];
  /** `value` is the phone as given, masked */
  errors: { line: number; code: OptOutRowError; message: string; value: string }[];
  header: boolean;
}

const PHONE_COLUMNS = ['phone', 'number', 'phone_number', 'phonenumber', 'mobile', 'msisdn', 'e164'];
const CHANNELS: Record<string, OptOutChannel> = { sms: 'sms', text: 'sms', email: 'email', all: 'all', '': 'sms' };

/**
 * Turns parsed CSV records into opt-outs: phones normalized to E.164 (national numbers in
 * `defaultCountry`), channel sms/email/all (default sms), `opted_out_at` an ISO date (default now;
 * never in the future). A header row is recognized by a phone column name; without one the first
 * column is the phone. Bad rows are returned with their line numbers, never thrown.
 * @example optOutRows(parseCsv('phone\n(305) 555-0123\n'), { defaultCountry: 'US', source: 'csv_import', now }).rows[0].phone // '+13055550123'
 */
export function optOutRows(csv: CsvParse, o: { defaultCountry: string; source: string; now: number }): OptOutRowsResult {
  const errors: OptOutRowsResult['errors'] = csv.errors.map((e) => ({ line: e.line, code: 'MALFORMED_CSV' as const, message: e.message, value: '' }));
  const first = csv.records[0];
  const names = first?.cells.map((c) => c.trim().toLowerCase().replace(/[\s-]+/g, '_')) ?? [];
  const header = names.some((n) => PHONE_COLUMNS.includes(n));
  const col = (...candidates: string[]) => (header ? names.findIndex((n) => candidates.includes(n)) : -1);
  const phoneCol = header ? col(...PHONE_COLUMNS) : 0;
  const channelCol = col('channel');
  const atCol = col('opted_out_at', 'at', 'date', 'opted_out');
  const sourceCol = col('source');
  const textCol = col('text', 'message');
  const rows: OptOutRow[] = [];
  for (const r of header ? csv.records.slice(1) : csv.records) {
    const cell = (i: number) => (i >= 0 ? (r.cells[i] ?? '').trim() : '');
    const raw = cell(phoneCol).replace(/^'/, '');
    const bad = (code: OptOutRowError, message: string) => errors.push({ line: r.line, code, message, value: maskPhone(raw) });
    if (raw === '') {
      bad('MISSING_PHONE', 'no phone number');
      continue;
    }
    const info = analyzePhone(raw, { defaultCountry: o.defaultCountry });
    if (!info) {
      bad('INVALID_PHONE', 'not a valid phone number');
      continue;
    }
    const channel = CHANNELS[cell(channelCol).toLowerCase()];
    if (channel === undefined) {
      bad('INVALID_CHANNEL', `channel must be sms, email or all, not "${cell(channelCol).slice(0, 20)}"`);
      continue;
    }
    let at = o.now;
    if (cell(atCol) !== '') {
      at = Date.parse(cell(atCol));
      if (Number.isNaN(at)) {
        bad('INVALID_DATE', 'opted_out_at is not a date');
        continue;
      }
      if (at > o.now) {
        bad('FUTURE_DATE', 'opted_out_at is in the future');
        continue;
      }
    }
    rows.push({ line: r.line, phone: info.e164, channel, at, source: cell(sourceCol) || o.source, text: cell(textCol) || null });
  }
  errors.sort((a, b) => a.line - b.line);
  return { rows, errors, header };
}
