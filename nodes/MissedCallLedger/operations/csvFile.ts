import type { IBinaryKeyData } from 'n8n-workflow';
import { toCsv } from '../csv';
import { iso, str, type OperationContext } from './types';

/** `rows` under `columns` as a `text/csv` file `<name>-<day of now>.csv`, in the Output Binary Field. */
export async function csvFile(c: OperationContext, name: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): Promise<{ fileName: string; binary: IBinaryKeyData }> {
  const prop = str(c.fn.getNodeParameter('outputBinaryPropertyName', c.i, 'data')) ?? 'data';
  const fileName = `${name}-${iso(c.now)!.slice(0, 10)}.csv`;
  const data = await c.fn.helpers.prepareBinaryData(Buffer.from(toCsv(columns, rows), 'utf8'), fileName, 'text/csv');
  return { fileName, binary: { [prop]: data } };
}
