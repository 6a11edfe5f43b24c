import { createHash, createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { sweepSettledCalls } from '../../../nodes/shared/triggerPipeline';
import { replayWindow } from '../../../nodes/MissedCallTrigger/readConfig';
import { missedCallTriggerProperties } from '../../../nodes/MissedCallTrigger/description';
import { BASE_PARAMS, fixture, harness, type Harness } from './fakeWebhook';

/** Replay protection: stale signed timestamps are 401, repeats inside the window fire once. */

const NOW = Date.parse('2027-03-10T15:00:00.000Z');
const NOW_S = NOW / 1000;
const ZOOM_SECRET = 'zoom-secret-for-replay-tests';
const DIALPAD_SECRET = 'dialpad-secret-for-replay-tests';
const VONAGE_SECRET = 'vonage-secret-for-replay-tests';

const b64url = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
function hs256(payload: object, secret: string): string {
  const input = `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64url(JSON.stringify(payload))}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

function zoomRequest(tsSeconds: number, body = fixture('zoom-phone.callee_missed-derived.json')) {
  const sig = `v0=${createHmac('sha256', ZOOM_SECRET).update(`v0:${tsSeconds}:${body}`).digest('hex')}`;
  return { rawBody: body, headers: { 'content-type': 'application/json', 'x-zm-signature': sig, 'x-zm-request-timestamp': String(tsSeconds) } };
}

function dialpadRequest(iatSeconds: number) {
  const payload = JSON.parse(fixture('dialpad-call-missed-derived.json')) as Record<string, unknown>;
  return { rawBody: hs256({ ...payload, iat: iatSeconds }, DIALPAD_SECRET), headers: { 'content-type': 'application/jwt' } };
}

function vonageRequest(iatSeconds: number) {
  const body = fixture('vonage-event-unanswered.json');
  const hash = createHash('sha256').update(body).digest('hex');
  const jwt = hs256({ iat: iatSeconds, jti: `j-${iatSeconds}`, iss: 'Vonage', payload_hash: hash }, VONAGE_SECRET);
  return { rawBody: body, headers: { 'content-type': 'application/json', authorization: `Bearer ${jwt}` } };
}

const PROVIDERS = {
  zoom: { creds: { missedCallZoomPhoneWebhook: { secretToken: ZOOM_SECRET } }, request: zoomRequest },
  dialpad: { creds: { missedCallDialpadWebhook: { jwtSecret: DIALPAD_SECRET } }, request: dialpadRequest },
  vonage: { creds: { missedCallVonageWebhook: { signatureSecret: VONAGE_SECRET } }, request: vonageRequest },
} as const;
type P = keyof typeof PROVIDERS;

let h: Harness | undefined;
afterEach(async () => {
  await h?.cleanup();
  h = undefined;
});

function trigger(provider: P, params: Record<string, unknown> = {}) {
  h = harness({ ...BASE_PARAMS, provider, currentTime: new Date(NOW).toISOString(), ...params }, PROVIDERS[provider].creds);
  return h;
}

type Out = { json: Record<string, any> }[][] | undefined;
const enrolledIds = (r: { workflowData?: unknown }) => ((r.workflowData as Out)?.[0] ?? []).map((i) => i.json.call.callId as string);

describe('Missed Call Trigger: Replay Window (Seconds)', () => {
  it('is a number parameter with default 300 shown for the providers that sign a timestamp', () => {
    const p = missedCallTriggerProperties.find((x) => x.name === 'replayWindowSeconds');
    expect(p).toMatchObject({ displayName: 'Replay Window (Seconds)', type: 'number', default: 300 });
    expect(p?.displayOptions?.show?.provider).toEqual(['dialpad', 'vonage', 'zoom']);
  });

  it.each([
    [300, 300],
    ['120', 120],
    [0, 300],
    [-5, 300],
    ['abc', 300],
    [undefined, 300],
  ])('reads %j as %d seconds', (raw, seconds) => {
    expect(replayWindow(raw)).toBe(seconds);
  });

  it.each([
    ['zoom', 299, 200],
    ['zoom', 301, 401],
    ['zoom', 3600, 401],
    ['dialpad', 299, 200],
    ['dialpad', 301, 401],
    ['vonage', 299, 200],
    ['vonage', 301, 401],
  ] as const)('%s: a signature %d s old with the default window answers %d', async (provider, age, status) => {
    const t = trigger(provider);
    const { reply } = await t.call(PROVIDERS[provider].request(NOW_S - age));
    expect(reply.status).toBe(status);
    if (status === 401) expect(JSON.parse(reply.body!)).toEqual({ error: 'UNAUTHORIZED', code: 'STALE_TIMESTAMP' });
  });

  it.each(['zoom', 'dialpad', 'vonage'] as const)('%s: a smaller window refuses a signature the default would accept', async (provider) => {
    const t = trigger(provider, { replayWindowSeconds: 60 });
    expect((await t.call(PROVIDERS[provider].request(NOW_S - 30))).reply.status).toBe(200);
    const stale = await t.call(PROVIDERS[provider].request(NOW_S - 90));
    expect(stale.reply.status).toBe(401);
    expect(JSON.parse(stale.reply.body!).code).toBe('STALE_TIMESTAMP');
  });

  it('a larger window accepts an older Zoom signature', async () => {
    const t = trigger('zoom', { replayWindowSeconds: 900 });
    expect((await t.call(zoomRequest(NOW_S - 600))).reply.status).toBe(200);
  });

  it('a stale replay writes nothing to the ledger', async () => {
    const t = trigger('zoom');
    await t.call(zoomRequest(NOW_S - 301));
    expect(await (await t.ledger()).callEventsBetween({ since: 0, until: NOW + 1 })).toEqual([]);
  });

  it.each(['zoom', 'dialpad'] as const)('%s: the same signed delivery replayed inside the window triggers once', async (provider) => {
    // both fixtures are provisional misses (final: false): parked for the 90 s settle window, then
    // enrolled by the settle sweep; every replay re-parks the call, none fires it a second time
    const t = trigger(provider, { filters: { calendar: 'always' } });
    const req = PROVIDERS[provider].request(NOW_S - 10);
    const at = (s: number) => ({ currentTime: new Date(NOW + s * 1000).toISOString() });
    const sweep = async (s: number, worker: string) =>
      sweepSettledCalls(await t.ledger(), { now: NOW + s * 1000, worker, limit: 50, leaseMs: 600_000 });
    const fired: string[] = [];
    for (const s of [0, 5, 30]) fired.push(...enrolledIds((await t.call(req, at(s))).result));
    const [a, b] = await Promise.all([sweep(121, 'p1'), sweep(121, 'p2')]);
    for (const o of [...a.outcomes, ...b.outcomes]) if (o.enrolled) fired.push(o.enrolled.call.callId);
    for (const s of [150, 200, 280]) {
      const r = await t.call(req, at(s));
      expect(r.reply.status).toBe(200);
      fired.push(...enrolledIds(r.result));
    }
    const c = await sweep(400, 'p3');
    for (const o of c.outcomes) if (o.enrolled) fired.push(o.enrolled.call.callId);
    expect(fired).toHaveLength(1);
    // 305 s after signing the same delivery is past the window
    const late = await t.call(req, at(295));
    expect(JSON.parse(late.reply.body!).code).toBe('STALE_TIMESTAMP');
    const ledger = await t.ledger();
    expect((await ledger.callEvents(fired[0]!)).length).toBe(6);
    expect((await ledger.enrollmentsCreated({ since: 0, until: NOW + 1e6 })).map((e) => e.callId)).toEqual(fired);
  });
});
