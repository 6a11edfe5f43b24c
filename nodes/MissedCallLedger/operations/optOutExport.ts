import { csvFile } from './csvFile';
import { iso, type Operation } from './types';

/** Columns of the opt-out CSV (Import CSV reads the same). */
export const OPT_OUT_COLUMNS = ['phone', 'channel', 'opted_out_at', 'source', 'text'] as const;
const PAGE = 5000;

/** opt-outs → export CSV: every current opt-out, one row per phone and channel, as binary `text/csv`. */
export const optOutExport: Operation = async (c) => {
  const rows: unknown[][] = [];
  for (let after = ''; ; ) {
    const page = await c.ledger.optOuts({ afterPhone: after, limit: PAGE });
    for (const o of page) rows.push([o.phone, o.channel, iso(o.at), o.source, o.text]);
    const phones = new Set(page.map((o) => o.phone));
    if (phones.size < PAGE) break;
    after = page[page.length - 1]!.phone;
  }
  const { fileName, binary } = await csvFile(c, 'opt-outs', OPT_OUT_COLUMNS, rows);
  return [{ json: { rows: rows.length, phones: new Set(rows.map((r) => r[0])).size, fileName }, binary }];
};
