import { describe, expect, it } from 'vitest';
import { csvCell, parseCsv, toCsv } from '../../../nodes/MissedCallLedger/csv';
import { optOutRows } from '../../../nodes/MissedCallLedger/optOutRows';

const NOW = Date.UTC(2027, 0, 11, 15, 0);

describe('csvCell', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['+13055550123', '+13055550123'],
    ['-5', '-5'],
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['+cmd|calc', "'+cmd|calc"],
    ['@SUM(A1)', "'@SUM(A1)"],
    [null, ''],
    [{ a: 1 }, '"{""a"":1}"'],
  ])('writes %j as %s', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });
});

describe('parseCsv', () => {
  it('reads quoted commas, escaped quotes, quoted line breaks, CRLF, a BOM and blank lines with their line numbers', () => {
    const text = '\ufeffa,b\r\n"x, y","say ""hi"""\r\n\r\n"multi\nline",z\n';
    expect(parseCsv(text)).toEqual({
      records: [
        { line: 1, cells: ['a', 'b'] },
        { line: 2, cells: ['x, y', 'say "hi"'] },
        { line: 4, cells: ['multi\nline', 'z'] },
      ],
      errors: [],
    });
  });

  it('reports an unterminated quote on its line instead of throwing', () => {
    const r = parseCsv('phone\n+13055550123\n"+1305555\n');
    expect(r.records.map((x) => x.line)).toEqual([1, 2]);
    expect(r.errors).toEqual([{ line: 3, message: 'unterminated quoted field' }]);
  });

  it('round-trips what toCsv writes', () => {
    const rows = [['+13055550123', 'sms', 'STOP, now "please"'], ['+447400123456', 'all', 'line\nbreak']];
    const back = parseCsv(toCsv(['phone', 'channel', 'text'], rows)).records.map((r) => r.cells);
    expect(back).toEqual([['phone', 'channel', 'text'], ...rows]);
  });
});

describe('optOutRows', () => {
  const opts = { defaultCountry: 'US', source: 'csv_import', now: NOW };

  it('normalizes phones to E.164 and reads channel, date, source and text columns in any order', () => {
    const csv = parseCsv('Source,Phone Number,Channel,opted_out_at,text\ncrm,(305) 555-0123,email,2026-12-01T10:00:00Z,unsub\n,+44 7400 123456,ALL,,\n');
    expect(optOutRows(csv, opts)).toEqual({
      header: true,
      errors: [],
      rows: [
        { line: 2, phone: '+13055550123', channel: 'email', at: Date.UTC(2026, 11, 1, 10), source: 'crm', text: 'unsub' },
        { line: 3, phone: '+447400123456', channel: 'all', at: NOW, source: 'csv_import', text: null },
      ],
    });
  });

  it('takes the first column as the phone when there is no header', () => {
    const r = optOutRows(parseCsv('305-555-0123\n+1 512 555 0188,sms\n'), opts);
    expect(r.header).toBe(false);
    expect(r.rows.map((x) => [x.line, x.phone, x.channel])).toEqual([[1, '+13055550123', 'sms'], [2, '+15125550188', 'sms']]);
  });

  it('reports every bad row with its line number and a stable code, and keeps the good ones', () => {
    const csv = parseCsv(
      ['phone,channel,opted_out_at', '+13055550123,sms,', 'not a phone,sms,', ',sms,', '+13055550124,fax,', '+13055550125,sms,yesterday', '+13055550126,sms,2099-01-01', '+13055550127,,'].join('\n'),
    );
    const r = optOutRows(csv, opts);
    expect(r.rows.map((x) => [x.line, x.phone])).toEqual([[2, '+13055550123'], [8, '+13055550127']]);
    expect(r.errors.map((e) => [e.line, e.code])).toEqual([
      [3, 'INVALID_PHONE'],
      [4, 'MISSING_PHONE'],
      [5, 'INVALID_CHANNEL'],
      [6, 'INVALID_DATE'],
      [7, 'FUTURE_DATE'],
    ]);
    expect(r.errors[2]!.value).toBe('+1305555****');
  });

  it('reports a malformed (unterminated) record as MALFORMED_CSV', () => {
    const r = optOutRows(parseCsv('phone\n+13055550123\n"+13055550124\n'), opts);
    expect(r.rows).toHaveLength(1);
    expect(r.errors).toEqual([{ line: 3, code: 'MALFORMED_CSV', message: 'unterminated quoted field', value: '' }]);
  });
});
