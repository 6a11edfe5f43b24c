/**
 * Dialpad emulator for tests: node:http on 127.0.0.1 (random port). Every request is checked
 * against the copied OpenAPI spec (SMS -- Send, Company -- Get): path, method, the API key (Bearer
 * or `apikey` query), parameters and the JSON body; a request the spec rejects gets a Dialpad-shaped
 * 400 and is recorded as a violation, so tests can assert there were none. What the spec only says
 * in words is checked too: a text needs a recipient (up to 10 E.164 numbers) and content, and the
 * sending number must be one of the company's. Accepted texts are stored and answered as SMSProto
 * (`message_status: pending`). Answers can be scripted: 429 with Retry-After, 5xx, a 400, or a 200
 * whose `message_status` is `failed`.
 */
import { readFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from './readBody';
import { OpenApiChecker, type SpecViolation } from './openApiCheck';

export type { SpecViolation } from './openApiCheck';

let checker: OpenApiChecker | undefined;
function specChecker(): OpenApiChecker {
  checker ??= new OpenApiChecker([JSON.parse(readFileSync(new URL('./dialpad-openapi/dialpad_api_v2.sms_company.json', import.meta.url), 'utf8'))]);
  return checker;
}

export type DialpadScriptedAnswer =
  | { kind: 'rate_limit'; retryAfterSeconds?: number }
  | { kind: 'server_error'; status?: number }
  | { kind: 'bad_request'; message: string }
  /** 200 with `message_status: failed` and this `message_delivery_result` (an SMSProto enum value) */
  | { kind: 'failed'; result: string };

export interface DialpadText {
  id: string;
  to: string[];
  from: string;
  text: string;
  /** epoch ms when the request reached the emulator */
  receivedAt: number;
}

export interface DialpadEmulator {
  url: string;
  /** the company API key; assign a new one to model a rotation (the old one is refused from then on) */
  apiKey: string;
  /** numbers of the company's users and groups: the only ones a text may come from */
  numbers: Set<string>;
  texts: DialpadText[];
  violations: SpecViolation[];
  requests: { method: string; path: string; status: number; body: unknown }[];
  /** answers the next spec-valid SMS sends with these, in order */
  script(...answers: DialpadScriptedAnswer[]): void;
  reset(): void;
  close(): Promise<void>;
}

const E164 = /^\+[1-9]\d{6,14}$/;

function dialpadError(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify({ error: { code: status, message, errors: [{ domain: 'global', reason: status === 401 ? 'unauthorized' : 'badRequest', message }] } }));
}

export async function startDialpadEmulator(o: { apiKey?: string; numbers?: string[] } = {}): Promise<DialpadEmulator> {
  const state: DialpadEmulator = {
    url: '',
    apiKey: o.apiKey ?? 'dialpad-test-api-key-0123456789',
    numbers: new Set(o.numbers ?? ['+15125550142']),
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
  const scripted: DialpadScriptedAnswer[] = [];
  let nextId = 4_500_000_000_000_000;

  const server = createServer((req, res) => {
    const receivedAt = Date.now();
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const method = req.method ?? 'GET';
      const raw = await readBody(req);
      const contentType = String(req.headers['content-type'] ?? '');
      let body: unknown;
      try {
        body = raw === '' ? undefined : (JSON.parse(raw) as unknown);
      } catch {
        body = raw;
      }
      const answer = (status: number) => state.requests.push({ method, path: url.pathname, status, body });
      const violate = (v: SpecViolation) => {
        state.violations.push(v);
        answer(400);
        dialpadError(res, 400, v.message);
      };

      const matched = specChecker().match(method, url.pathname);
      if ('rule' in matched) {
        state.violations.push(matched);
        answer(404);
        return dialpadError(res, 404, matched.message);
      }
      // security: a Bearer token or the apikey query parameter (the spec's two schemes)
      const bearer = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
      const key = bearer ?? url.searchParams.get('apikey');
      const query = new URLSearchParams(url.searchParams);
      query.delete('apikey');
      if (key !== state.apiKey) {
        answer(401);
        return dialpadError(res, 401, 'Invalid API key');
      }
      if (typeof body === 'string') return violate({ method, path: url.pathname, rule: 'content_type', message: 'the body is not JSON' });
      const violations = specChecker().checkJson(method, url.pathname, matched, query, contentType, body);
      if (violations.length > 0) {
        state.violations.push(...violations.slice(1));
        return violate(violations[0]!);
      }

      if (matched.op.specPath === '/api/v2/company') {
        answer(200);
        res.writeHead(200, { 'Content-Type': 'application/json' });
        return res.end(JSON.stringify({ id: '5000', name: 'Brightside Plumbing', domain: 'brightside.example', country: 'us', state: 'active', account_type: 'standard', office_count: '1' }));
      }

      // SMS -- Send: what the spec says in words
      const b = (body ?? {}) as { to_numbers?: string[] | null; channel_hashtag?: string | null; text?: string | null; media?: string | null; from_number?: string | null; user_id?: number | null };
      const semantic = (message: string) => violate({ method, path: url.pathname, rule: 'semantic', message });
      const to = b.to_numbers ?? [];
      if (to.length === 0 && !b.channel_hashtag) return semantic('provide either to_numbers or channel_hashtag as the recipient');
      if (to.length > 10) return semantic('to_numbers takes up to 10 numbers');
      const bad = to.find((n) => !E164.test(n));
      if (bad !== undefined) return semantic(`to_numbers: ${bad} is not E.164`);
      if (!b.text && !b.media) return semantic('provide either text or media as the content');
      if (!b.from_number && b.user_id == null) return semantic('no sender: give from_number or user_id');

      const next = scripted.shift();
      if (next?.kind === 'rate_limit') {
        answer(429);
        return dialpadError(res, 429, 'Rate limit exceeded', { 'Retry-After': String(next.retryAfterSeconds ?? 1) });
      }
      if (next?.kind === 'server_error') {
        answer(next.status ?? 500);
        return dialpadError(res, next.status ?? 500, 'Internal error');
      }
      if (next?.kind === 'bad_request') {
        answer(400);
        return dialpadError(res, 400, next.message);
      }
      if (b.from_number && !state.numbers.has(b.from_number)) {
        answer(400);
        return dialpadError(res, 400, `${b.from_number} is not assigned to a user or group of this company`);
      }
      const id = String(nextId++);
      const failed = next?.kind === 'failed' ? next.result : null;
      if (failed === null) state.texts.push({ id, to, from: b.from_number!, text: b.text ?? '', receivedAt });
      answer(200);
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          id,
          contact_id: '1000',
          created_date: new Date(receivedAt).toISOString().replace('Z', ''),
          device_type: 'public_api',
          direction: 'outbound',
          from_number: b.from_number,
          to_numbers: to,
          text: b.text ?? '',
          message_status: failed === null ? 'pending' : 'failed',
          ...(failed === null ? {} : { message_delivery_result: failed }),
          target_id: '2',
          target_type: 'user',
          user_id: '2',
        }),
      );
    })().catch((e: unknown) => {
      if (!res.headersSent) dialpadError(res, 500, e instanceof Error ? e.message : 'emulator error');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}
