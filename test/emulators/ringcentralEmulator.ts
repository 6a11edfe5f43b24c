/**
 * RingCentral emulator for tests: node:http on 127.0.0.1 (random port). Every request is checked
 * against the copied API spec (RingCentral.Net's MIT copy, Swagger 2.0, version 1.0.39: the OAuth
 * token endpoint and Send SMS): path, method, parameters and the form or JSON body; a request the
 * spec rejects gets a RingCentral-shaped 400 and is recorded as a violation, so tests can assert
 * there were none. One allowance: that version's `grant_type` enum predates the JWT grant
 * (`urn:ietf:params:oauth:grant-type:jwt-bearer`, RingCentral's JWT auth flow, listed in its current
 * spec), so that value is accepted beside the enum; every other field is checked as written. The JWT flow is modelled: the app's client id
 * and secret as Basic auth, the user's JWT as the assertion, access tokens that expire or can be
 * revoked (the SMS endpoint answers 401 to any other). What the spec only says in words is checked
 * too: a text goes from one of the user's SMS numbers to one E.164 number. Accepted texts are stored
 * and answered as a message record (`messageStatus: Queued`). SMS answers can be scripted: 429 with
 * Retry-After, 5xx, an error with an `errorCode`, or a record whose status is `SendingFailed`.
 */
import { readFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from './readBody';
import { OpenApiChecker, type SpecViolation } from './openApiCheck';

export type { SpecViolation } from './openApiCheck';

let checker: OpenApiChecker | undefined;
function specChecker(): OpenApiChecker {
  checker ??= new OpenApiChecker([JSON.parse(readFileSync(new URL('./ringcentral-openapi/ringcentral_sms_token.json', import.meta.url), 'utf8'))]);
  return checker;
}

const TOKEN_PATH = '/restapi/oauth/token';
const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

export type RingCentralScriptedAnswer =
  | { kind: 'rate_limit'; retryAfterSeconds?: number }
  | { kind: 'server_error'; status?: number }
  | { kind: 'error'; status: number; errorCode: string; message: string }
  /** 200 with this `messageStatus` (e.g. SendingFailed) and `deliveryErrorCode` */
  | { kind: 'failed'; status: string; deliveryErrorCode?: string };

export interface RingCentralText {
  id: string;
  to: string[];
  from: string;
  text: string;
  /** epoch ms when the request reached the emulator */
  receivedAt: number;
}

export interface RingCentralEmulator {
  url: string;
  clientId: string;
  /** assign new values to model a rotation (the old ones are refused from then on) */
  clientSecret: string;
  jwt: string;
  /** seconds an access token lives (RingCentral: 3600) */
  tokenLifetimeSeconds: number;
  /** the JWT user's SMS-enabled numbers: the only ones a text may come from */
  numbers: Set<string>;
  texts: RingCentralText[];
  violations: SpecViolation[];
  requests: { method: string; path: string; status: number; body: unknown }[];
  /** access tokens issued, in order */
  tokensIssued: string[];
  /** every access token issued so far stops working (as after a revocation) */
  revokeTokens(): void;
  /** answers the next spec-valid SMS sends with these, in order */
  script(...answers: RingCentralScriptedAnswer[]): void;
  reset(): void;
  close(): Promise<void>;
}

const E164 = /^\+[1-9]\d{6,14}$/;

/** RingCentral's REST error body: `errorCode`, `message` and `errors[]`. */
function apiError(res: ServerResponse, status: number, errorCode: string, message: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify({ errorCode, message, errors: [{ errorCode, message }] }));
}

/** RFC 6749's error body, as RingCentral's token endpoint answers it. */
function oauthError(res: ServerResponse, status: number, error: string, description: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ error, error_description: description, errors: [{ errorCode: status === 401 ? 'OAU-123' : 'OAU-213', message: description }] }));
}

