/**
 * Fuzz targets shared by the CI fuzz tests (test/fuzz/*.fuzz.test.ts, a few thousand inputs) and
 * `bench/fuzz.bench.ts` (≥ 100 000 per target). No vitest here: each target is an arbitrary of
 * hostile inputs plus a `run` that returns a short outcome label or throws a FuzzFailure when the
 * code under test misbehaves (an error that is not the documented one, a broken guarantee).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { classifyInbound } from '../../shared/optout';
import { PROVIDERS, type Provider } from '../../shared/schema/callEvent';
import { classifyWebhook, WebhookParseError, type GenericMapping } from '../../shared/telephony';
import { renderTemplate, KNOWN_PLACEHOLDERS } from '../../shared/template';

export class FuzzFailure extends Error {}

const FIXTURES = join(__dirname, '../fixtures/telephony');

/** Generic provider mapping used by the fuzzers (the trigger's documented example). */
export const GENERIC_MAPPING: GenericMapping = {
  callId: 'call.id',
  from: 'call.from',
  to: 'call.to',
  status: 'call.status',
  direction: 'call.direction',
  ringSeconds: 'call.ring_seconds',
  statusMap: { missed: 'missed', voicemail: 'voicemail', abandoned: 'abandoned', answered: 'not_missed' },
} as unknown as GenericMapping;

const GENERIC_SAMPLE = { call: { id: 'G1', from: '+13055550123', to: '+15125550142', status: 'missed', direction: 'inbound', ring_seconds: 20 } };

/** Real deliveries per provider (fixtures), the seeds the structured mutations start from. */
export function seedBodies(provider: Provider): { body: string; contentType: string }[] {
  if (provider === 'generic') return [{ body: JSON.stringify(GENERIC_SAMPLE), contentType: 'application/json' }];
  const prefix = provider === 'zoom' ? 'zoom-' : `${provider}-`;
  const out: { body: string; contentType: string }[] = [];
  for (const f of readdirSync(FIXTURES).sort()) {
    if (!f.startsWith(prefix) || f.includes('vector') || f.includes('handshake')) continue;
    const text = readFileSync(join(FIXTURES, f), 'utf8');
    if (f.endsWith('.json')) out.push({ body: text, contentType: 'application/json' });
    else if (f.endsWith('.jwt.txt')) out.push({ body: text.trim(), contentType: 'application/jwt' });
    else if (f.endsWith('.txt') && provider === 'twilio') {
      // the fixture holds an HTTP request: keep the form body line
      const form = text.split(/\r?\n/).find((l) => /^[A-Za-z]+=/.test(l) && l.includes('&'));
      if (form) out.push({ body: form.trim(), contentType: 'application/x-www-form-urlencoded' });
    }
  }
  return out;
}

// ── hostile values ────────────────────────────────────────────────────────────────────────────

const CONTROL = fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)), maxLength: 40 });
const PLACEHOLDERS = fc.constantFrom(
  '{{businessName}}',
  '{{ callerName | {{agentName}} }}',
  '\\{{callerName}}',
  '{{',
  '}}',
  '{{{{}}}}',
  '{{__proto__}}',
  '{{constructor}}',
  '${process.env.HOME}',
  '={{ $json.x }}',
  '<script>alert(1)</script>',
);
const PERCENT = fc.constantFrom('%', '%%', '%E0%A4%A', '%FF', '%C0%AF', '%00', '+%2B+', '%ZZ', '%u0041');
const NUMBERS = fc.constantFrom('+13055550123', '3055550123', '+1 (305) 555-0123', 'anonymous', 'restricted', '+999999999999999999', '00', '');
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  CONTROL,
  PLACEHOLDERS,
  PERCENT,
  NUMBERS,
  fc.constantFrom('STOP', 'stop all', 'Unsubscribe', 'YES', 'START', 'HELP', 'Out of office until Jan 5', 'arrêtez', 'ＳＴＯＰ', 'S\u200bTOP'),
  fc.constantFrom('x'.repeat(10_000), '{{'.repeat(5_000), 'STOP '.repeat(2_000), '\u0000'.repeat(10_000), 'é'.repeat(10_000)),
);

