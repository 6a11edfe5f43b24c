import type { IDataObject, INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { ledgerFor } from '../shared/ledgerFor';
import { maskPhone } from '../shared/maskPhone';
import type { SignedRequest } from '../shared/signatures';
import { jsonReply, processDelivery, type HttpReply } from '../shared/triggerPipeline';
import { webhookCredentials } from './credentialCache';
import { lookupLineType } from '../transport/twilioLookup';
import { twilioAuthFrom } from '../transport/twilio';
import { PROVIDER_CREDENTIALS } from './description';
import { nowFrom, readConfig, readGeneric, readTemplateSource } from './readConfig';

const TEMPLATE_TIMEOUT_MS = 3_000;
/** Retry-After (seconds) of a 503 when the credential or the ledger is unavailable. */
const RETRY_AFTER_SECONDS = 5;

function send(ctx: IWebhookFunctions, reply: HttpReply): void {
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
function webhookUrl(ctx: IWebhookFunctions): string | undefined {
  const resource = (ctx as Partial<Pick<IWebhookFunctions, 'getWebhookResourceUrl'>>).getWebhookResourceUrl;
  return typeof resource === 'function' ? resource.call(ctx, 'default') : ctx.getNodeWebhookUrl('default');
}

/**
 * The request as the verifiers need it: the public URL + query, headers, exact raw body. A v2
 * trigger gets the raw body read by n8n only for JSON, form, text and XML; any other type is read here.
 */
async function signedRequest(ctx: IWebhookFunctions): Promise<SignedRequest & { contentType?: string }> {
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

/** The provider secret read for one delivery: `missing` fails closed (401); `unavailable` is retryable (503). */
type SecretRead =
  | { kind: 'ok'; secret: string; creds: IDataObject; cached: boolean }
  | { kind: 'missing' }
  | { kind: 'unavailable'; message: string };

/**
 * The provider credential (cached per credential id, CREDENTIAL_TTL_MS; `fresh` skips the cache).
 * A node without that credential fails closed; a credential that is set but cannot be read right
 * now (n8n's database busy or down) is not a bad signature: the caller answers 503, the provider retries.
 */
async function readSecret(ctx: IWebhookFunctions, provider: keyof typeof PROVIDER_CREDENTIALS, fresh = false): Promise<SecretRead> {
  const spec = PROVIDER_CREDENTIALS[provider];
  const ref = ctx.getNode().credentials?.[spec.name];
  const key = ref?.id ? `${spec.name}:${ref.id}` : null;
  const ok = (creds: IDataObject, cached: boolean): SecretRead => {
    const v = creds[spec.secretField];
    return { kind: 'ok', secret: typeof v === 'string' ? v : '', creds, cached };
  };
  const hit = key && !fresh ? webhookCredentials.get(key, Date.now()) : null;
  if (hit) return ok(hit, true);
  let creds: IDataObject;
  try {
    creds = (await ctx.getCredentials(spec.name)) as IDataObject;
  } catch (e) {
    if (key) webhookCredentials.delete(key);
    return ref ? { kind: 'unavailable', message: (e as Error).message } : { kind: 'missing' };
  }
  if (key) webhookCredentials.set(key, creds, Date.now());
  return ok(creds, false);
}

/** 503 + Retry-After: nothing was recorded, the provider should deliver again. */
function unavailable(ctx: IWebhookFunctions, code: 'CREDENTIALS_UNAVAILABLE' | 'LEDGER_UNAVAILABLE', message: string): IWebhookResponseData {
  ctx.logger?.warn?.(`Missed Call Trigger answered 503 (${code}): ${message}`);
  send(ctx, jsonReply(503, { error: 'UNAVAILABLE', code }, { 'Retry-After': String(RETRY_AFTER_SECONDS) }));
  return { noWebhookResponse: true };
}

/**
 * Who answers a delivery that starts an execution. n8n 2.x answers an `onReceived` webhook only
 * after `WorkflowRunner.run` stored (queue mode: enqueued) the execution when webhook() returns
 * workflowData without `noWebhookResponse`; a start that fails ("Workflow could not be started",
 * e.g. n8n's DB pool) then answers 5xx and the phone system retries (the retry re-emits the
 * enrollment after REEMIT_GRACE_MS, see reemitPending). So every provider that retries on 5xx
 * leaves the 200 to n8n. Twilio keeps its TwiML answered here: a 5xx to a voice webhook is not
 * retried (Twilio speaks an application error to the caller and calls the fallback URL), and n8n
 * sends the deferred body from the webhook description, not ours. Handshakes, errors and
 * deliveries that emit nothing are always answered here.
 */
function defersAnswer(provider: string, reply: HttpReply): boolean {
  return provider !== 'twilio' && reply.status === 200;
}

function items(list: object[]): INodeExecutionData[] {
  return list.map((json) => ({ json: json as IDataObject, pairedItem: { item: 0 } }));
}

/**
 * webhook(): verify → classify → correlate → filters → enroll (nodes/shared/triggerPipeline);
 * answers the provider itself (401/400/503/handshake/TwiML, or JSON when nothing is emitted; see
 * defersAnswer) and emits [Enrolled, Filtered].
 */
export async function missedCallWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
  const cfg = readConfig(this);
  const now = nowFrom(this);
  const generic = readGeneric(this, cfg.provider);
  let read: SecretRead = cfg.provider === 'generic' ? { kind: 'ok', secret: generic.token, creds: {}, cached: false } : await readSecret(this, cfg.provider);
  if (read.kind === 'unavailable') return unavailable(this, 'CREDENTIALS_UNAVAILABLE', read.message);
  let ledger;
  try {
    ledger = await ledgerFor(this);
  } catch (e) {
    return unavailable(this, 'LEDGER_UNAVAILABLE', (e as Error).message);
  }
  const helpers = this.helpers;
  const template = readTemplateSource(this);
  const twiml = cfg.provider === 'twilio' ? (this.getNodeParameter('twiml', '') as string) : undefined;
  const request = await signedRequest(this);
  const run = (r: SecretRead) => {
    const creds = r.kind === 'ok' && cfg.provider !== 'generic' ? r.creds : null;
    const twilioAuth = cfg.provider === 'twilio' && creds ? twilioAuthFrom(creds) : null;
    const lookupBase = typeof creds?.lookupBaseUrl === 'string' && creds.lookupBaseUrl ? creds.lookupBaseUrl : undefined;
    return processDelivery(cfg, request, {
      ledger,
      now,
      secret: r.kind === 'ok' ? r.secret : '',
      generic,
      template,
      fetchJson: async (url) => helpers.httpRequest({ method: 'GET', url, json: true, timeout: TEMPLATE_TIMEOUT_MS }),
      lookupLineType: cfg.lookupLineType && twilioAuth ? (e164) => lookupLineType(helpers, twilioAuth, e164, lookupBase) : undefined,
      twiml,
    });
  };

  let result;
  try {
    result = await run(read);
    // a signature that fails with a cached secret is checked once more with a fresh read (rotated secret);
    // a 401 has touched nothing, so running again is safe
    if (result.reply.status === 401 && read.kind === 'ok' && read.cached && cfg.provider !== 'generic') {
      read = await readSecret(this, cfg.provider, true);
      if (read.kind === 'unavailable') return unavailable(this, 'CREDENTIALS_UNAVAILABLE', read.message);
      result = await run(read);
    }
  } catch (e) {
    // nothing answered yet: 503 + Retry-After, the provider delivers again (the message has no secrets)
    return unavailable(this, 'LEDGER_UNAVAILABLE', `could not record the call: ${(e as Error).message}`);
  }

  const emits = result.enrolled.length > 0 || result.filtered.length > 0;
  if (!emits || !defersAnswer(cfg.provider, result.reply)) send(this, result.reply);
  if (!emits) return { noWebhookResponse: true };
  this.logger?.debug?.('missed call trigger emitted', {
    enrolled: result.enrolled.map((i) => maskPhone(i.contact.phone)),
    filtered: result.filtered.map((i) => i.filtered.reason),
    reemitted: result.enrolled.filter((i) => i.reemitted).length,
  });
  const workflowData = [items(result.enrolled), items(result.filtered)];
  if (!defersAnswer(cfg.provider, result.reply)) return { noWebhookResponse: true, workflowData };
  // n8n answers (200, empty body: the webhook's responseData is 'noData') once it has stored/queued the execution
  return { workflowData };
}
