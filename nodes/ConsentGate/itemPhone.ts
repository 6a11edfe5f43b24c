import type { IDataObject } from 'n8n-workflow';

const obj = (v: unknown): IDataObject | null => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as IDataObject) : null);
const text = (v: unknown): string => (typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : '');

/**
 * The contact's number on an item when the Phone parameter is left empty: the scheduler's
 * `touch.phone`, else the trigger's `contact.phone`, else the raw `call.from` ('' when none).
 * Read in code rather than through an expression default: each expression costs n8n an isolate
 * evaluation per item.
 * @example itemPhone({ contact: { phone: '+13055550123' } }) // '+13055550123'
 */
export function itemPhone(json: IDataObject): string {
  const touch = obj(json.touch);
  if (touch) return text(touch.phone);
  const contact = obj(json.contact);
  if (contact) return text(contact.phone);
  return text(obj(json.call)?.from);
}
