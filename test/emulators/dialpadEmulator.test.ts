import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startDialpadEmulator, type DialpadEmulator } from './dialpadEmulator';

let dp: DialpadEmulator;
beforeAll(async () => {
  dp = await startDialpadEmulator({ numbers: ['+15125550142'] });
});
afterAll(() => dp.close());
beforeEach(() => dp.reset());

async function send(body: unknown, o: { auth?: string; type?: string; path?: string } = {}) {
  const res = await fetch(`${dp.url}${o.path ?? '/api/v2/sms'}`, {
    method: 'POST',
    headers: { Authorization: o.auth ?? `Bearer ${dp.apiKey}`, 'Content-Type': o.type ?? 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, any> };
}

const ok = { to_numbers: ['+13055550123'], from_number: '+15125550142', text: 'Hi there', infer_country_code: false };

describe('Dialpad emulator (checked against the copied OpenAPI spec)', () => {
  it('accepts a valid send and answers an SMSProto, pending', async () => {
    const r = await send(ok);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ direction: 'outbound', from_number: '+15125550142', to_numbers: ['+13055550123'], text: 'Hi there', message_status: 'pending' });
    expect(dp.texts).toMatchObject([{ id: r.json.id, to: ['+13055550123'], from: '+15125550142', text: 'Hi there' }]);
    expect(dp.violations).toEqual([]);
  });

  it('takes the API key as the apikey query parameter too, and refuses another key with 401', async () => {
    const q = await fetch(`${dp.url}/api/v2/company?apikey=${dp.apiKey}`);
    expect(q.status).toBe(200);
    expect(((await q.json()) as Record<string, unknown>).name).toBe('Brightside Plumbing');
    const r = await send(ok, { auth: 'Bearer nope' });
    expect(r.status).toBe(401);
    expect(r.json.error.message).toBe('Invalid API key');
    expect(dp.texts).toEqual([]);
  });

  it.each([
    ['an unknown field', { ...ok, body: 'Hi' }, 'unknown_field', 'body'],
    ['a number as text', { ...ok, text: 5 }, 'type', 'text'],
    ['a string for to_numbers', { ...ok, to_numbers: '+13055550123' }, 'type', 'to_numbers'],
    ['a sender group type out of its enum', { ...ok, sender_group_type: 'team' }, 'enum', 'sender_group_type'],
    ['a user id that is no integer', { ...ok, user_id: '12' }, 'type', 'user_id'],
  ])('rejects %s as a spec violation (400)', async (_, body, rule, field) => {
    const r = await send(body);
    expect(r.status).toBe(400);
    expect(dp.violations[0]).toMatchObject({ rule, field });
    expect(dp.texts).toEqual([]);
  });

  it('rejects a form-encoded body', async () => {
    const r = await send('to_numbers=%2B13055550123&text=Hi', { type: 'application/x-www-form-urlencoded' });
    expect(r.status).toBe(400);
    expect(dp.violations.map((v) => v.rule)).toContain('content_type');
  });

  it.each([
    ['no recipient', { ...ok, to_numbers: [] }, /recipient/],
    ['eleven recipients', { ...ok, to_numbers: Array.from({ length: 11 }, (_, i) => `+1305555${String(1000 + i)}`) }, /up to 10/],
    ['a number that is not E.164', { ...ok, to_numbers: ['3055550123'] }, /not E\.164/],
    ['no content', { ...ok, text: '' }, /content/],
  ])('rejects %s, which the spec says in words', async (_, body, message) => {
    const r = await send(body);
    expect(r.status).toBe(400);
    expect(dp.violations).toMatchObject([{ rule: 'semantic' }]);
    expect(dp.violations[0]!.message).toMatch(message);
  });

  it('refuses a sending number that is not the company\'s (400, not a spec violation)', async () => {
    const r = await send({ ...ok, from_number: '+15125550199' });
    expect(r.status).toBe(400);
    expect(r.json.error.message).toMatch(/not assigned/);
    expect(dp.violations).toEqual([]);
  });

  it('plays scripted answers in order: 429 with Retry-After, 503, then accepts', async () => {
    dp.script({ kind: 'rate_limit', retryAfterSeconds: 2 }, { kind: 'server_error', status: 503 });
    const a = await fetch(`${dp.url}/api/v2/sms`, { method: 'POST', headers: { Authorization: `Bearer ${dp.apiKey}`, 'Content-Type': 'application/json' }, body: JSON.stringify(ok) });
    expect([a.status, a.headers.get('retry-after')]).toEqual([429, '2']);
    expect((await send(ok)).status).toBe(503);
    expect((await send(ok)).status).toBe(200);
    expect(dp.texts).toHaveLength(1);
  });

  it('answers 404 for a path the spec does not have', async () => {
    const r = await send(ok, { path: '/api/v2/sms/send' });
    expect(r.status).toBe(404);
    expect(dp.violations).toMatchObject([{ rule: 'unknown_path' }]);
  });
});
