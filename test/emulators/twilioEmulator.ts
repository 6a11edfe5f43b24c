/**
 * Twilio emulator for tests: node:http on 127.0.0.1 (random port). Every request is checked
 * against the copied OpenAPI specs (Messages create, Lookups v2 fetch) — path, method, basic
 * auth, parameters, form fields — and rejected with a Twilio-shaped 400 when the spec rejects
 * it; violations are recorded so tests can assert there were none. Accepted messages are
 * stored. Answers can be scripted with real Twilio error codes, 429 + Retry-After, or 500.
 * `deliver` posts a stored message's status callback the way Twilio does (signed, Basic Auth).
 */
import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from './readBody';
import { OpenApiChecker, type SpecViolation } from './openApiCheck';

export type { SpecViolation } from './openApiCheck';

const specFile = (name: string) => JSON.parse(readFileSync(new URL(`./twilio-openapi/${name}`, import.meta.url), 'utf8'));
let checker: OpenApiChecker | undefined;
function specChecker(): OpenApiChecker {
  checker ??= new OpenApiChecker([specFile('twilio_api_v2010.messages.json'), specFile('twilio_lookups_v2.phone_number.json')]);
  return checker;
}

/** Known Twilio error codes and their messages (https://www.twilio.com/docs/api/errors). */
export const TWILIO_ERRORS = {
  21211: "The 'To' number is not a valid phone number.",
  21610: 'Attempt to send to unsubscribed recipient',
  21614: "'To' number is not a valid mobile number",
  20003: 'Authenticate',
  20404: 'The requested resource was not found',
  20429: 'Too Many Requests',
  21602: 'Message body is required.',
  21606: "The 'From' phone number provided is not a valid message-capable Twilio phone number for this destination/account.",
  20500: 'Internal Server Error',
} as const;

export type ScriptedAnswer =
  | { kind: 'error'; code: keyof typeof TWILIO_ERRORS | number; status?: number }
  | { kind: 'rate_limit'; retryAfterSeconds?: number }
  | { kind: 'server_error'; status?: number };

export interface ReceivedMessage {
  sid: string;
  to: string;
  from: string | null;
  messagingServiceSid: string | null;
  body: string;
  statusCallback: string | null;
  /** epoch ms when the request reached the emulator (its headers), before its body was read and checked */
  receivedAt: number;
}

export interface EmulatorRequest {
  method: string;
  path: string;
  status: number;
  at: number;
  /** form fields (Body included) */
  form: Record<string, string>;
}

export interface TwilioEmulator {
  url: string;
  accountSid: string;
  /** the account's auth token; assign a new one to model a rotation (the old one is refused from then on) */
  authToken: string;
  /** accepted messages, in order */
  messages: ReceivedMessage[];
  /** requests the spec (or auth) rejected */
  violations: SpecViolation[];
  requests: EmulatorRequest[];
  /** answers the next spec-valid message create requests with these, in order */
  script(...answers: ScriptedAnswer[]): void;
  /** answers every message create to `to` with this (e.g. 21610 for an unsubscribed number) */
  scriptFor(to: string, answer: ScriptedAnswer): void;
  /** line type per number for Lookups (default mobile) */
  lineTypes: Map<string, string>;
  /**
   * Posts Twilio's SMS status callback for the accepted message `sid` to its StatusCallback URL, as
   * Twilio does: the form (MessageSid, SmsSid, MessageStatus, SmsStatus, ErrorCode when given, To,
   * From or MessagingServiceSid, AccountSid, ApiVersion), signed with X-Twilio-Signature (the account's
   * auth token; the URL signed without its `user:password@`), and Basic Auth from that userinfo, which
   * is stripped from the URL posted to. Resolves to the HTTP status the callback got.
   */
  deliver(sid: string, status: string, o?: { errorCode?: number | string }): Promise<number>;
  reset(): void;
  close(): Promise<void>;
}

const hex = (n: number) => randomBytes(n).toString('hex');
const sidOf = (prefix: string) => prefix + hex(16);

function twilioError(res: ServerResponse, status: number, code: number, message: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }));
}

/** X-Twilio-Signature: base64 HMAC-SHA1, keyed with the auth token, of the URL then each form field's name and value sorted by name. */
export function twilioRequestSignature(authToken: string, url: string, form: Record<string, string>): string {
  const signed = Object.keys(form)
    .sort()
    .reduce((acc, k) => acc + k + form[k], url);
  return createHmac('sha1', authToken).update(signed, 'utf8').digest('base64');
}

