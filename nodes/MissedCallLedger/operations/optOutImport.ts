import { NodeOperationError } from 'n8n-workflow';
import { parseCsv } from '../csv';
import { optOutRows } from '../optOutRows';
import { str, type Operation } from './types';

const MAX_BYTES = 20 * 1024 * 1024;

/**
 * opt-outs → import CSV (binary or text): records every valid row as an opt-out (which ends the
 * contact's active sequences); bad rows are reported with line numbers and skipped.
 */
export const optOutImport: Operation = async (c) => {
  const { fn, i } = c;
  let text: string;
  if (fn.getNodeParameter('inputSource', i, 'binary') === 'text') text = String(fn.getNodeParameter('csvText', i, '') ?? '');
  else {
    const prop = str(fn.getNodeParameter('binaryPropertyName', i, 'data')) ?? 'data';
    fn.helpers.assertBinaryData(i, prop);
    const buf = await fn.helpers.getBinaryDataBuffer(i, prop);
    if (buf.length > MAX_BYTES) throw new NodeOperationError(fn.getNode(), 'The CSV file is larger than 20 MB', { itemIndex: i });
    text = buf.toString('utf8');
  }
  const parsed = optOutRows(parseCsv(text), {
    defaultCountry: str(fn.getNodeParameter('defaultCountry', i, 'US')) ?? 'US',
    source: str(fn.getNodeParameter('sourceLabel', i, 'csv_import')) ?? 'csv_import',
    now: c.now,
  });
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
