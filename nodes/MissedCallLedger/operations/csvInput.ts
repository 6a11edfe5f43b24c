import { NodeOperationError } from 'n8n-workflow';
import { str, type OperationContext } from './types';

const MAX_BYTES = 20 * 1024 * 1024;

/** The CSV an import reads: the binary file (at most 20 MB) or the text parameter, per Input Source. */
export async function csvInput(c: OperationContext): Promise<string> {
  const { fn, i } = c;
  if (fn.getNodeParameter('inputSource', i, 'binary') === 'text') return String(fn.getNodeParameter('csvText', i, '') ?? '');
  const prop = str(fn.getNodeParameter('binaryPropertyName', i, 'data')) ?? 'data';
  fn.helpers.assertBinaryData(i, prop);
  const buf = await fn.helpers.getBinaryDataBuffer(i, prop);
  if (buf.length > MAX_BYTES) throw new NodeOperationError(fn.getNode(), 'The CSV file is larger than 20 MB', { itemIndex: i });
  return buf.toString('utf8');
}

/** What an import reads rows with: the Default Country of numbers, the Source Label of rows without one, now. */
export function importOptions(c: OperationContext): { defaultCountry: string; source: string; now: number } {
  return {
    defaultCountry: str(c.fn.getNodeParameter('defaultCountry', c.i, 'US')) ?? 'US',
    source: str(c.fn.getNodeParameter('sourceLabel', c.i, 'csv_import')) ?? 'csv_import',
    now: c.now,
  };
}
