import { parseCsv } from '../csv';
import { optOutRows } from '../optOutRows';
import { csvInput, importOptions } from './csvInput';
import type { Operation } from './types';

/**
 * opt-outs → import CSV (binary or text): records every valid row as an opt-out (which ends the
 * contact's active sequences); bad rows are reported with line numbers and skipped.
 */
export const optOutImport: Operation = async (c) => {
  const parsed = optOutRows(parseCsv(await csvInput(c)), importOptions(c));
  let imported = 0;
  let already = 0;
  for (const r of parsed.rows) {
    const { firstTime } = await c.ledger.recordOptOut(r.phone, { channel: r.channel, source: r.source, text: r.text, now: r.at });
    if (firstTime) imported++;
    else already++;
  }
  await c.ledger.audit({
    kind: 'opt_out_import',
    data: { rows: parsed.rows.length, imported, alreadyOptedOut: already, rejected: parsed.errors.length, errors: parsed.errors.slice(0, 100) },
    now: c.now,
  });
  return [
    {
      json: {
        rows: parsed.rows.length + parsed.errors.filter((e) => e.code !== 'MALFORMED_CSV').length,
        imported,
        alreadyOptedOut: already,
        rejected: parsed.errors.length,
        header: parsed.header,
        errors: parsed.errors,
      },
    },
  ];
};
