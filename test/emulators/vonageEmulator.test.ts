import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startVonageEmulator, type VonageEmulator } from './vonageEmulator';

let vg: VonageEmulator;
beforeAll(async () => {
  vg = await startVonageEmulator({ numbers: ['+15125550142'] });
});
afterAll(() => vg.close());
beforeEach(() => vg.reset());

async function send(fields: Record<string, string>, path = '/sms/json') {
  const res = await fetch(`${vg.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
  return { status: res.status, json: (await res.json()) as Record<string, any> };
}
const ok = () => ({ api_key: vg.apiKey, api_secret: vg.apiSecret, from: '15125550142', to: '13055550123', text: 'Hi there' });

describe('Vonage emulator (checked against the copied SMS and Account API specs)', () => {
  it('accepts a valid send and answers the SMS schema: one part, status 0, its message id', async () => {
    const r = await send(ok());
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ 'message-count': '1', messages: [{ to: '13055550123', status: '0', 'message-id': vg.texts[0]!.id }] });
    expect(vg.violations).toEqual([]);
  });

  it.each([
    ['an unknown field', { body_text: 'x' }, 'unknown_field', 'body_text'],
    ['a number of 16 digits', { to: '1305555012345678' }, 'length', 'to'],
    ['an API key that is not 8 characters', { api_key: 'abc' }, 'length', 'api_key'],
    ['a type out of its enum', { type: 'emoji' }, 'enum', 'type'],
  ])('rejects %s as a spec violation (status 3)', async (_, change, rule, field) => {
    const r = await send({ ...ok(), ...change });
    expect(r.json.messages[0].status).toBe('3');
    expect(vg.violations[0]).toMatchObject({ rule, field });
    expect(vg.texts).toEqual([]);
  });

  it('rejects text outside GSM-7 sent as type text (what the spec says in words)', async () => {
    const r = await send({ ...ok(), text: 'Olá 😀' });
    expect(r.json.messages[0].status).toBe('3');
    expect(vg.violations).toMatchObject([{ rule: 'semantic' }]);
    expect((await send({ ...ok(), text: 'Olá 😀', type: 'unicode' })).json.messages[0].status).toBe('0');
  });

  it('answers status 4 to a wrong secret and 15 to a sender that is not the account\'s, neither a violation', async () => {
    expect((await send({ ...ok(), api_secret: 'WrongSecret00000' })).json.messages[0]).toMatchObject({ status: '4', 'error-text': 'Bad Credentials' });
    expect((await send({ ...ok(), from: '15125559999' })).json.messages[0].status).toBe('15');
    expect(vg.violations).toEqual([]);
    expect(vg.texts).toEqual([]);
  });

  it('answers the balance to the right keys (the credential test) and 401 to others', async () => {
    const good = await fetch(`${vg.url}/account/get-balance?api_key=${vg.apiKey}&api_secret=${vg.apiSecret}`);
    expect(good.status).toBe(200);
    expect(await good.json()).toEqual({ value: 10.28, autoReload: false });
    const bad = await fetch(`${vg.url}/account/get-balance?api_key=${vg.apiKey}&api_secret=nope`);
    expect(bad.status).toBe(401);
    const missing = await fetch(`${vg.url}/account/get-balance?api_key=${vg.apiKey}`);
    expect(missing.status).toBe(400);
    expect(vg.violations).toMatchObject([{ rule: 'required', field: 'api_secret' }]);
  });

  it('rejects an unknown path (404, a violation)', async () => {
    expect((await send(ok(), '/sms/json/extra')).status).toBe(404);
    expect(vg.violations).toMatchObject([{ rule: 'unknown_path' }]);
  });

  it('plays scripted answers in order', async () => {
    vg.script({ kind: 'status', status: '1' }, { kind: 'server_error', status: 503 });
    expect((await send(ok())).json.messages[0].status).toBe('1');
    expect((await send(ok())).status).toBe(503);
    expect((await send(ok())).json.messages[0].status).toBe('0');
    expect(vg.texts).toHaveLength(1);
  });
});
