import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  ringCentralHandshake,
  safeEqual,
  verifyAircall,
  verifyDialpad,
  verifyRingCentral,
  verifyTwilio,
  verifyVonage,
  verifyZoom,
  zoomUrlValidationResponse,
  type SignedRequest,
} from '../../../../nodes/shared/signatures';
import { classifyWebhook } from '../../../../shared/telephony';
import { fixture, FIXTURE_DIR, fixtureJson, handshakeHeaders } from '../../../shared/telephony/fixtures';

type Params = Record<string, string>;
const tw = fixtureJson<{
  form_vectors: { authToken: string; url: string; params: Params; expectedSignature: string }[];
  json_vectors: { authToken: string; url: string; rawBody: string; expectedSignature: string }[];
  negative_vectors: { authToken: string; url: string; params: Params; signature: string; note: string }[];
  signed_samples: { file: string; authToken: string; url: string; expectedSignature: string }[];
}>('twilio-signature-vectors.json');

const formReq = (url: string, params: Params, signature: string): SignedRequest => ({
  url,
  headers: { 'X-Twilio-Signature': signature },
  rawBody: new URLSearchParams(params).toString(),
});

describe('verifyTwilio', () => {
  it.each(tw.form_vectors.map((v) => [v.url, v] as const))('accepts the form vector for %s', (_u, v) => {
    expect(verifyTwilio(formReq(v.url, v.params, v.expectedSignature), v.authToken)).toEqual({ ok: true });
  });

  it.each(tw.form_vectors.map((v) => [v.url, v] as const))('accepts pre-parsed params for %s', (_u, v) => {
    expect(verifyTwilio({ url: v.url, headers: { 'x-twilio-signature': v.expectedSignature }, rawBody: '', params: v.params }, v.authToken)).toEqual({ ok: true });
  });

  it('accepts a signature made over the URL with :443 when the request URL has no port, and vice versa', () => {
    const [plain, , withPort] = tw.form_vectors;
    expect(verifyTwilio(formReq(plain!.url, plain!.params, withPort!.expectedSignature), '12345')).toEqual({ ok: true });
    expect(verifyTwilio(formReq(withPort!.url, withPort!.params, plain!.expectedSignature), '12345')).toEqual({ ok: true });
  });

  it.each(tw.json_vectors.map((v) => [v.url, v] as const))('accepts the JSON bodySHA256 vector %s', (_u, v) => {
    expect(verifyTwilio({ url: v.url, headers: { 'X-Twilio-Signature': v.expectedSignature }, rawBody: v.rawBody }, v.authToken)).toEqual({ ok: true });
    expect(verifyTwilio({ url: v.url, headers: { 'X-Twilio-Signature': v.expectedSignature }, rawBody: Buffer.from(v.rawBody) }, v.authToken)).toEqual({ ok: true });
  });

  it('rejects a JSON body that does not match bodySHA256', () => {
    const v = tw.json_vectors[0]!;
    expect(verifyTwilio({ url: v.url, headers: { 'X-Twilio-Signature': v.expectedSignature }, rawBody: v.rawBody.replace('value', 'Value') }, v.authToken)).toEqual({ ok: false, code: 'BODY_HASH_MISMATCH' });
  });

  it.each(tw.negative_vectors.map((v) => [v.note, v] as const))('rejects the negative vector: %s', (_n, v) => {
    expect(verifyTwilio(formReq(v.url, v.params, v.signature), v.authToken)).toEqual({ ok: false, code: 'BAD_SIGNATURE' });
  });

  const present = tw.signed_samples.filter((s) => existsSync(join(FIXTURE_DIR, s.file)));
  it('has at least one signed sample file present (the others are in the held-out acceptance set)', () => {
    expect(present.length).toBeGreaterThanOrEqual(1);
  });

  it.each(present.map((s) => [s.file, s] as const))('accepts the raw sample %s as received, and rejects it tampered', (_f, s) => {
    const raw = fixture(s.file).trim();
    const req = { url: s.url, headers: { 'X-Twilio-Signature': s.expectedSignature }, rawBody: raw };
    expect(verifyTwilio(req, s.authToken)).toEqual({ ok: true });
    expect(verifyTwilio({ ...req, rawBody: raw.replace('Body=STOP', 'Body=START') }, s.authToken)).toEqual({ ok: false, code: 'BAD_SIGNATURE' });
    expect(verifyTwilio(req, 'wrong-token')).toEqual({ ok: false, code: 'BAD_SIGNATURE' });
    expect(verifyTwilio({ ...req, url: `${s.url}/other` }, s.authToken)).toEqual({ ok: false, code: 'BAD_SIGNATURE' });
  });

  it.each<[string, SignedRequest, string, string]>([
    ['no signature header', { url: 'https://a.example/x', headers: {}, rawBody: 'a=1' }, '12345', 'MISSING_SIGNATURE'],
    ['no URL', { headers: { 'X-Twilio-Signature': 'x' }, rawBody: 'a=1' }, '12345', 'MISSING_URL'],
    ['an unparseable URL', { url: 'not a url', headers: { 'X-Twilio-Signature': 'x' }, rawBody: 'a=1' }, '12345', 'MISSING_URL'],
    ['no auth token configured', { url: 'https://a.example/x', headers: { 'X-Twilio-Signature': 'x' }, rawBody: 'a=1' }, '', 'MISSING_SECRET'],
    ['a signature of the wrong length', { url: 'https://a.example/x', headers: { 'X-Twilio-Signature': 'short' }, rawBody: 'a=1' }, '12345', 'BAD_SIGNATURE'],
  ])('fails closed on %s', (_n, req, token, code) => {
    expect(verifyTwilio(req, token)).toEqual({ ok: false, code });
  });

  it('signs repeated params with each sorted value', () => {
    const url = 'https://a.example/x';
    const sig = createHmac('sha1', 't').update(`${url}Ka1Ka2Zz`).digest('base64');
    expect(verifyTwilio({ url, headers: { 'x-twilio-signature': sig }, rawBody: 'K=a2&Z=z&K=a1' }, 't')).toEqual({ ok: true });
  });
});

