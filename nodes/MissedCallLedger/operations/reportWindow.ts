import { NodeOperationError } from 'n8n-workflow';
import { instantParam, str, type OperationContext } from './types';

const DAY_MS = 86_400_000;

/** The report window [from, to) and template filter of the report operations. */
export function reportWindow(c: OperationContext): { from: number; to: number; templateId: string | undefined } {
  const to = instantParam(c, 'to') ?? c.now;
  const from = instantParam(c, 'from') ?? to - 30 * DAY_MS;
  if (from >= to) throw new NodeOperationError(c.fn.getNode(), 'From must be before To', { itemIndex: c.i });
  return { from, to, templateId: str(c.fn.getNodeParameter('reportTemplateId', c.i, '')) ?? undefined };
}
