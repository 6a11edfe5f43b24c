/** RFC 4180 CSV: writing with spreadsheet-formula protection, reading with line numbers. */

/** A cell a spreadsheet would run as a formula; phone-like `+1…` / `-5` values are left alone. */
const FORMULA = /^[=@\t\r]|^[+-](?![\d\s().-]*$)/;

/**
 * One CSV cell: quoted when it holds a comma, quote or line break; a leading `'` defuses
 * formulas (`=HYPERLINK(…)`) that a caller's text could smuggle into a spreadsheet.
 * @example csvCell('say "hi", bye') // '"say ""hi"", bye"'
 */
export function csvCell(v: unknown): string {
  let s = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  if (FORMULA.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A CSV document (CRLF line ends, header first). */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export interface CsvRecord {
  /** 1-based line the record starts on */
  line: number;
  cells: string[];
}

export type CsvParse = { records: CsvRecord[]; errors: { line: number; message: string }[] };

/**
 * Parses CSV text (comma, `"` quoting with `""` escapes, CRLF/LF, BOM, quoted line breaks).
 * Blank lines are skipped. An unterminated quote is reported for its line, never thrown.
 * @example parseCsv('phone\n+13055550123\n').records // [{ line: 1, cells: ['phone'] }, { line: 2, cells: ['+13055550123'] }]
 */
export function parseCsv(text: string): CsvParse {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  const errors: CsvParse['errors'] = [];
  let line = 1;
  let i = 0;
  while (i < s.length) {
    const start = line;
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    let fieldStart = true;
    let done = false;
    while (i < s.length && !done) {
      const c = s[i]!;
      if (quoted) {
        if (c === '"' && s[i + 1] === '"') {
          cell += '"';
          i += 2;
        } else if (c === '"') {
          quoted = false;
          i++;
        } else {
          if (c === '\n') line++;
          cell += c;
          i++;
        }
      } else if (c === '"' && fieldStart) {
        quoted = true;
        fieldStart = false;
        i++;
      } else if (c === ',') {
        cells.push(cell);
        cell = '';
        fieldStart = true;
        i++;
      } else if (c === '\r' || c === '\n') {
        i += c === '\r' && s[i + 1] === '\n' ? 2 : 1;
        line++;
        done = true;
      } else {
        cell += c;
        fieldStart = false;
        i++;
      }
    }
    if (quoted) {
      errors.push({ line: start, message: 'unterminated quoted field' });
      break;
    }
    cells.push(cell);
    if (!(cells.length === 1 && cells[0]!.trim() === '')) records.push({ line: start, cells });
  }
  return { records, errors };
}