describe('verifyAircall', () => {
  const v = fixtureJson<{ configuredToken: string; accept: string[]; reject: string[] }>('aircall-token-vector.json');
  it.each(v.accept.map((f) => [f]))('accepts %s', (file) => {
    expect(verifyAircall({ headers: {}, rawBody: fixture(file) }, v.configuredToken)).toEqual({ ok: true });
  });
  it.each(v.reject.map((f) => [f]))('rejects %s (token of another webhook)', (file) => {
    expect(verifyAircall({ headers: {}, rawBody: fixture(file) }, v.configuredToken)).toEqual({ ok: false, code: 'BAD_TOKEN' });
  });
  it.each([
    ['invalid JSON', '{', 'MALFORMED_BODY'],
    ['a JSON array', '[]', 'MALFORMED_BODY'],
    ['no token', '{"event":"call.ended"}', 'MISSING_SIGNATURE'],
    ['a numeric token', '{"token":5}', 'MISSING_SIGNATURE'],
    ['an inherited token', '{"__proto__":{"token":"58ffd2bc5f3113f7bebf210a49299a1b"}}', 'MISSING_SIGNATURE'],
  ])('fails closed on %s', (_n, rawBody, code) => {
    expect(verifyAircall({ headers: {}, rawBody }, v.configuredToken)).toEqual({ ok: false, code });
  });
  it('fails closed without a configured token', () => {
    expect(verifyAircall({ headers: {}, rawBody: fixture(v.accept[0]!) }, '')).toEqual({ ok: false, code: 'MISSING_SECRET' });
  });
});

