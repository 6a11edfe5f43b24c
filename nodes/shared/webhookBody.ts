import type { IDataObject } from 'n8n-workflow';
import { parseForm } from '../../shared/telephony';

/** `v` when a plain object, else null. */
export const asObject = (v: unknown): IDataObject | null =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as IDataObject) : null;

/** `v` as text when a string or a number, else null. */
export const text = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);

/**
 * The body an n8n Webhook node gives: `$json.body` as an object, or a raw form/JSON string.
 * @example webhookBody({ body: 'MessageSid=SM1&MessageStatus=delivered' }) // { MessageSid: 'SM1', MessageStatus: 'delivered' }
 */
export function webhookBody(json: IDataObject): IDataObject | null {
  const b = json.body;
  if (typeof b === 'string') {
    const s = b.trim();
    if (s.startsWith('{')) {
      try {
        return asObject(JSON.parse(s));
      } catch {
        return null;
      }
    }
    return s.includes('=') ? (parseForm('twilio', s) as IDataObject) : null;
  }
  return asObject(b);
}
