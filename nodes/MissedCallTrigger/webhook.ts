import type { IDataObject, INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { ledgerFor } from '../shared/ledgerFor';
import { maskPhone } from '../shared/maskPhone';
import { jsonReply, processDelivery, type HttpReply } from '../shared/triggerPipeline';
import { sendReply as send, signedRequest } from '../shared/webhookRequest';
import { readWebhookSecret, type SecretRead } from '../shared/webhookSecret';
import { lookupLineType } from '../transport/twilioLookup';
import { twilioAuthFrom } from '../transport/twilio';
import { PROVIDER_CREDENTIALS } from './description';
import { nowFrom, readConfig, readGeneric, readTemplateSource } from './readConfig';

const TEMPLATE_TIMEOUT_MS = 3_000;
/** Retry-After (seconds) of a 503 when the credential or the ledger is unavailable. */
const RETRY_AFTER_SECONDS = 5;

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
 * defersAnswer) and emits [Enrolled, Filtered, Message].
 */
export async function missedCallWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
  const cfg = readConfig(this);
  const now = nowFrom(this);
  const generic = readGeneric(this, cfg.provider);
  let read: SecretRead = cfg.provider === 'generic' ? { kind: 'ok', secret: generic.token, creds: {}, cached: false } : await readWebhookSecret(this, PROVIDER_CREDENTIALS[cfg.provider]);
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
      read = await readWebhookSecret(this, PROVIDER_CREDENTIALS[cfg.provider], true);
      if (read.kind === 'unavailable') return unavailable(this, 'CREDENTIALS_UNAVAILABLE', read.message);
      result = await run(read);
    }
  } catch (e) {
    // nothing answered yet: 503 + Retry-After, the provider delivers again (the message has no secrets)
    return unavailable(this, 'LEDGER_UNAVAILABLE', `could not record the call: ${(e as Error).message}`);
  }

  const emits = result.enrolled.length > 0 || result.filtered.length > 0 || result.messages.length > 0;
  if (!emits || !defersAnswer(cfg.provider, result.reply)) send(this, result.reply);
  if (!emits) return { noWebhookResponse: true };
  this.logger?.debug?.('missed call trigger emitted', {
    enrolled: result.enrolled.map((i) => maskPhone(i.contact.phone)),
    filtered: result.filtered.map((i) => i.filtered.reason),
    reemitted: result.enrolled.filter((i) => i.reemitted).length,
    messages: result.messages.map((m) => maskPhone(m.from)),
  });
  const workflowData = [items(result.enrolled), items(result.filtered), items(result.messages)];
  if (!defersAnswer(cfg.provider, result.reply)) return { noWebhookResponse: true, workflowData };
  // n8n answers (200, empty body: the webhook's responseData is 'noData') once it has stored/queued the execution
  return { workflowData };
}