describe('verifyDialpad', () => {
  const v = fixtureJson<{ secret: string; file: string; expectedPayloadFile: string; wrongSecret: string }>('dialpad-signature-vector.json');
  const jwt = fixture(v.file);
  const sign = (payload: object, secret = v.secret, alg = 'HS256') => {
    const h = Buffer.from(JSON.stringify({ alg, typ: 'JWT' })).toString('base64url');
    const p = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${h}.${p}.${createHmac('sha256', secret).update(`${h}.${p}`).digest('base64url')}`;
  };
  const now = 1714064732000;

  it('accepts the vector JWT and decodes to the expected payload', () => {
    expect(verifyDialpad({ headers: {}, rawBody: jwt }, v.secret)).toEqual({ ok: true });
    const ev = classifyWebhook('dialpad', jwt);
    expect(ev.kind === 'call' && ev.call.callId).toBe(String(fixtureJson<{ call_id: number }>(v.expectedPayloadFile).call_id));
  });

  it.each<[string, string, string, string]>([
    ['the wrong secret of the vector', jwt, v.wrongSecret, 'BAD_SIGNATURE'],
    ['a tampered payload', jwt.replace(/\.([^.]+)\./, (_m, p: string) => `.${Buffer.from(Buffer.from(p, 'base64url').toString().replace('missed', 'hangup')).toString('base64url')}.`), 'test-dialpad-secret-not-real', 'BAD_SIGNATURE'],
    ['a stripped signature', jwt.replace(/\.[^.]+$/, '.'), 'test-dialpad-secret-not-real', 'BAD_SIGNATURE'],
    ['alg none', sign({ state: 'missed' }, 'test-dialpad-secret-not-real', 'none'), 'test-dialpad-secret-not-real', 'UNSUPPORTED_ALGORITHM'],
    ['alg HS512', sign({ state: 'missed' }, 'test-dialpad-secret-not-real', 'HS512'), 'test-dialpad-secret-not-real', 'UNSUPPORTED_ALGORITHM'],
    ['a plain JSON body', fixture(v.expectedPayloadFile), 'test-dialpad-secret-not-real', 'MALFORMED_SIGNATURE'],
    ['an empty body', '', 'test-dialpad-secret-not-real', 'MISSING_SIGNATURE'],
    ['no configured secret', jwt, '', 'MISSING_SECRET'],
  ])('rejects %s', (_n, rawBody, secret, code) => {
    expect(verifyDialpad({ headers: {}, rawBody }, secret)).toEqual({ ok: false, code });
  });

  it.each<[string, object, number | undefined, { ok: boolean; code?: string }]>([
    ['a fresh iat', { iat: now / 1000 - 10 }, 60, { ok: true }],
    ['an iat older than maxAge', { iat: now / 1000 - 120 }, 60, { ok: false, code: 'STALE_TIMESTAMP' }],
    ['an iat far in the future', { iat: now / 1000 + 3600 }, undefined, { ok: false, code: 'NOT_YET_VALID' }],
    ['an exp in the past', { exp: now / 1000 - 3600 }, undefined, { ok: false, code: 'EXPIRED' }],
    ['an exp in the future', { exp: now / 1000 + 3600 }, undefined, { ok: true }],
    ['a non-numeric exp', { exp: 'soon' }, undefined, { ok: false, code: 'MALFORMED_SIGNATURE' }],
  ])('checks the time window: %s', (_n, claims, maxAgeSeconds, want) => {
    expect(verifyDialpad({ headers: {}, rawBody: sign({ state: 'missed', ...claims }) }, v.secret, { now, maxAgeSeconds })).toEqual(want);
  });
});

describe('verifyVonage', () => {
  const v = fixtureJson<{ signatureSecret: string; rawBody: string; authorizationHeader: string; decodedClaims: { iat: number } }>('vonage-signature-vector.json');
  const now = v.decodedClaims.iat * 1000 + 5000;
  const req = (patch: Partial<SignedRequest> = {}): SignedRequest => ({ headers: { Authorization: v.authorizationHeader }, rawBody: v.rawBody, ...patch });

  it('accepts the vector within the time window', () => {
    expect(verifyVonage(req(), v.signatureSecret, { now })).toEqual({ ok: true });
  });
  it.each<[string, SignedRequest, string, number, string]>([
    ['a tampered body (payload_hash)', req({ rawBody: v.rawBody.replace('unanswered', 'answered') }), 'test-vonage-signature-secret-0123456789', 0, 'BODY_HASH_MISMATCH'],
    ['the wrong secret', req(), 'not-the-secret', 0, 'BAD_SIGNATURE'],
    ['a token signed an hour ago', req(), 'test-vonage-signature-secret-0123456789', 3600_000, 'STALE_TIMESTAMP'],
    ['no Authorization header', req({ headers: {} }), 'test-vonage-signature-secret-0123456789', 0, 'MISSING_SIGNATURE'],
    ['a Basic Authorization header', req({ headers: { authorization: 'Basic abc' } }), 'test-vonage-signature-secret-0123456789', 0, 'MALFORMED_SIGNATURE'],
    ['a tampered token', req({ headers: { authorization: v.authorizationHeader.slice(0, -2) + 'AA' } }), 'test-vonage-signature-secret-0123456789', 0, 'BAD_SIGNATURE'],
  ])('rejects %s', (_n, r, secret, later, code) => {
    expect(verifyVonage(r, secret, { now: now + later })).toEqual({ ok: false, code });
  });
});

describe('verifyZoom', () => {
  const v = fixtureJson<{ secretToken: string; signed: { file: string; headers: Record<string, string> }[]; urlValidation: { plainToken: string; expectedResponse: object } }>('zoom-signature-vector.json');
  const at = (h: Record<string, string>) => Number(h['x-zm-request-timestamp']) * 1000;

  it.each(v.signed.map((s) => [s.file, s] as const))('accepts %s signed over its exact raw bytes', (file, s) => {
    expect(verifyZoom({ headers: s.headers, rawBody: fixture(file) }, v.secretToken, { now: at(s.headers) })).toEqual({ ok: true });
    expect(verifyZoom({ headers: s.headers, rawBody: Buffer.from(fixture(file)) }, v.secretToken, { now: at(s.headers) + 1000 })).toEqual({ ok: true });
  });

  const s = v.signed[0]!;
  it.each<[string, SignedRequest, string, number, string]>([
    ['a body without its trailing newline', { headers: s.headers, rawBody: fixture(s.file).trimEnd() }, v.secretToken, 0, 'BAD_SIGNATURE'],
    ['a re-serialized body', { headers: s.headers, rawBody: JSON.stringify(JSON.parse(fixture(s.file))) }, v.secretToken, 0, 'BAD_SIGNATURE'],
    ['the wrong secret', { headers: s.headers, rawBody: fixture(s.file) }, 'nope', 0, 'BAD_SIGNATURE'],
    ['a shifted timestamp', { headers: { ...s.headers, 'x-zm-request-timestamp': String(Number(s.headers['x-zm-request-timestamp']) + 1) }, rawBody: fixture(s.file) }, v.secretToken, 0, 'BAD_SIGNATURE'],
    ['a replay 10 minutes later', { headers: s.headers, rawBody: fixture(s.file) }, v.secretToken, 600_000, 'STALE_TIMESTAMP'],
    ['no signature header', { headers: { 'x-zm-request-timestamp': s.headers['x-zm-request-timestamp']! }, rawBody: fixture(s.file) }, v.secretToken, 0, 'MISSING_SIGNATURE'],
    ['no timestamp header', { headers: { 'x-zm-signature': s.headers['x-zm-signature']! }, rawBody: fixture(s.file) }, v.secretToken, 0, 'MISSING_TIMESTAMP'],
    ['a non-numeric timestamp', { headers: { ...s.headers, 'x-zm-request-timestamp': 'now' }, rawBody: fixture(s.file) }, v.secretToken, 0, 'MALFORMED_SIGNATURE'],
    ['no configured secret', { headers: s.headers, rawBody: fixture(s.file) }, '', 0, 'MISSING_SECRET'],
  ])('rejects %s', (_n, req, secret, later, code) => {
    expect(verifyZoom(req, secret, { now: at(s.headers) + later })).toEqual({ ok: false, code });
  });

  it('builds the url_validation reply of the vector, the same one classifyWebhook builds', () => {
    expect(zoomUrlValidationResponse(v.urlValidation.plainToken, v.secretToken)).toEqual(v.urlValidation.expectedResponse);
  });
});

describe('verifyRingCentral', () => {
  const transcript = fixture('ringcentral-webhook-validation-handshake.txt');
  it('recognizes and accepts the creation handshake, echoing its token', () => {
    const req = { headers: handshakeHeaders(transcript), rawBody: '' };
    expect(ringCentralHandshake(req)).toEqual({ 'Validation-Token': '8aaa2a77-4a5d-4e3b-a2b5-0a0b1c2d3e4f', 'Content-Type': 'application/json' });
    expect(verifyRingCentral(req, 'hello-world')).toEqual({ ok: true });
  });
  it.each<[string, Record<string, string>, string, { ok: boolean; code?: string }]>([
    ['the current Verification-Token header', { 'Verification-Token': 'hello-world' }, 'hello-world', { ok: true }],
    ['the legacy validation-token header (receiving.md capture)', { 'validation-token': 'hello-world' }, 'hello-world', { ok: true }],
    ['a wrong token', { 'verification-token': 'hello-world!' }, 'hello-world', { ok: false, code: 'BAD_TOKEN' }],
    ['no token header', {}, 'hello-world', { ok: false, code: 'MISSING_SIGNATURE' }],
    ['no configured token', { 'verification-token': 'hello-world' }, '', { ok: false, code: 'MISSING_SECRET' }],
  ])('on a notification with %s', (_n, headers, secret, want) => {
    const req = { headers, rawBody: fixture('ringcentral-telephony-sessions-disconnected-missed.json') };
    expect(ringCentralHandshake(req)).toBeNull();
    expect(verifyRingCentral(req, secret)).toEqual(want);
  });
});

describe('safeEqual', () => {
  it.each([
    ['abc', 'abc', true],
    ['abc', 'abd', false],
    ['abc', 'abcd', false],
    ['', '', true],
    ['é', 'e', false],
  ])('%j vs %j → %s', (a, b, want) => expect(safeEqual(a, b)).toBe(want));
});

describe('verifiers never throw', () => {
  const weird: SignedRequest[] = [
    { headers: {}, rawBody: '' },
    { url: '::', headers: { 'x-twilio-signature': ['a', 'b'], authorization: 'Bearer a.b.c', 'x-zm-signature': 'v0=1', 'x-zm-request-timestamp': '1' }, rawBody: '\u0000\uffff' },
    { url: 'https://x/?bodySHA256=zz', headers: { 'x-twilio-signature': 'x', authorization: 'Bearer ..' }, rawBody: new Uint8Array([0xff, 0xfe]) },
    { headers: undefined as never, rawBody: undefined as never },
  ];
  const all = [verifyTwilio, verifyAircall, verifyDialpad, verifyVonage, verifyZoom, verifyRingCentral];
  it.each(all.map((f) => [f.name, f] as const))('%s returns a failure for odd requests', (_n, verify) => {
    for (const req of weird) {
      const r = verify(req, 'secret', { now: 0 });
      expect(r.ok).toBe(false);
    }
  });
});
