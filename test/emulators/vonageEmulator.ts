/**
 * Vonage emulator for tests: node:http on 127.0.0.1 (random port), serving the SMS API
 * (`POST /sms/json`) and the Account API's balance (`GET /account/get-balance`, the credential's
 * Test). Every request is checked against the copied specs (Nexmo/api-specification, MIT): path,
 * method, parameters and the form body; a request the spec rejects is recorded as a violation and
 * answered as the SMS API answers bad parameters (status `3`), so tests can assert there were none.
 * What the specs say in words is checked too: the API key and secret (status `4`), a sender that is
 * one of the account's numbers (status `15`), and a `unicode` type for text outside GSM-7. Accepted
 * texts are stored, one message part per SMS segment, each with its id. Answers can be scripted:
 * another status code (`1` throttled, `6` invalid message, `7` barred…) or an HTTP 5xx.
 */
import { readFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { smsEncoding } from '../../shared/template/smsEncoding';
import { readBody } from './readBody';
import { OpenApiChecker, type SpecViolation } from './openApiCheck';

export type { SpecViolation } from './openApiCheck';

let checkers: { sms: OpenApiChecker; account: OpenApiChecker } | undefined;
function specCheckers() {
  const load = (file: string) => new OpenApiChecker([JSON.parse(readFileSync(new URL(`./vonage-openapi/${file}`, import.meta.url), 'utf8'))]);
  checkers ??= { sms: load('vonage_sms.json'), account: load('vonage_account_balance.json') };
  return checkers;
}

export type VonageScriptedAnswer =
  /** the SMS API's status code for the message (see its `x-errors`), with its error text */
  | { kind: 'status'; status: string; errorText?: string }
  | { kind: 'server_error'; status?: number };

export interface VonageText {
  /** the first part's message id */
  id: string;
  to: string;
  from: string;
  text: string;
  type: string;
  clientRef: string | null;
  /** the delivery receipt URL the request named */
  callback: string | null;
  parts: number;
  /** epoch ms when the request reached the emulator */
  receivedAt: number;
}

export interface VonageEmulator {
  url: string;
  apiKey: string;
  /** assign a new one to model a rotation (the old one is refused from then on) */
  apiSecret: string;
  /** the account's numbers (E.164 without `+`, as the API takes them): the only senders */
  numbers: Set<string>;
  texts: VonageText[];
  violations: SpecViolation[];
  requests: { method: string; path: string; status: number; body: Record<string, string> }[];
  /** answers the next spec-valid SMS sends with these, in order */
  script(...answers: VonageScriptedAnswer[]): void;
  reset(): void;
  close(): Promise<void>;
}

const ERROR_TEXT: Record<string, string> = {
  '1': 'Throughput Rate Exceeded - please wait [ 1000 ] and retry',
  '3': 'Invalid Parameters',
  '4': 'Bad Credentials',
  '5': 'Internal Error',
  '6': 'Invalid Message',
  '7': 'Number barred.',
  '15': 'Illegal Sender Address - rejected',
  '33': 'Number De-activated',
};

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

export async function startVonageEmulator(o: { numbers?: string[] } = {}): Promise<VonageEmulator> {
  const state: VonageEmulator = {
    url: '',
    apiKey: 'abcd1234',
    apiSecret: 'Vonage0123456789',
    numbers: new Set((o.numbers ?? ['+15125550142']).map((n) => n.replace(/^\+/, ''))),
    texts: [],
    violations: [],
    requests: [],
    script: (...answers) => void scripted.push(...answers),
    reset() {
      state.texts.length = 0;
      state.violations.length = 0;
      state.requests.length = 0;
      scripted.length = 0;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const scripted: VonageScriptedAnswer[] = [];
  let nextId = 0x1a0000000000;

  const server = createServer((req, res) => {
    const receivedAt = Date.now();
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const method = req.method ?? 'GET';
      const raw = await readBody(req);
      const contentType = String(req.headers['content-type'] ?? '');
      const form = new URLSearchParams(raw);
      const fields = Object.fromEntries(form);
      const answer = (status: number) => state.requests.push({ method, path: url.pathname, status, body: fields });
      const statusAnswer = (code: string, text = ERROR_TEXT[code] ?? `status ${code}`) => {
        answer(200);
        json(res, 200, { 'message-count': '1', messages: [{ status: code, 'error-text': text }] });
      };

      // the SMS API's server is https://rest.nexmo.com/sms (its path /{format}); the balance's path is /account/get-balance
      const [api, checker, path] = url.pathname.startsWith('/account/')
        ? (['account', specCheckers().account, url.pathname] as const)
        : url.pathname.startsWith('/sms/')
          ? (['sms', specCheckers().sms, url.pathname.slice('/sms'.length)] as const)
          : (['none', null, url.pathname] as const);
      const matched = checker?.match(method, path) ?? { method, path: url.pathname, rule: 'unknown_path' as const, message: `no spec path matches ${url.pathname}` };
      if ('rule' in matched) {
        state.violations.push(matched);
        answer(404);
        return json(res, 404, { type: 'https://developer.nexmo.com/api-errors#not-found', title: 'Not found' });
      }

      if (api === 'account') {
        const violations = checker!.check(method, path, matched, url.searchParams, contentType, null);
        if (violations.length > 0) {
          state.violations.push(...violations);
          answer(400);
          return json(res, 400, { 'error-code': '400', 'error-code-label': violations[0]!.message });
        }
        if (url.searchParams.get('api_key') !== state.apiKey || url.searchParams.get('api_secret') !== state.apiSecret) {
          answer(401);
          return json(res, 401, { 'error-code': '401', 'error-code-label': 'authentication failed' });
        }
        answer(200);
        return json(res, 200, { value: 10.28, autoReload: false });
      }

      const violations = checker!.check(method, path, matched, url.searchParams, contentType, form);
      if (violations.length > 0) {
        state.violations.push(...violations);
        return statusAnswer('3', violations[0]!.message);
      }
      if (fields.api_key !== state.apiKey || fields.api_secret !== state.apiSecret) return statusAnswer('4');
      const semantic = (message: string) => {
        state.violations.push({ method, path: url.pathname, rule: 'semantic', message });
        return statusAnswer('3', message);
      };
      if (!fields.text) return semantic('text is empty');
      const encoding = smsEncoding(fields.text);
      if (encoding.encoding === 'UCS-2' && fields.type !== 'unicode') return semantic(`text outside GSM-7 (${encoding.nonGsm.join('')}) must be sent as type unicode`);

      const next = scripted.shift();
      if (next?.kind === 'server_error') {
        answer(next.status ?? 500);
        return json(res, next.status ?? 500, { type: 'https://developer.nexmo.com/api-errors#internal', title: 'Internal Error' });
      }
      if (next?.kind === 'status') return statusAnswer(next.status, next.errorText);
      if (!state.numbers.has(fields.from ?? '')) return statusAnswer('15');

      const ids = Array.from({ length: encoding.segments }, () => (nextId++).toString(16).toUpperCase().padStart(16, '0'));
      state.texts.push({ id: ids[0]!, to: fields.to!, from: fields.from!, text: fields.text, type: fields.type ?? 'text', clientRef: fields['client-ref'] ?? null, callback: fields.callback ?? null, parts: ids.length, receivedAt });
      answer(200);
      json(res, 200, {
        'message-count': String(ids.length),
        messages: ids.map((id) => ({ to: fields.to, 'message-id': id, status: '0', 'remaining-balance': '10.28000000', 'message-price': '0.00570000', network: '310260' })),
      });
    })().catch((e: unknown) => {
      if (!res.headersSent) json(res, 500, { title: e instanceof Error ? e.message : 'emulator error' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}
