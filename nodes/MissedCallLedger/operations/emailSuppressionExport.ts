import { csvFile } from './csvFile';
import { iso, type Operation } from './types';

/** Columns of the email suppression CSV (Import CSV reads the same). */
export const EMAIL_SUPPRESSION_COLUMNS = ['email', 'suppressed_at', 'source', 'code', 'phone', 'touch_id'] as const;
const PAGE = 5000;

/** email suppression → export CSV: every address no email may go to, one row each, as binary `text/csv`. */
export const emailSuppressionExport: Operation = async (c) => {
  const rows: unknown[][] = [];
  for (let after = ''; ; ) {
    const page = await c.ledger.emailSuppressions({ afterEmail: after, limit: PAGE });
    for (const s of page) rows.push([s.email, iso(s.at), s.source, s.code, s.phone, s.touchId]);
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.email;
  }
  const { fileName, binary } = await csvFile(c, 'email-suppressions', EMAIL_SUPPRESSION_COLUMNS, rows);
  return [{ json: { rows: rows.length, fileName }, binary }];
};