/** Any JSON-ish value, wrong types included. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileText,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(9007199254740993, -0, 1e308, Number.MAX_SAFE_INTEGER),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

// ── structured mutations of real payloads ─────────────────────────────────────────────────────

function paths(v: unknown, prefix: string[] = [], out: string[][] = []): string[][] {
  if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      out.push([...prefix, k]);
      paths(x, [...prefix, k], out);
    }
  }
  return out;
}

function setPath(root: Record<string, unknown>, path: string[], value: unknown, remove: boolean): void {
  let o: Record<string, unknown> = root;
  for (const k of path.slice(0, -1)) {
    const next = o[k];
    if (next === null || typeof next !== 'object') return;
    o = next as Record<string, unknown>;
  }
  const last = path[path.length - 1]!;
  if (remove) delete o[last];
  else o[last] = value;
}

function formEncode(o: Record<string, unknown>): string {
  return Object.entries(o)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v) ?? '')}`)
    .join('&');
}

function parseSeed(s: { body: string; contentType: string }): Record<string, unknown> | null {
  try {
    if (s.contentType.includes('json')) return JSON.parse(s.body) as Record<string, unknown>;
    if (s.contentType.includes('form')) return Object.fromEntries(new URLSearchParams(s.body));
    if (s.contentType.includes('jwt')) return JSON.parse(Buffer.from(s.body.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
  return null;
}

const b64url = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
export const fakeJwt = (payload: string) => `${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url(payload)}.c2ln`;

/** A real payload of the provider with some fields replaced by hostile values or removed. */
export function mutatedBody(provider: Provider): fc.Arbitrary<{ body: string; contentType: string }> {
  const seeds = seedBodies(provider).map((s) => ({ s, obj: parseSeed(s) })).filter((x) => x.obj !== null);
  if (seeds.length === 0) throw new Error(`no seed bodies for ${provider}`);
  return fc
    .record({
      i: fc.nat(seeds.length - 1),
      edits: fc.array(fc.record({ at: fc.nat(), value: hostileValue, remove: fc.boolean() }), { minLength: 1, maxLength: 6 }),
      contentType: fc.option(fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'text/plain', 'application/jwt', ''), { freq: 4 }),
    })
    .map(({ i, edits, contentType }) => {
      const { s, obj } = seeds[i]!;
      const copy = structuredClone(obj!) as Record<string, unknown>;
      const all = paths(copy);
      for (const e of edits) if (all.length > 0) setPath(copy, all[e.at % all.length]!, e.value, e.remove);
      const json = JSON.stringify(copy);
      const body = s.contentType.includes('form') ? formEncode(copy) : s.contentType.includes('jwt') ? fakeJwt(json) : json;
      return { body, contentType: contentType ?? s.contentType };
    });
}

/** Raw garbage: broken forms, broken JSON, broken JWTs, random and binary text. */
export const garbageBody: fc.Arbitrary<{ body: string; contentType: string }> = fc.record({
  body: fc.oneof(
    hostileText,
    fc.array(fc.oneof(hostileText, PERCENT, fc.constantFrom('=', '&', '==', '&&', '=&=')), { maxLength: 12 }).map((a) => a.join('')),
    fc.json({ maxDepth: 4 }),
    fc.json({ maxDepth: 2 }).map((j) => j.slice(0, Math.max(0, j.length - 1))),
    hostileText.map(fakeJwt),
    fc.constantFrom('{', '[', '{"a":', 'a.b.c', 'x.y', '..', 'null', '[]', '"str"', '123', 'true', '\uFEFF{}', '{"__proto__":{"x":1}}'),
  ),
  contentType: fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'application/jwt', 'text/plain', '', 'application/json; charset=utf-16', 'multipart/form-data'),
});

