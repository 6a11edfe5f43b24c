import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { parseCurrentTime } from '../../shared/parseCurrentTime';
import { analyzePhone } from '../../../shared/phone';
import type { Ledger } from '../../ledger/Ledger';
import { emailKey } from '../../ledger/emailKey';
import { maskEmail } from '../../shared/maskEmail';
import { maskPhone } from '../../shared/maskPhone';

/** What every operation gets for one input item. */
export interface OperationContext {
  fn: IExecuteFunctions;
  i: number;
  json: IDataObject;
  ledger: Ledger;
  now: number;
}

/** One operation: the items it outputs for one input item (the router adds pairedItem). */
export type Operation = (c: OperationContext) => Promise<INodeExecutionData[]>;

export const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : null);

/** The phone parameter as E.164, or a NodeOperationError. */
export function phoneParam(c: OperationContext, name = 'phone'): string {
  const raw = str(c.fn.getNodeParameter(name, c.i, ''));
  if (raw === null) throw new NodeOperationError(c.fn.getNode(), 'Phone is empty', { itemIndex: c.i });
  const info = analyzePhone(raw, { defaultCountry: str(c.fn.getNodeParameter('defaultCountry', c.i, 'US')) ?? 'US' });
  if (!info) throw new NodeOperationError(c.fn.getNode(), `The phone ${maskPhone(raw)} is not a valid number`, { itemIndex: c.i });
  return info.e164;
}

/** The email parameter as the ledger keys it (lower case, the address inside `Name <a@b.c>`), or a NodeOperationError. */
export function emailParam(c: OperationContext, name = 'email'): string {
  const raw = str(c.fn.getNodeParameter(name, c.i, ''));
  if (raw === null) throw new NodeOperationError(c.fn.getNode(), 'Email is empty', { itemIndex: c.i });
  const email = emailKey(raw);
  if (email === null) {
    throw new NodeOperationError(c.fn.getNode(), `The email ${maskEmail(raw)} is not one email address`, {
      itemIndex: c.i,
      description: 'Give one address, e.g. dana@example.com (a display name like "Dana Lee <dana@example.com>" is fine too).',
    });
  }
  return email;
}

/** A dateTime parameter as epoch ms; null when empty. */
export function instantParam(c: OperationContext, name: string): number | null {
  const v = c.fn.getNodeParameter(name, c.i, '');
  if (v === '' || v === null || v === undefined) return null;
  const t = parseCurrentTime(v, c.fn.getTimezone(), NaN);
  if (t === null || Number.isNaN(t)) throw new NodeOperationError(c.fn.getNode(), `${name} is not a valid date`, { itemIndex: c.i });
  return t;
}

export const iso = (t: number | null | undefined) => (t === null || t === undefined ? null : new Date(t).toISOString());
