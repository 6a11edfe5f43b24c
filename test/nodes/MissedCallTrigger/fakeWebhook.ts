import { createHash, createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { MissedCallTrigger } from '../../../nodes/MissedCallTrigger/MissedCallTrigger.node';
import { webhookCredentials } from '../../../nodes/shared/webhookCredentials';
import { closeCachedLedgers, ledgerFromOptions, embeddedLedgerPath } from '../../../nodes/shared/ledgerFor';
import type { Ledger } from '../../../nodes/ledger';
import { fourTouch } from '../../../shared/templates';
import { n8nParameterValue } from './n8nParameterValue';

export const FIXTURES = join(__dirname, '../../fixtures/telephony');
export const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
export const fixtureJson = <T = Record<string, unknown>>(name: string) => JSON.parse(fixture(name)) as T;

export const WEBHOOK_URL = 'https://n8n.example.com/webhook/abc/missed-call';
export const TWILIO_TOKEN = 'test-twilio-auth-token';

export interface FakeRequest {
  rawBody: string;
  headers?: Record<string, string>;
  /** path + query as the host received it */
  path?: string;
}

export interface FakeReply {
  /** 'n8n' when the node left the answer to n8n (sent after the execution is queued) */
  answeredBy?: 'n8n';
  status: number | null;
  headers: Record<string, string>;
  body: string | null;
}

export interface Harness {
  folder: string;
  ledger: () => Promise<Ledger>;
  call: (req: FakeRequest, params?: IDataObject) => Promise<{ result: IWebhookResponseData; reply: FakeReply }>;
  httpRequests: IDataObject[];
  cleanup: () => Promise<void>;
}

/**
 * A fake IWebhookFunctions around the real node: parameters (`=` values evaluated by n8n's own
 * expression engine, as its getNodeParameter does), credentials, request and response objects;
 * the embedded ledger lives in a fresh temp folder (N8N_USER_FOLDER).
 */
export interface HarnessOptions {
  /** the node's credential references (`node.credentials`), as n8n sets them when one is selected */
  nodeCredentials?: Record<string, { id: string; name: string }>;
  /** replaces the credential lookup (e.g. to count reads or fail like a busy database) */
  getCredentials?: (name: string) => Promise<IDataObject>;
  /**
   * how the host leaves the body: `read` (default) as n8n does for JSON/form/text/XML; `unread` with
   * n8n's `readRawBody()` to call (a v2 trigger and any other content type); `unreadable` when that read fails
   */
  body?: 'read' | 'unread' | 'unreadable';
  /** n8n 2.x's `getWebhookResourceUrl()`: the URL this delivery came to (the test URL while the editor listens); unset: the host lacks it */
  resourceUrl?: string;
  /** the trigger under test; default the Missed Call Trigger */
  node?: { webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> };
}

export function harness(base: IDataObject, creds: Record<string, IDataObject> = {}, http?: (o: IDataObject) => unknown, opts: HarnessOptions = {}): Harness {
  const folder = mkdtempSync(join(tmpdir(), 'mct-'));
  const env = { N8N_USER_FOLDER: folder };
  const httpRequests: IDataObject[] = [];
  const node = opts.node ?? new MissedCallTrigger();
  process.env.N8N_USER_FOLDER = folder;
  return {
    folder,
    httpRequests,
    ledger: () => ledgerFromOptions({ kind: 'embedded', path: embeddedLedgerPath(env), queueMode: false }),
    async call(req, params = {}) {
      const all: IDataObject = { ...base, ...params };
      const reply: FakeReply = { status: null, headers: {}, body: null };
      const res = {
        setHeader: (k: string, v: string) => void (reply.headers[k.toLowerCase()] = v),
        status(s: number) {
          reply.status = s;
          return res;
        },
        send(b: string) {
          reply.body = b;
          return res;
        },
        end: () => res,
      };
      const headers = Object.fromEntries(Object.entries(req.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
      const request: { rawBody?: Buffer; originalUrl: string; readRawBody?: () => Promise<void> } = { originalUrl: req.path ?? '/webhook/abc/missed-call' };
      if ((opts.body ?? 'read') === 'read') request.rawBody = Buffer.from(req.rawBody, 'utf8');
      else
        request.readRawBody = async () => {
          if (opts.body === 'unreadable') throw new Error('Request body stream was aborted mid-read or is not readable');
          request.rawBody = Buffer.from(req.rawBody, 'utf8');
        };
      const ctx = {
        getNodeParameter: (name: string, fallback?: unknown) => (name in all ? n8nParameterValue(all[name]) : fallback),
        getCredentials:
          opts.getCredentials ??
          (async (name: string) => {
            if (!creds[name]) throw new Error(`no credential ${name}`);
            return creds[name];
          }),
        getNode: () => ({
          id: 'node-1',
          name: 'Missed Call Trigger',
          type: 'n8n-nodes-missed-call.missedCallTrigger',
          typeVersion: 1,
          position: [0, 0],
          parameters: { ...all },
          ...(opts.nodeCredentials ? { credentials: opts.nodeCredentials } : {}),
        }),
        getWorkflow: () => ({ id: 'wf-1', name: 'test', active: true }),
        // n8n's default GENERIC_TIMEZONE
        getTimezone: () => 'America/New_York',
        getNodeWebhookUrl: () => WEBHOOK_URL,
        ...(opts.resourceUrl !== undefined ? { getWebhookResourceUrl: () => opts.resourceUrl } : {}),
        getRequestObject: () => request,
        getResponseObject: () => res,
        getHeaderData: () => headers,
        getQueryData: () => Object.fromEntries(new URLSearchParams(request.originalUrl.split('?')[1] ?? '')),
        getBodyData: () => ({}),
        helpers: {
          httpRequest: async (o: IDataObject) => {
            httpRequests.push(o);
            if (!http) throw new Error('no network in tests');
            return http(o);
          },
        },
        logger: { debug: () => undefined, warn: () => undefined },
      } as unknown as IWebhookFunctions;
      const result = await node.webhook.call(ctx);
      // what n8n 2.x does when webhook() leaves the answer to it (responseMode onReceived, responseData
      // noData): an empty 200 once the execution is queued (answeredBy tells the two apart)
      if (result.noWebhookResponse !== true && reply.status === null) Object.assign(reply, { status: 200, body: '', answeredBy: 'n8n' });
      return { result, reply };
    },
    async cleanup() {
      webhookCredentials.clear();
      await closeCachedLedgers();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** Default parameters: Twilio, the four-touch template pasted as JSON, at a fixed time. */
export const BASE_PARAMS: IDataObject = {
  provider: 'twilio',
  ledger: 'embedded',
  templateSource: 'json',
  templateJson: JSON.stringify(fourTouch),
  classes: ['missed', 'voicemail', 'abandoned'],
  settleSeconds: 90,
  filters: {},
  currentTime: '2027-03-10T15:00:00.000Z',
  twiml: '<?xml version="1.0" encoding="UTF-8"?><Response/>',
};

export const TWILIO_CREDS = { missedCallTwilioApi: { authType: 'authToken', accountSid: 'AC123', authToken: TWILIO_TOKEN } };

/** A form body and its real X-Twilio-Signature for WEBHOOK_URL (+ query). */
export function signedTwilio(params: Record<string, string>, token = TWILIO_TOKEN, query = '', url = WEBHOOK_URL): FakeRequest {
  const rawBody = new URLSearchParams(params).toString();
  let toSign = url + query;
  for (const k of Object.keys(params).sort()) toSign += k + params[k];
  const signature = createHmac('sha1', token).update(toSign, 'utf8').digest('base64');
  return {
    rawBody,
    path: `/webhook/abc/missed-call${query}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
  };
}

export const sha256Hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** Twilio <Dial action> of an inbound call (README §1.4 field set). */
export function dialAction(callSid: string, from: string, status = 'no-answer', extra: Record<string, string> = {}): Record<string, string> {
  return {
    AccountSid: 'AC123',
    ApiVersion: '2010-04-01',
    CallSid: callSid,
    CallStatus: 'in-progress',
    Direction: 'inbound',
    DialCallStatus: status,
    DialBridged: 'false',
    From: from,
    To: '+15125550142',
    ...extra,
  };
}

/** Twilio <Record action> of a voicemail on that call. */
export function recordAction(callSid: string, from: string, seconds = '14'): Record<string, string> {
  return {
    AccountSid: 'AC123',
    CallSid: callSid,
    CallStatus: 'in-progress',
    Direction: 'inbound',
    From: from,
    To: '+15125550142',
    RecordingUrl: 'https://api.twilio.com/2010-04-01/Accounts/AC123/Recordings/RE1',
    RecordingDuration: seconds,
    Digits: 'hangup',
  };
}

/** Twilio inbound parent call that never connected (final missed). */
export function parentNoAnswer(callSid: string, from: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    AccountSid: 'AC123',
    CallSid: callSid,
    CallStatus: 'no-answer',
    Direction: 'inbound',
    From: from,
    To: '+15125550142',
    CallbackSource: 'call-progress-events',
    SequenceNumber: '1',
    ...extra,
  };
}
