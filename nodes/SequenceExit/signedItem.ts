import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import { inboundMessage } from './inboundMessage';
import { invalidItem } from './invalidItem';
import { twilioItemSignature, type ItemSignature } from '../shared/twilioItemSignature';

type Failed = Extract<ItemSignature, { ok: false }>['code'];

/**
 * Whether Verify Twilio Signature applies to the item: every status callback, every item an n8n
 * Webhook node made (it has `webhookUrl`, whatever its body), and anything read as a Twilio SMS. An
 * email reply from another trigger (no `webhookUrl`) is not a Twilio request.
 */
function isTwilioRequest(json: IDataObject, mode: string): boolean {
  if (mode === 'delivery' || typeof json.webhookUrl === 'string') return true;
  const m = inboundMessage(json);
  return m.ok && m.message.source === 'twilio';
}

/** Null when the item is signed by Twilio (or is no Twilio request); else why it fails. Reads the token only when needed. */
export async function signedItem(fn: IExecuteFunctions, i: number, json: IDataObject, mode: string, authToken: () => Promise<string>): Promise<Failed | null> {
  if (!isTwilioRequest(json, mode)) return null;
  const r = twilioItemSignature(json, await authToken(), String(fn.getNodeParameter('signedUrl', i, '') ?? ''));
  return r.ok ? null : r.code;
}

const WHY: Partial<Record<Failed, string>> = {
  NOT_A_REQUEST: 'The item holds no request headers: connect the Webhook node Twilio posts to straight to Sequence Exit, or keep its headers, body, query and webhookUrl on the item.',
  MISSING_SIGNATURE: 'The request has no X-Twilio-Signature header: Twilio did not send it.',
  MISSING_URL: 'The item has no webhookUrl: set Signed URL to the URL Twilio was given.',
  MISSING_SECRET: 'The Twilio credential has no Auth Token: Twilio signs with the Auth Token of the account that owns the number, not with an API key.',
  MALFORMED_BODY: 'The body is no Twilio form (a field holds an object).',
  BAD_SIGNATURE:
    'Twilio did not sign this request, or signed another URL (behind a proxy set n8n’s WEBHOOK_URL to the public address, or Signed URL), or the credential’s Auth Token is not that of the (sub)account that owns the number.',
};

/** The item's failed check as an invalid-item NodeOperationError: nothing of it is recorded. */
export function signatureError(fn: IExecuteFunctions, i: number, code: Failed): NodeOperationError {
  return invalidItem(
    new NodeOperationError(fn.getNode(), `The request failed the Twilio signature check (${code}); nothing was recorded`, {
      itemIndex: i,
      description: WHY[code] ?? 'The signature could not be checked.',
    }),
  );
}
