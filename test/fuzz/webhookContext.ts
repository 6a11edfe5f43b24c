/**
 * A minimal IWebhookFunctions for fuzzing the Missed Call Trigger's webhook() with arbitrary raw
 * bytes (the MissedCallTrigger test helper takes UTF-8 strings only). The embedded ledger lives in
 * N8N_USER_FOLDER (a temp folder the caller sets).
 */
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
// the webhook() the node class delegates to (importing the class file from plain Node resolves its .node.json first)
import { missedCallWebhook } from '../../nodes/MissedCallTrigger/webhook';

export interface WebhookOutcome {
  status: number | null;
  body: string | null;
  emitted: number;
  /** the items of both outputs (Enrolled, then Filtered) */
  items: IDataObject[];
}

/** The public URL the fuzzed deliveries are signed for. */
export const WEBHOOK_URL = 'https://n8n.example.com/webhook/abc/missed-call';

export async function callWebhook(
  params: IDataObject,
  creds: Record<string, IDataObject>,
  req: { rawBody: Buffer; headers: Record<string, string>; path?: string },
  logger: Record<string, (message: string, meta?: unknown) => void> = { debug: () => undefined },
): Promise<WebhookOutcome> {
  const out: WebhookOutcome = { status: null, body: null, emitted: 0, items: [] };
  const res = {
    setHeader: () => undefined,
    status(s: number) {
      out.status = s;
      return res;
    },
    send(b: string) {
      out.body = b;
      return res;
    },
    end: () => res,
  };
  const ctx = {
    getNodeParameter: (name: string, fallback?: unknown) => (name in params ? params[name] : fallback),
    getCredentials: async (name: string) => {
      if (!creds[name]) throw new Error(`no credential ${name}`);
      return creds[name];
    },
    getNode: () => ({ id: 'fuzz', name: 'Missed Call Trigger', type: 'n8n-nodes-missed-call.missedCallTrigger', typeVersion: 1, position: [0, 0], parameters: {} }),
    getWorkflow: () => ({ id: 'wf-fuzz', name: 'fuzz', active: true }),
    getTimezone: () => 'America/New_York',
    getNodeWebhookUrl: () => WEBHOOK_URL,
    getRequestObject: () => ({ rawBody: req.rawBody, originalUrl: req.path ?? '/webhook/abc/missed-call' }),
    getResponseObject: () => res,
    getHeaderData: () => req.headers,
    getBodyData: () => ({}),
    helpers: { httpRequest: async () => Promise.reject(new Error('no network in fuzz')) },
    logger,
  } as unknown as IWebhookFunctions;
  const r = await missedCallWebhook.call(ctx);
  // n8n 2.x answers itself when webhook() leaves it the answer (onReceived, responseData noData): empty 200
  if (r.noWebhookResponse !== true && out.status === null) Object.assign(out, { status: 200, body: '' });
  const wd = (r.workflowData ?? []) as { json: IDataObject }[][];
  out.emitted = wd.reduce((n, o) => n + o.length, 0);
  out.items = wd.flat().map((i) => i.json);
  return out;
}