/** Deep, huge and wide bodies (built once; every target gets each of them). */
export function extremeBodies(): { name: string; body: string; contentType: string }[] {
  const deepArr = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
  const deepObj = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
  const hugeStr = JSON.stringify({ CallSid: 'CA1', From: 'x'.repeat(5 * 1024 * 1024) });
  const hugeArr = JSON.stringify({ items: Array.from({ length: 250_000 }, (_, i) => ({ i })) });
  const longName = JSON.stringify({ [`${'n'.repeat(10_000)}`]: 1, call: { ...GENERIC_SAMPLE.call, from: `+1305${'5'.repeat(10_000)}` } });
  const hugeForm = `CallSid=CA1&From=${'%41'.repeat(600_000)}&${'k='.repeat(200_000)}`;
  return [
    { name: 'deep array 10k', body: deepArr, contentType: 'application/json' },
    { name: 'deep object 10k', body: deepObj, contentType: 'application/json' },
    { name: 'deep object 10k as JWT', body: fakeJwt(deepObj), contentType: 'application/jwt' },
    { name: '5 MB string', body: hugeStr, contentType: 'application/json' },
    { name: '5 MB array', body: hugeArr, contentType: 'application/json' },
    { name: '10 000-char name and number', body: longName, contentType: 'application/json' },
    { name: '5 MB form', body: hugeForm, contentType: 'application/x-www-form-urlencoded' },
    { name: '10 000 control chars', body: '\u0001'.repeat(10_000), contentType: '' },
  ];
}

// ── targets ───────────────────────────────────────────────────────────────────────────────────

/** classifyWebhook for one provider: returns the event kind or the parse error code. */
export function runClassify(provider: Provider, input: { body: string; contentType: string }): string {
  try {
    const ev = classifyWebhook(provider, input.body, {
      contentType: input.contentType,
      headers: {},
      generic: GENERIC_MAPPING,
      secret: 'fuzz-secret',
      hmacSha256Hex: () => 'ab',
    });
    return ev.kind;
  } catch (e) {
    if (e instanceof WebhookParseError) {
      if (!e.message || e.message.length > 2_000) throw new FuzzFailure(`${provider}: parse error message of ${e.message.length} chars`);
      return `error:${e.code}`;
    }
    throw new FuzzFailure(`${provider}: ${(e as Error)?.name}: ${(e as Error)?.message} (not a WebhookParseError)`);
  }
}

export const renderInput = fc.record({
  text: fc.oneof(hostileText, fc.array(fc.oneof(hostileText, PLACEHOLDERS, fc.constantFrom(...KNOWN_PLACEHOLDERS).map((n) => `{{${n}}}`)), { maxLength: 8 }).map((a) => a.join(' '))),
  values: fc.dictionary(fc.oneof(fc.constantFrom(...KNOWN_PLACEHOLDERS), fc.string({ maxLength: 8 })), fc.oneof(hostileText, fc.integer(), fc.constant(null), fc.constant(undefined)), { maxKeys: 6 }),
});

/** renderTemplate: never throws; a value never expands into another placeholder. */
export function runRender(input: { text: string; values: Record<string, unknown> }): string {
  const SENTINEL = 'SECRET-SENTINEL-VALUE';
  const values = { ...(input.values as Record<string, string>), agentName: '{{businessName}}', businessName: SENTINEL };
  let r;
  try {
    r = renderTemplate(input.text, values);
  } catch (e) {
    throw new FuzzFailure(`renderTemplate threw ${(e as Error)?.name}: ${(e as Error)?.message}`);
  }
  if (typeof r.text !== 'string') throw new FuzzFailure('renderTemplate returned no text');
  // single pass: agentName's value "{{businessName}}" is printed literally, never expanded again
  if (!input.text.includes('businessName') && r.text.includes(SENTINEL)) throw new FuzzFailure(`a value was expanded: ${r.text.slice(0, 200)}`);
  return r.missing.length > 0 ? 'missing' : 'ok';
}

/** classifyInbound: never throws, always one of the five classes. */
export function runOptOut(text: string): string {
  let r;
  try {
    r = classifyInbound(text, { now: Date.UTC(2026, 10, 1, 6), timeZone: 'America/New_York' });
  } catch (e) {
    throw new FuzzFailure(`classifyInbound threw ${(e as Error)?.name}: ${(e as Error)?.message}`);
  }
  if (!['stop', 'start', 'help', 'auto_reply', 'reply'].includes(r.class)) throw new FuzzFailure(`unknown class ${JSON.stringify(r)}`);
  return r.class;
}

export const PARSER_PROVIDERS: readonly Provider[] = PROVIDERS;
export const classifyInput = (provider: Provider) => fc.oneof({ weight: 3, arbitrary: mutatedBody(provider) }, { weight: 2, arbitrary: garbageBody });
