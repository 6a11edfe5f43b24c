import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { parseForm } from '../../shared/telephony';
import { jsonReply, twimlReply } from '../shared/triggerPipeline';
import { twilioItemSignature } from '../shared/twilioItemSignature';
import { signedRequest, sendReply, webhookUrl } from '../shared/webhookRequest';
import { readWebhookSecret, type SecretRead } from '../shared/webhookSecret';
import { TWILIO_CREDENTIAL } from './description';

/** Retry-After (seconds) of a 503 when the credential cannot be read. */
const RETRY_AFTER_SECONDS = 5;
/** Request headers the item leaves out: the webhook's own Basic Auth and cookies are no business of the workflow. */
const PRIVATE_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization']);

/** The form fields of the request (Twilio posts form-encoded), from the raw body when n8n kept it; throws on a broken %-escape. */
function formBody(ctx: IWebhookFunctions, raw: Uint8Array | string | undefined, contentType: string | undefined): IDataObject {
  if (raw !== undefined && (contentType === undefined || contentType.includes('x-www-form-urlencoded'))) {
    return { ...parseForm('twilio', typeof raw === 'string' ? raw : Buffer.from(raw).toString('utf8')) } as IDataObject;
  }
  return (ctx.getBodyData() ?? {}) as IDataObject;
}

/** `status` for a status callback (a MessageStatus and no text), else `message` (an inbound text). */
const eventOf = (body: IDataObject): 'message' | 'status' => (body.MessageStatus !== undefined && body.Body === undefined ? 'status' : 'message');

function refuse(ctx: IWebhookFunctions, status: number, body: IDataObject, headers?: Record<string, string>): IWebhookResponseData {
  sendReply(ctx, jsonReply(status, body, headers));
  return { noWebhookResponse: true };
}

/**
 * webhook(): checks X-Twilio-Signature with the credential's Auth Token (twilioItemSignature: the URL
 * n8n reports or Signed URL, the query in Twilio's encodings, with and without a Basic Auth user and
 * password); a failure is answered 403 and starts nothing (a cached token is read again once first:
 * it may have been rotated). A signed request is answered with empty TwiML at once and emitted as an
 * n8n Webhook node would emit it (`headers` without Authorization or cookies, `query`, `body`,
 * `webhookUrl`) plus `event`, for Sequence Exit.
 */
export async function missedCallSmsWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
  const signedUrl = String(this.getNodeParameter('signedUrl', '') ?? '').trim();
  const request = await signedRequest(this);
  const headers = request.headers as IDataObject;
  let body: IDataObject;
  try {
    body = formBody(this, request.rawBody, request.contentType);
  } catch {
    // a broken %-escape: nothing to verify, nothing runs
    return refuse(this, 400, { error: 'MALFORMED_BODY', message: 'The form body could not be read.' });
  }
  const item: IDataObject = { headers, params: {}, query: (this.getQueryData() ?? {}) as IDataObject, body, webhookUrl: webhookUrl(this) ?? '' };

  const check = async (fresh: boolean): Promise<{ read: SecretRead; ok: boolean; code?: string }> => {
    const read = await readWebhookSecret(this, TWILIO_CREDENTIAL, fresh);
    if (read.kind !== 'ok') return { read, ok: false };
    const v = twilioItemSignature(item, read.secret, signedUrl);
    return { read, ok: v.ok, code: v.ok ? undefined : v.code };
  };
  let r = await check(false);
  if (!r.ok && r.read.kind === 'ok' && r.read.cached) r = await check(true);
  if (r.read.kind === 'unavailable') {
    this.logger?.warn?.(`Missed Call SMS Trigger answered 503: the Twilio credential could not be read (${r.read.message})`);
    return refuse(this, 503, { error: 'UNAVAILABLE', code: 'CREDENTIALS_UNAVAILABLE' }, { 'Retry-After': String(RETRY_AFTER_SECONDS) });
  }
  if (!r.ok) {
    const code = r.read.kind === 'missing' ? 'MISSING_CREDENTIAL' : r.code ?? 'BAD_SIGNATURE';
    const why =
      code === 'MISSING_CREDENTIAL' || code === 'MISSING_SECRET'
        ? 'the node has no Twilio credential with an Auth Token to check signatures with'
        : `its X-Twilio-Signature did not verify for ${signedUrl ? 'the Signed URL' : 'the webhook URL n8n reports'}`;
    this.logger?.warn?.(`Missed Call SMS Trigger refused a request with 403 (${code}): ${why}`);
    return refuse(this, 403, { error: 'FORBIDDEN', code });
  }

  sendReply(this, twimlReply());
  const emitted = Object.fromEntries(Object.entries(headers).filter(([k]) => !PRIVATE_HEADERS.has(k.toLowerCase())));
  const json: IDataObject = { event: eventOf(body), ...item, headers: emitted, executionMode: this.getMode?.() === 'manual' ? 'test' : 'production' };
  return { noWebhookResponse: true, workflowData: [[{ json }]] };
}
