import { parseCsv } from '../csv';
import { emailSuppressionRows } from '../emailSuppressionRows';
import { csvInput, importOptions } from './csvInput';
import type { Operation } from './types';

/**
 * email suppression → import CSV (binary or text), e.g. another sender's bounce or unsubscribe list:
 * records every valid row as a suppression (an address on record keeps its first record); bad rows are
 * reported with line numbers and skipped. Audited `email_suppression_import` with the counts.
 */
export const emailSuppressionImport: Operation = async (c) => {
  const parsed = emailSuppressionRows(parseCsv(await csvInput(c)), importOptions(c));
  let imported = 0;
  let already = 0;
  for (const r of parsed.rows) {
    const { firstTime } = await c.ledger.recordEmailSuppression({ email: r.email, phone: r.phone, source: r.source, code: r.code, touchId: null, now: r.at });
    if (firstTime) imported++;
    else already++;
  }
  const counts = { rows: parsed.rows.length, imported, alreadySuppressed: already, rejected: parsed.errors.length };
  await c.ledger.audit({ kind: 'email_suppression_import', data: { ...counts, errors: parsed.errors.slice(0, 100) }, now: c.now });
  return [
    {
      json: {
        ...counts,
        rows: parsed.rows.length + parsed.errors.filter((e) => e.code !== 'MALFORMED_CSV').length,
        header: parsed.header,
        errors: parsed.errors,
        warnings: parsed.warnings,
      },
    },
  ];
};
