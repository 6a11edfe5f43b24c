import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startRingCentralEmulator, type RingCentralEmulator } from './ringcentralEmulator';

let rc: RingCentralEmulator;
beforeAll(async () => {
  rc = await startRingCentralEmulator({ numbers: ['+15125550142'] });
});
afterAll(() => rc.close());
beforeEach(() => rc.reset());

const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

async function token(form: Record<string, string>, o: { auth?: string; type?: string } = {}) {
  const res = await fetch(`${rc.url}/restapi/oauth/token`, {
    method: 'POST',
    headers: { Authorization: o.auth ?? basic(rc.clientId, rc.clientSecret), 'Content-Type': o.type ?? 'application/x-www-form-urlencoded' },
    body: o.type === 'application/json' ? JSON.stringify(form) : new URLSearchParams(form).toString(),
  });
  return { status: res.status, json: (await res.json()) as Record<string, any> };
}

async function send(body: unknown, o: { bearer?: string; path?: string } = {}) {
  const bearer = o.bearer ?? (await token({ grant_type: JWT_GRANT, assertion: rc.jwt })).json.access_token;
  const res = await fetch(`${rc.url}${o.path ?? '/restapi/v1.0/account/~/extension/~/sms'}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, any> };
}

const ok = { from: { phoneNumber: '+15125550142' }, to: [{ phoneNumber: '+13055550123' }], text: 'Hi there' };

describe('RingCentral emulator (checked against the copied OpenAPI spec)', () => {
  it('issues a bearer token for the app\'s keys and the user\'s JWT (TokenInfo)', async () => {
    const r = await token({ grant_type: JWT_GRANT, assertion: rc.jwt });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ token_type: 'bearer', expires_in: 3600, access_token: rc.tokensIssued[0] });
    expect(rc.violations).toEqual([]);
  });

  it.each([
    ['a wrong client secret', { grant_type: JWT_GRANT, assertion: 'x' }, { auth: basic('rc-test-client-id-0123', 'nope') }, 401, 'invalid_client'],
    ['an unknown JWT', { grant_type: JWT_GRANT, assertion: 'not-the-jwt' }, {}, 400, 'invalid_grant'],
  ])('refuses %s with OAuth\'s error', async (_, form, o, status, error) => {
    const r = await token(form, o);
    expect(r.status).toBe(status);
    expect(r.json.error).toBe(error);
    expect(rc.tokensIssued).toEqual([]);
  });

  it.each([
    ['a grant type out of the spec\'s enum', { grant_type: 'jwt', assertion: 'x' }, 'enum', 'grant_type'],
    ['an unknown field', { grant_type: JWT_GRANT, assertion: 'x', jwt: 'x' }, 'unknown_field', 'jwt'],
  ])('rejects a token request with %s as a spec violation (400)', async (_, form, rule, field) => {
    const r = await token(form);
    expect(r.status).toBe(400);
    expect(rc.violations[0]).toMatchObject({ rule, field });
  });

  it('rejects another grant the spec knows but the app may not use, and a JSON token request', async () => {
    expect((await token({ grant_type: 'password', username: 'u', password: 'p' })).status).toBe(400);
    expect(rc.violations.map((v) => v.rule)).toEqual(['semantic']);
    expect((await token({ grant_type: JWT_GRANT, assertion: rc.jwt }, { type: 'application/json' })).status).toBe(400);
    expect(rc.violations.map((v) => v.rule)).toEqual(['semantic', 'content_type']);
  });

  it('accepts a valid send and answers a message record, Queued', async () => {
    const r = await send(ok);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ type: 'SMS', direction: 'Outbound', messageStatus: 'Queued', from: { phoneNumber: '+15125550142' }, to: [{ phoneNumber: '+13055550123' }] });
    expect(rc.texts).toMatchObject([{ id: String(r.json.id), to: ['+13055550123'], from: '+15125550142', text: 'Hi there' }]);
    expect(rc.violations).toEqual([]);
  });

  it('refuses a send without a live token (401), and one after the tokens are revoked', async () => {
    expect((await send(ok, { bearer: 'made-up' })).json).toMatchObject({ errorCode: 'TokenInvalid' });
    const t = (await token({ grant_type: JWT_GRANT, assertion: rc.jwt })).json.access_token as string;
    rc.revokeTokens();
    expect((await send(ok, { bearer: t })).status).toBe(401);
    expect(rc.texts).toEqual([]);
  });

  it.each([
    ['an unknown field', { ...ok, body: 'Hi' }, 'unknown_field', 'body'],
    ['a number as text', { ...ok, text: 5 }, 'type', 'text'],
    ['a string for to', { ...ok, to: '+13055550123' }, 'type', 'to'],
    ['no text', { from: ok.from, to: ok.to }, 'required', 'text'],
  ])('rejects a send with %s as a spec violation (400)', async (_, body, rule, field) => {
    const r = await send(body);
    expect(r.status).toBe(400);
    expect(rc.violations[0]).toMatchObject({ rule, field });
    expect(rc.texts).toEqual([]);
  });

  it('rejects an unknown path (404, a violation)', async () => {
    const r = await send(ok, { path: '/restapi/v1.0/account/~/extension/~/sms-batch' });
    expect(r.status).toBe(404);
    expect(rc.violations).toMatchObject([{ rule: 'unknown_path' }]);
  });

  it.each([
    ['two recipients', { ...ok, to: [{ phoneNumber: '+13055550123' }, { phoneNumber: '+13055550124' }] }, /one number/],
    ['a number that is not E.164', { ...ok, to: [{ phoneNumber: '3055550123' }] }, /not E\.164/],
  ])('rejects %s (what the product never sends)', async (_, body, message) => {
    const r = await send(body);
    expect(r.status).toBe(400);
    expect(rc.violations[0]!.message).toMatch(message);
  });

  it('refuses a sending number that is not the user\'s (400 CMN-101, not a spec violation)', async () => {
    const r = await send({ ...ok, from: { phoneNumber: '+15125550199' } });
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ errorCode: 'CMN-101' });
    expect(rc.violations).toEqual([]);
  });

  it('plays scripted answers in order: 429 with Retry-After, 503, a failed record, then accepts', async () => {
    rc.script({ kind: 'rate_limit', retryAfterSeconds: 2 }, { kind: 'server_error' }, { kind: 'failed', status: 'SendingFailed', deliveryErrorCode: 'SMS-UP-410' });
    const a = await send(ok);
    expect(a.status).toBe(429);
    expect(rc.requests.at(-1)).toMatchObject({ status: 429 });
    expect((await send(ok)).status).toBe(503);
    expect((await send(ok)).json).toMatchObject({ messageStatus: 'SendingFailed', deliveryErrorCode: 'SMS-UP-410' });
    expect(rc.texts).toEqual([]);
    expect((await send(ok)).json.messageStatus).toBe('Queued');
    expect(rc.texts).toHaveLength(1);
  });
});
