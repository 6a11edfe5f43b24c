import { afterEach, describe, expect, it } from 'vitest';
import { sweepSettledCalls } from '../../../nodes/shared/triggerPipeline';
import { BASE_PARAMS, fixtureJson, harness, type Harness } from './fakeWebhook';

/**
 * RingCentral sends a caller to voicemail in the telephony session (party VoiceMail, then
 * Disconnected, possibly flagged missedCall) and reports the message, if one was left, as a voicemail
 * event under its own message id. One call, one sequence, of the right class.
 */

const TOKEN = 'rc-verification-token';
const NOW = Date.parse('2027-03-10T15:00:00.000Z');
const CALLER = '+13055550123';
const BUSINESS = '+15125550142';

let h: Harness | undefined;
afterEach(async () => {
  await h?.cleanup();
  h = undefined;
});

type Json = Record<string, any>;
type Out = { json: Record<string, any> }[][] | undefined;
const enrolled = (r: { workflowData?: unknown }) => ((r.workflowData as Out)?.[0] ?? []).map((i) => i.json);
const iso = (s: number) => new Date(NOW + s * 1000).toISOString();

/** the caller's Inbound party of session `id` with `status` at `s` seconds */
function party(id: string, code: string, missedCall: boolean, s: number): Json {
  const e = fixtureJson<Json>('ringcentral-telephony-sessions-disconnected-missed.json');
  e.timestamp = iso(s);
  Object.assign(e.body, { telephonySessionId: id, eventTime: iso(s) });
  Object.assign(e.body.parties[0], { status: { code }, missedCall, from: { phoneNumber: CALLER }, to: { ...e.body.parties[0].to, phoneNumber: BUSINESS } });
  return e;
}

/** the voicemail event of message `id` the caller left, at `s` seconds */
function message(id: string, s: number): Json {
  const e = fixtureJson<Json>('ringcentral-voicemail-message.json');
  e.timestamp = iso(s);
  Object.assign(e.body, { id, creationTime: iso(s - 20), from: { phoneNumber: CALLER, name: 'Dana Lee' } });
  return e;
}

function ringcentral() {
  h = harness({ ...BASE_PARAMS, provider: 'ringcentral', filters: { calendar: 'always' } }, { missedCallRingCentralWebhook: { verificationToken: TOKEN } });
  const t = h;
  const post = async (event: Json, s: number) => {
    const r = await t.call({ rawBody: JSON.stringify(event), headers: { 'content-type': 'application/json', 'verification-token': TOKEN } }, { currentTime: iso(s) });
    expect(r.reply.status).toBe(200);
    return enrolled(r.result);
  };
  const sweep = async (s: number) => (await sweepSettledCalls(await t.ledger(), { now: NOW + s * 1000, worker: 'w', limit: 50, leaseMs: 600_000 })).outcomes;
  return { post, sweep, ledger: () => t.ledger() };
}

describe('Missed Call Trigger: a RingCentral caller sent to voicemail', () => {
  it('who leaves a message gets one sequence, as a voicemail, even when the session ends flagged missedCall', async () => {
    const rc = ringcentral();
    expect(await rc.post(party('s-1', 'VoiceMail', false, 20), 20)).toEqual([]);
    expect(await rc.post(party('s-1', 'Disconnected', true, 45), 45)).toEqual([]);
    const fired = await rc.post(message('m-1', 50), 50);
    expect(fired.map((i) => [i.call.class, i.call.from])).toEqual([['voicemail', CALLER]]);
    // the session settles 90 s after its end: the caller is enrolled already
    const settled = await rc.sweep(140);
    expect(settled.map((o) => [o.outcome, o.enrolled])).toEqual([['filtered', null]]);
    expect((await (await rc.ledger()).enrollmentsOf(CALLER)).length).toBe(1);
  });

  it('who hangs up at the greeting was missed, once the session settles', async () => {
    const rc = ringcentral();
    await rc.post(party('s-2', 'VoiceMail', false, 20), 20);
    await rc.post(party('s-2', 'Disconnected', true, 24), 24);
    expect(await rc.sweep(100)).toEqual([]);
    const settled = await rc.sweep(114);
    expect(settled.map((o) => [o.outcome, o.enrolled?.call.class, o.enrolled?.contact.phone])).toEqual([['enrolled', 'missed', CALLER]]);
  });

  it('a session never sent to voicemail still fires its missed end at once', async () => {
    const rc = ringcentral();
    expect((await rc.post(party('s-3', 'Disconnected', true, 30), 30)).map((i) => i.call.class)).toEqual(['missed']);
  });
});
