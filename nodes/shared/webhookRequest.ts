import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import type { SignedRequest } from './signatures';
import type { HttpReply } from './triggerPipeline';

/** Sends `reply` on the webhook's response object (the node answers; n8n does not). */
export function sendReply(ctx: IWebhookFunctions, reply: HttpReply): void {
  const res = ctx.getResponseObject();
  for (const [k, v] of Object.entries(reply.headers ?? {})) res.setHeader(k, v);
  res.setHeader('Content-Type', reply.contentType);
  res.status(reply.status).send(reply.body).end();
}

/**
 * The URL this delivery came to. n8n's getNodeWebhookUrl() is always the production URL; while the
 * editor listens for a test event the provider posts to /webhook-test/…, and Twilio signs that URL.
 * n8n 2.x's getWebhookResourceUrl() names the one used; older hosts lack it.
 */
export function webhookUrl(ctx: IWebhookFunctions): string | undefined {
  const resource = (ctx as Partial<Pick<IWebhookFunctions, 'getWebhookResourceUrl'>>).getWebhookResourceUrl;
  return typeof resource === 'function' ? resource.call(ctx, 'default') : ctx.getNodeWebhookUrl('default');
}

/**
 * The request as the verifiers need it: the public URL + query, headers, exact raw body. A v2
 * trigger gets the raw body read by n8n only for JSON, form, text and XML; any other type is read here.
 */
export async function signedRequest(ctx: IWebhookFunctions): Promise<SignedRequest & { contentType?: string }> {
  const req = ctx.getRequestObject() as unknown as { rawBody?: Buffer | string; originalUrl?: string; url?: string; readRawBody?: () => Promise<void> };
  if (req.rawBody === undefined && typeof req.readRawBody === 'function') await req.readRawBody().catch(() => undefined);
  const headers = ctx.getHeaderData() as Record<string, string | string[] | undefined>;
  const path = req.originalUrl ?? req.url ?? '';
  const q = path.indexOf('?');
  const base = webhookUrl(ctx) ?? '';
  const url = base ? base + (q >= 0 ? path.slice(q) : '') : undefined;
  const contentType = typeof headers['content-type'] === 'string' ? headers['content-type'] : undefined;
  if (req.rawBody !== undefined) return { url, headers, rawBody: req.rawBody, contentType };
  // no raw body kept by the host: a form body can still be checked from its parsed fields
  const body = ctx.getBodyData() as IDataObject;
  if (contentType?.includes('x-www-form-urlencoded')) {
    const params = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : String(v)]));
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) for (const one of Array.isArray(v) ? v : [v]) form.append(k, one);
    return { url, headers, rawBody: form.toString(), params, contentType };
  }
  return { url, headers, rawBody: JSON.stringify(body), contentType };
}
