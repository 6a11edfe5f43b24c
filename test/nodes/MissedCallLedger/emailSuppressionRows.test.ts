import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../nodes/MissedCallLedger/csv';
import { emailSuppressionRows } from '../../../nodes/MissedCallLedger/emailSuppressionRows';

const NOW = Date.UTC(2026, 11, 2, 12);
const rowsOf = (text: string, source = 'csv_import') => emailSuppressionRows(parseCsv(text), { defaultCountry: 'US', source, now: NOW });

describe('emailSuppressionRows', () => {
  it('reads the columns Export CSV writes', () => {
    const r = rowsOf('email,suppressed_at,source,code,phone,touch_id\r\ndana@example.com,2026-11-30T10:00:00.000Z,bounce,5.1.1,+13055550123,t-1\r\n');
    expect(r).toEqual({
      header: true,
      errors: [],
      warnings: [],
      rows: [{ line: 2, email: 'dana@example.com', at: Date.UTC(2026, 10, 30, 10), source: 'bounce', code: '5.1.1', phone: '+13055550123' }],
    });
  });

  it('reads a sender’s bounce export: its column names, Unix seconds, a status code, a display name, any case', () => {
    const r = rowsOf(['Created,Email,Reason,Status', '1764500000,Dana Lee <Dana@Example.COM>,550 5.1.1 mailbox unknown,5.1.1', '1764500001000,ben@example.org,,550'].join('\n'));
    expect(r.header).toBe(true);
    expect(r.rows).toEqual([
      { line: 2, email: 'dana@example.com', at: 1764500000 * 1000, source: 'csv_import', code: '5.1.1', phone: null },
      { line: 3, email: 'ben@example.org', at: 1764500001000, source: 'csv_import', code: '550', phone: null },
    ]);
  });

  it('takes a column whose name holds "email" when no exact name matches, and drops a status that is no SMTP code', () => {
    const r = rowsOf('Recipient Email,status\nana@example.com,bounced\n');
    expect(r.rows).toEqual([{ line: 2, email: 'ana@example.com', at: NOW, source: 'csv_import', code: null, phone: null }]);
  });

  it('reads a file without a header: the first column is the address, now is the instant, the label the source', () => {
    const r = rowsOf('ana@example.com\nben@example.com,ignored\n', 'old_esp');
    expect(r.header).toBe(false);
    expect(r.rows.map((x) => [x.line, x.email, x.at, x.source])).toEqual([
      [1, 'ana@example.com', NOW, 'old_esp'],
      [2, 'ben@example.com', NOW, 'old_esp'],
    ]);
  });

  it('rejects bad rows with their line numbers and masked values, and keeps the good ones', () => {
    const r = rowsOf(['email,suppressed_at', ',', 'dana lee@example.com,', 'two@example.com; three@example.com,', 'ok@example.com,yesterday', 'late@example.com,2027-01-01', 'fine@example.com,', '"open@example.com'].join('\n'));
    expect(r.rows.map((x) => x.email)).toEqual(['fine@example.com']);
    expect(r.errors).toEqual([
      { line: 2, code: 'MISSING_EMAIL', message: 'no email address', value: '' },
      { line: 3, code: 'INVALID_EMAIL', message: 'not one email address', value: 'd***@example.com' },
      { line: 4, code: 'INVALID_EMAIL', message: 'not one email address', value: 't***@example.com' },
      { line: 5, code: 'INVALID_DATE', message: 'suppressed_at is not a date', value: 'o***@example.com' },
      { line: 6, code: 'FUTURE_DATE', message: 'suppressed_at is in the future', value: 'l***@example.com' },
      { line: 8, code: 'MALFORMED_CSV', message: expect.any(String), value: '' },
    ]);
  });

  it('keeps an address whose phone is no number, with a warning (the address is what is suppressed), and cuts a long source', () => {
    const r = rowsOf(`email,phone,source\nana@example.com,12,${'s'.repeat(250)}\nben@example.com,(305) 555-0123,\n`);
    expect(r.rows.map((x) => [x.email, x.phone, x.source.length])).toEqual([
      ['ana@example.com', null, 200],
      ['ben@example.com', '+13055550123', 10],
    ]);
    expect(r.warnings).toEqual([
      { line: 2, code: 'PHONE_IGNORED', message: 'not a valid phone number; the address is suppressed without it', value: '**' },
      { line: 2, code: 'SOURCE_TRUNCATED', message: 'source cut to 200 characters', value: '' },
    ]);
  });

  it('reads the defused cells of an export (a leading apostrophe)', () => {
    expect(rowsOf("email\n'+tag@example.com\n").rows.map((x) => x.email)).toEqual(['+tag@example.com']);
  });
});