/** POSTs `form` to `callback` as Twilio does (see TwilioEmulator.deliver); resolves to the answer's status. */
async function postStatusCallback(callback: string, form: Record<string, string>, authToken: string): Promise<number> {
  const u = new URL(callback);
  const user = decodeURIComponent(u.username);
  const pass = decodeURIComponent(u.password);
  u.username = '';
  u.password = '';
  const url = u.toString();
  const headers: Record<string, string> = {
    'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8',
    'User-Agent': 'TwilioProxy/1.1',
    'X-Twilio-Signature': twilioRequestSignature(authToken, url, form),
  };
  if (user !== '' || pass !== '') headers.Authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
  const res = await fetch(url, { method: 'POST', headers, body: new URLSearchParams(form).toString(), redirect: 'manual' });
  await res.arrayBuffer();
  return res.status;
}

/**
 * Starts the emulator. API keys (SK… + secret) are accepted as basic-auth users as well.
 * @example
 * const tw = await startTwilioEmulator();
 * // credential: { accountSid: tw.accountSid, authToken: tw.authToken, baseUrl: tw.url }
 * tw.script({ kind: 'rate_limit', retryAfterSeconds: 1 });
 */
export async function startTwilioEmulator(opts: { accountSid?: string; authToken?: string; apiKeys?: { sid: string; secret: string }[] } = {}): Promise<TwilioEmulator> {
  const accountSid = opts.accountSid ?? sidOf('AC');
  const authToken = opts.authToken ?? hex(16);
  const keys = new Map((opts.apiKeys ?? []).map((k) => [k.sid, k.secret]));
  const queue: ScriptedAnswer[] = [];
  const perNumber = new Map<string, ScriptedAnswer>();
  const emu: TwilioEmulator = {
    url: '',
    accountSid,
    authToken,
    messages: [],
    violations: [],
    requests: [],
    lineTypes: new Map(),
    script: (...a) => void queue.push(...a),
    scriptFor: (to, a) => void perNumber.set(to, a),
    reset() {
      emu.messages.length = 0;
      emu.violations.length = 0;
      emu.requests.length = 0;
      queue.length = 0;
      perNumber.clear();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    deliver: async (sid, status, o = {}) => {
      const msg = emu.messages.find((m) => m.sid === sid);
      if (!msg) throw new Error(`no accepted message ${sid}`);
      if (!msg.statusCallback) throw new Error(`message ${sid} asked for no status callback`);
      const form: Record<string, string> = { MessageSid: sid, SmsSid: sid, MessageStatus: status, SmsStatus: status };
      if (o.errorCode !== undefined) form.ErrorCode = String(o.errorCode);
      form.To = msg.to;
      if (msg.from !== null) form.From = msg.from;
      if (msg.messagingServiceSid !== null) form.MessagingServiceSid = msg.messagingServiceSid;
      form.AccountSid = accountSid;
      form.ApiVersion = '2010-04-01';
      return postStatusCallback(msg.statusCallback, form, emu.authToken);
    },
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    // when the request reached the emulator (its headers), before the body is read and checked
    const arrivedAt = Date.now();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const raw = await readBody(req);
    const contentType = String(req.headers['content-type'] ?? '');
    const form = raw ? new URLSearchParams(raw) : null;
    const log = (status: number) =>
      emu.requests.push({ method, path: url.pathname, status, at: Date.now(), form: Object.fromEntries(form ?? []) });
    const reject = (v: SpecViolation[], status = 400, code = 21200) => {
      emu.violations.push(...v);
      log(status);
      twilioError(res, status, code, v.map((x) => x.message).join('; '));
    };

    // authentication (the specs' only scheme is HTTP basic)
    const auth = /^Basic (.+)$/i.exec(String(req.headers.authorization ?? ''));
    const [user, pass] = auth ? Buffer.from(auth[1]!, 'base64').toString('utf8').split(/:(.*)/s) : [];
    const authOk = (user === accountSid && pass === emu.authToken) || (user !== undefined && keys.has(user) && keys.get(user) === pass);
    if (!authOk) return reject([{ method, path: url.pathname, rule: 'auth', message: auth ? 'credentials do not match' : 'basic auth missing' }], 401, 20003);

    const matched = specChecker().match(method, url.pathname);
    if ('rule' in matched) return reject([matched], matched.rule === 'unknown_path' ? 404 : 405, 20404);
    const violations = specChecker().check(method, url.pathname, matched, url.searchParams, contentType, form);
    if (matched.op.pathParams.AccountSid !== undefined && matched.op.pathParams.AccountSid !== accountSid) {
      violations.push({ method, path: url.pathname, rule: 'auth', message: 'AccountSid in the path is not the authenticated account' });
    }

    if (matched.op.specPath.endsWith('/Messages.json')) {
      // Twilio's own rules on top of the schema (on a form body)
      const isForm = !violations.some((x) => x.rule === 'content_type');
      if (isForm && form && !form.get('Body') && !form.get('MediaUrl') && !form.get('ContentSid')) {
        violations.push({ method, path: url.pathname, rule: 'semantic', field: 'Body', message: TWILIO_ERRORS[21602] });
      }
      if (isForm && form && !form.get('From') && !form.get('MessagingServiceSid')) {
        violations.push({ method, path: url.pathname, rule: 'semantic', field: 'From', message: 'A From number or MessagingServiceSid is required.' });
      }
      if (violations.length) return reject(violations);
      const to = form!.get('To')!;
      const answer = perNumber.get(to) ?? queue.shift();
      if (answer) {
        if (answer.kind === 'rate_limit') {
          log(429);
          return twilioError(res, 429, 20429, TWILIO_ERRORS[20429], answer.retryAfterSeconds !== undefined ? { 'Retry-After': String(answer.retryAfterSeconds) } : {});
        }
        if (answer.kind === 'server_error') {
          log(answer.status ?? 500);
          return twilioError(res, answer.status ?? 500, 20500, TWILIO_ERRORS[20500]);
        }
        log(answer.status ?? 400);
        return twilioError(res, answer.status ?? 400, answer.code, (TWILIO_ERRORS as Record<number, string>)[answer.code] ?? 'Error');
      }
      const now = Date.now();
      const msg: ReceivedMessage = {
        sid: sidOf('SM'),
        to,
        from: form!.get('From'),
        messagingServiceSid: form!.get('MessagingServiceSid'),
        body: form!.get('Body') ?? '',
        statusCallback: form!.get('StatusCallback'),
        receivedAt: arrivedAt,
      };
      emu.messages.push(msg);
      log(201);
      res.writeHead(201, { 'Content-Type': 'application/json' });
      const date = new Date(now).toUTCString().replace('GMT', '+0000');
      return res.end(
        JSON.stringify({
          account_sid: accountSid,
          api_version: '2010-04-01',
          body: msg.body,
          date_created: date,
          date_sent: null,
          date_updated: date,
          direction: 'outbound-api',
          error_code: null,
          error_message: null,
          from: msg.from,
          messaging_service_sid: msg.messagingServiceSid,
          num_media: '0',
          num_segments: '1',
          price: null,
          price_unit: null,
          sid: msg.sid,
          status: msg.messagingServiceSid ? 'accepted' : 'queued',
          subresource_uris: { media: `/2010-04-01/Accounts/${accountSid}/Messages/${msg.sid}/Media.json` },
          to,
          uri: `/2010-04-01/Accounts/${accountSid}/Messages/${msg.sid}.json`,
        }),
      );
    }

    // Lookups v2 PhoneNumber fetch
    if (violations.length) return reject(violations);
    const phone = matched.op.pathParams.PhoneNumber!;
    const valid = /^\+[1-9]\d{6,14}$/.test(phone);
    const fields = (url.searchParams.get('Fields') ?? '').split(',').map((f) => f.trim());
    log(200);
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(
      JSON.stringify({
        calling_country_code: valid && phone.startsWith('+1') ? '1' : null,
        country_code: valid && phone.startsWith('+1') ? 'US' : null,
        phone_number: phone,
        national_format: null,
        valid,
        validation_errors: valid ? [] : ['INVALID_FORMAT'],
        caller_name: null,
        sim_swap: null,
        call_forwarding: null,
        line_type_intelligence: fields.includes('line_type_intelligence')
          ? { type: emu.lineTypes.get(phone) ?? 'mobile', carrier_name: null, mobile_country_code: null, mobile_network_code: null, error_code: null }
          : null,
        line_status: null,
        identity_match: null,
        reassigned_number: null,
        sms_pumping_risk: null,
        phone_number_quality_score: null,
        pre_fill: null,
        url: `https://lookups.twilio.com/v2/PhoneNumbers/${encodeURIComponent(phone)}`,
      }),
    );
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ code: 20500, message: e instanceof Error ? e.message : 'emulator error', status: 500 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  emu.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return emu;
}
