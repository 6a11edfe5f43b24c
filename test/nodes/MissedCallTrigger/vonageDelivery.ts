import { createHash, createHmac } from 'node:crypto';
import { expect } from 'vitest';
import { sweepSettledCalls } from '../../../nodes/shared/triggerPipeline';
import { BASE_PARAMS, harness, type Harness } from './fakeWebhook';

/** The Vonage tests' signature secret, numbers and clock. */
export const VONAGE_SECRET = 'vonage-signature-secret';
export const VONAGE_NOW = Date.parse('2027-03-10T15:00:00.000Z');
export const CALLER = '+13055550123';
export const BUSINESS = '+15125550142';
export const AGENT = '+15125550177';
/** Vonage posts numbers as E.164 without `+` */
export const digits = (e164: string) => e164.slice(1);

const b64url = (s: string) => Buffer.from(s, 'utf8').toString('base64url');

/** A Vonage event delivery as Vonage signs it: a JSON body and an HS256 JWT whose payload_hash covers it. */
export function signedVonage(event: Record<string, unknown>, at: number, secret = VONAGE_SECRET) {
  const body = JSON.stringify(event);
  const claims = { iat: Math.floor(at / 1000), jti: `j-${Math.random()}`, iss: 'Vonage', payload_hash: createHash('sha256').update(body).digest('hex') };
  const input = `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64url(JSON.stringify(claims))}`;
  const jwt = `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
  return { rawBody: body, headers: { 'content-type': 'application/json', authorization: `Bearer ${jwt}` } };
}

type Out = { json: Record<string, any> }[][] | undefined;

/**
 * A Missed Call Trigger for Vonage (`params` on top of the base parameters) with the real ledger:
 * `post` signs and delivers an event `s` seconds after VONAGE_NOW and returns what it enrolled;
 * `sweep` runs the settle sweep at `s`. Call `cleanup` after each test.
 */
export function vonageTrigger(params: Record<string, unknown> = {}) {
  const t: Harness = harness({ ...BASE_PARAMS, provider: 'vonage', filters: { calendar: 'always' }, ...params }, { missedCallVonageWebhook: { signatureSecret: VONAGE_SECRET } });
  const post = async (event: Record<string, unknown>, s: number) => {
    const at = VONAGE_NOW + s * 1000;
    const r = await t.call(signedVonage({ timestamp: new Date(at).toISOString(), ...event }, at), { currentTime: new Date(at).toISOString() });
    expect(r.reply.status).toBe(200);
    return ((r.result.workflowData as Out)?.[0] ?? []).map((i) => i.json);
  };
  const sweep = async (s: number) => sweepSettledCalls(await t.ledger(), { now: VONAGE_NOW + s * 1000, worker: 'w', limit: 50, leaseMs: 600_000 });
  return { post, sweep, ledger: () => t.ledger(), cleanup: () => t.cleanup() };
}

type Extra = Record<string, unknown>;
const at = (s: number) => new Date(VONAGE_NOW + s * 1000).toISOString();

/**
 * The events of an inbound call in conversation `con`: the caller's leg (`<con>-in`), the connect
 * leg to the agent (`<con>-agent`), machine detection's verdict on that leg (`call_uuid`, no
 * direction) and the record event of a message the caller left from `startS` to `endS` (no numbers,
 * no direction).
 */
export const vonageInbound = (con: string) => ({
  in: (status: string, more: Extra = {}) => ({ uuid: `${con}-in`, conversation_uuid: con, direction: 'inbound', from: digits(CALLER), to: digits(BUSINESS), status, ...more }),
  agent: (status: string, more: Extra = {}) => ({ uuid: `${con}-agent`, conversation_uuid: con, direction: 'outbound', from: digits(BUSINESS), to: digits(AGENT), status, ...more }),
  verdict: (status: 'human' | 'machine', more: Extra = {}) => ({ call_uuid: `${con}-agent`, conversation_uuid: con, from: digits(BUSINESS), to: digits(AGENT), status, ...more }),
  record: (startS: number, endS: number) => ({ uuid: `${con}-in`, conversation_uuid: con, recording_url: `https://api.nexmo.com/v1/files/${con}`, start_time: at(startS), end_time: at(endS) }),
});

/** A call the business places to the customer (its own conversation `con`, outbound only, leg `<con>-out`) and the verdict on it. */
export const vonageCallBack = (con: string) => ({
  leg: (status: string, more: Extra = {}) => ({ uuid: `${con}-out`, conversation_uuid: con, direction: 'outbound', from: digits(BUSINESS), to: digits(CALLER), status, ...more }),
  verdict: (status: 'human' | 'machine', more: Extra = {}) => ({ call_uuid: `${con}-out`, conversation_uuid: con, from: digits(BUSINESS), to: digits(CALLER), status, ...more }),
});