export async function startRingCentralEmulator(o: { numbers?: string[] } = {}): Promise<RingCentralEmulator> {
  const live = new Map<string, number>();
  const state: RingCentralEmulator = {
    url: '',
    clientId: 'rc-test-client-id-0123',
    clientSecret: 'rc-test-client-secret-4567',
    jwt: 'eyJraWQiOiJ0ZXN0In0.eyJzdWIiOiI2MjAwMDAwMDAwMSJ9.rc-test-jwt-signature',
    tokenLifetimeSeconds: 3600,
    numbers: new Set(o.numbers ?? ['+15125550142']),
    texts: [],
    violations: [],
    requests: [],
    tokensIssued: [],
    revokeTokens: () => live.clear(),
    script: (...answers) => void scripted.push(...answers),
    reset() {
      state.texts.length = 0;
      state.violations.length = 0;
      state.requests.length = 0;
      state.tokensIssued.length = 0;
      scripted.length = 0;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const scripted: RingCentralScriptedAnswer[] = [];
  let nextId = 3_100_000_001;
  let nextToken = 1;

  const server = createServer((req, res) => {
    const receivedAt = Date.now();
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const method = req.method ?? 'GET';
      const raw = await readBody(req);
      const contentType = String(req.headers['content-type'] ?? '');
      const isForm = contentType.startsWith('application/x-www-form-urlencoded');
      let body: unknown = raw;
      if (!isForm && raw !== '') {
        try {
          body = JSON.parse(raw) as unknown;
        } catch {
          body = raw;
        }
      }
      const answer = (status: number) => state.requests.push({ method, path: url.pathname, status, body: isForm ? Object.fromEntries(new URLSearchParams(raw)) : body });
      const violate = (v: SpecViolation) => {
        state.violations.push(v);
        answer(400);
        apiError(res, 400, 'CMN-101', v.message);
      };

      const matched = specChecker().match(method, url.pathname);
      if ('rule' in matched) {
        state.violations.push(matched);
        answer(404);
        return apiError(res, 404, 'CMN-102', matched.message);
      }

      if (matched.op.specPath === TOKEN_PATH) {
        // the app authenticates with its client id and secret (HTTP Basic)
        const basic = /^Basic (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
        const [id, secret] = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':') : [];
        if (id !== state.clientId || secret !== state.clientSecret) {
          answer(401);
          return oauthError(res, 401, 'invalid_client', 'Invalid client: the client id or secret is wrong');
        }
        if (!isForm) return violate({ method, path: url.pathname, rule: 'content_type', message: 'the token request must be form-encoded' });
        const form = new URLSearchParams(raw);
        const checked = new URLSearchParams(form);
        if (checked.get('grant_type') === JWT_GRANT) checked.delete('grant_type'); // the allowance above
        const violations = specChecker().check(method, url.pathname, matched, url.searchParams, contentType, checked);
        if (violations.length > 0) {
          state.violations.push(...violations.slice(1));
          return violate(violations[0]!);
        }
        if (form.get('grant_type') !== JWT_GRANT) return violate({ method, path: url.pathname, rule: 'semantic', message: `this app may only use the JWT grant, not ${form.get('grant_type')}` });
        if (form.get('assertion') !== state.jwt) {
          answer(400);
          return oauthError(res, 400, 'invalid_grant', 'Invalid token: the JWT is unknown, expired or revoked');
        }
        const token = `rc-access-${nextToken++}-${Math.random().toString(36).slice(2)}`;
        live.set(token, receivedAt + state.tokenLifetimeSeconds * 1000);
        state.tokensIssued.push(token);
        answer(200);
        res.writeHead(200, { 'Content-Type': 'application/json' });
        return res.end(
          JSON.stringify({
            access_token: token,
            token_type: 'bearer',
            expires_in: state.tokenLifetimeSeconds,
            scope: 'SMS',
            owner_id: '62000000001',
            endpoint_id: 'emulator-endpoint',
          }),
        );
      }

      // Send SMS: a live access token of the JWT's user
      const bearer = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
      const until = bearer ? live.get(bearer) : undefined;
      if (until === undefined || until <= receivedAt) {
        answer(401);
        return apiError(res, 401, 'TokenInvalid', until === undefined ? 'Token not found' : 'Token expired');
      }
      if (typeof body === 'string') return violate({ method, path: url.pathname, rule: 'content_type', message: 'the body is not JSON' });
      const violations = specChecker().checkJson(method, url.pathname, matched, url.searchParams, contentType, body);
      if (violations.length > 0) {
        state.violations.push(...violations.slice(1));
        return violate(violations[0]!);
      }
      const b = (body ?? {}) as { from?: { phoneNumber?: string }; to?: { phoneNumber?: string }[]; text?: string };
      const semantic = (message: string) => violate({ method, path: url.pathname, rule: 'semantic', message });
      const to = (b.to ?? []).map((x) => x.phoneNumber ?? '');
      if (to.length !== 1) return semantic('a text goes to one number');
      const bad = to.find((n) => !E164.test(n));
      if (bad !== undefined) return semantic(`to: ${bad} is not E.164`);
      if (!b.text) return semantic('the text is empty');
      const from = b.from?.phoneNumber ?? '';

      const next = scripted.shift();
      if (next?.kind === 'rate_limit') {
        answer(429);
        return apiError(res, 429, 'CMN-301', 'Request rate exceeded', { 'Retry-After': String(next.retryAfterSeconds ?? 1) });
      }
      if (next?.kind === 'server_error') {
        answer(next.status ?? 503);
        return apiError(res, next.status ?? 503, 'CMN-211', 'Service temporary unavailable');
      }
      if (next?.kind === 'error') {
        answer(next.status);
        return apiError(res, next.status, next.errorCode, next.message);
      }
      if (!state.numbers.has(from)) {
        answer(400);
        return apiError(res, 400, 'CMN-101', 'Parameter [from.phoneNumber] value is invalid');
      }
      const id = String(nextId++);
      const failed = next?.kind === 'failed' ? next : null;
      if (failed === null) state.texts.push({ id, to, from, text: b.text, receivedAt });
      answer(200);
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          uri: `${state.url}/restapi/v1.0/account/62000000000/extension/62000000001/message-store/${id}`,
          id: Number(id),
          to: to.map((phoneNumber) => ({ phoneNumber })),
          from: { phoneNumber: from },
          type: 'SMS',
          creationTime: new Date(receivedAt).toISOString(),
          readStatus: 'Read',
          priority: 'Normal',
          direction: 'Outbound',
          availability: 'Alive',
          subject: b.text,
          messageStatus: failed === null ? 'Queued' : failed.status,
          ...(failed?.deliveryErrorCode ? { deliveryErrorCode: failed.deliveryErrorCode } : {}),
          conversationId: 7_000_000_000 + Number(id) % 1000,
          lastModifiedTime: new Date(receivedAt).toISOString(),
        }),
      );
    })().catch((e: unknown) => {
      if (!res.headersSent) apiError(res, 500, 'CMN-500', e instanceof Error ? e.message : 'emulator error');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}
