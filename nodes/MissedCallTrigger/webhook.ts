import type { IDataObject, INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { ledgerFor } from '../shared/ledgerFor';
import { maskPhone } from '../shared/maskPhone';
import type { SignedRequest } from '../shared/signatures';
import { processDelivery, type HttpReply } from '../shared/triggerPipeline';
import { lookupLineType } from '../transport/twilioLookup';
import { twilioAuthFrom } from '../transport/twilio';
import { PROVIDER_CREDENTIALS } from './description';
import { nowFrom, readConfig, readGeneric, readTemplateSource } from './readConfig';

const TEMPLATE_TIMEOUT_MS = 3_000;

function send(ctx: IWebhookFunctions, reply: HttpReply): void {
  const res = ctx.getResponseObject();
  for (const [k, v] of Object.entries(reply.headers ?? {})) res.setHeader(k, v);
  res.setHeader('Content-Type', reply.contentType);
  res.status(reply.status).send(reply.body).end();
}

/** The request as the verifiers need it: the public URL + query, headers, exact raw body. */
function signedRequest(ctx: IWebhookFunctions): SignedRequest & { contentType?: string } {
  const req = ctx.getRequestObject() as unknown as { rawBody?: Buffer | string; originalUrl?: string; url?: string };
  const headers = ctx.getHeaderData() as Record<string, string | string[] | undefined>;
  const path = req.originalUrl ?? req.url ?? '';
  const q = path.indexOf('?');
  const base = ctx.getNodeWebhookUrl('default') ?? '';
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

async function secretFor(ctx: IWebhookFunctions, provider: keyof typeof PROVIDER_CREDENTIALS): Promise<{ secret: string; creds: IDataObject | null }> {
  const spec = PROVIDER_CREDENTIALS[provider];
  try {
    const creds = (await ctx.getCredentials(spec.name)) as IDataObject;
    const v = creds[spec.secretField];
    return { secret: typeof v === 'string' ? v : '', creds };
  } catch {
    return { secret: '', creds: null }; // fails closed: MISSING_SECRET → 401
  }
}

function items(list: object[]): INodeExecutionData[] {
  return list.map((json) => ({ json: json as IDataObject, pairedItem: { item: 0 } }));
}

/**
 * webhook(): verify → classify → correlate → filters → enroll (nodes/shared/triggerPipeline);
 * answers the provider itself (401/400/handshake/TwiML/JSON) and emits [Enrolled, Filtered].
 */
export async function missedCallWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
  const cfg = readConfig(this);
  const now = nowFrom(this);
  const generic = readGeneric(this, cfg.provider);
  const { secret, creds } = cfg.provider === 'generic' ? { secret: generic.token, creds: null } : await secretFor(this, cfg.provider);
  const ledger = await ledgerFor(this);
  const helpers = this.helpers;
  const twilioAuth = cfg.provider === 'twilio' && creds ? twilioAuthFrom(creds) : null;
  const lookupBase = typeof creds?.lookupBaseUrl === 'string' && creds.lookupBaseUrl ? creds.lookupBaseUrl : undefined;

  let result;
  try {
    result = await processDelivery(cfg, signedRequest(this), {
      ledger,
      now,
      secret,
      generic,
      template: readTemplateSource(this),
      fetchJson: async (url) => helpers.httpRequest({ method: 'GET', url, json: true, timeout: TEMPLATE_TIMEOUT_MS }),
      lookupLineType: cfg.lookupLineType && twilioAuth ? (e164) => lookupLineType(helpers, twilioAuth, e164, lookupBase) : undefined,
      twiml: cfg.provider === 'twilio' ? (this.getNodeParameter('twiml', '') as string) : undefined,
    });
  } catch (e) {
    // nothing answered yet: n8n replies 500 and the provider retries; the message has no secrets
    throw new NodeOperationError(this.getNode(), `Missed Call Trigger could not record the call: ${(e as Error).message}`);
  }

  send(this, result.reply);
  if (result.enrolled.length === 0 && result.filtered.length === 0) return { noWebhookResponse: true };
  this.logger?.debug?.('missed call trigger emitted', {
    enrolled: result.enrolled.map((i) => maskPhone(i.contact.phone)),
    filtered: result.filtered.map((i) => i.filtered.reason),
  });
  return { noWebhookResponse: true, workflowData: [items(result.enrolled), items(result.filtered)] };
}
