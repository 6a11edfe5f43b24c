/**
 * Follow-up Sender with SMS Provider = RingCentral in a real n8n-core workflow: the node exchanges
 * the credential's JWT for an access token and sends the text from the business's RingCentral number
 * (From Number, else the number the caller called) to the RingCentral emulator, which checks each
 * request against RingCentral's OpenAPI spec.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openLedger, type Ledger } from '../../../nodes/ledger';
import { FollowUpSender } from '../../../nodes/FollowUpSender/FollowUpSender.node';
import { ringCentralCredentialTest } from '../../../nodes/FollowUpSender/ringCentralCredentialTest';
import { startRingCentralEmulator, type RingCentralEmulator } from '../../emulators/ringcentralEmulator';
import { embeddedLedgerFile, loadHarness, useFreshUserFolder, type Harness } from '../harness';
import { enrollCaller } from '../harness/fixtures';
import type { ICredentialsDecrypted, ICredentialTestFunctions } from 'n8n-workflow';

// Thursday 2027-01-14 12:00 in Miami (EST)
const NOON = Date.UTC(2027, 0, 14, 17, 0);
const MIN = 60_000;
const [SENT, NOT_SENT] = [0, 1];
const CALLED = '+15125550142'; // the fixtures' call goes to this number
const MAIN_LINE = '+15125550100';

let h: Harness;
let ledger: Ledger;
let rc: RingCentralEmulator;
let n = 0;
const phone = () => `+1305555${String(7000 + ++n).padStart(4, '0')}`;
const tokenCalls = () => rc.requests.filter((r) => r.path === '/restapi/oauth/token').length;

beforeAll(async () => {
  useFreshUserFolder();
  h = await loadHarness();
  ledger = await openLedger({ kind: 'embedded', path: embeddedLedgerFile() });
  rc = await startRingCentralEmulator({ numbers: [CALLED, MAIN_LINE] });
});
afterAll(async () => {
  await ledger.close();
  await rc.close();
});
// the workflows run the built package, whose access-token cache lives on between tests (as in a real n8n process)
beforeEach(() => rc.reset());

function sender(items: object[], now: number, parameters: Record<string, unknown> = {}, o: { clientSecret?: string; credentialId?: string } = {}) {
  return h.runWorkflow({
    nodes: [{ name: 'Send', type: 'followUpSender', parameters: { currentTime: new Date(now).toISOString(), smsProvider: 'ringcentral', ...parameters } }],
    connections: [],
    startNode: 'Send',
    triggerItems: items as never,
    credentials: { missedCallRingCentralApi: { serverUrl: rc.url, clientId: rc.clientId, clientSecret: o.clientSecret ?? rc.clientSecret, jwt: rc.jwt } },
    ...(o.credentialId ? { credentialIds: { missedCallRingCentralApi: o.credentialId } } : {}),
  });
}

async function enrolled(call: Record<string, unknown> = {}) {
  const p = phone();
  const e = await enrollCaller(ledger, { phone: p, at: NOON - 2 * MIN, dueAt: NOON });
  return { ...e, phone: p, item: { touch: { id: e.touch.id, phone: p, enrollmentId: e.enrollment.id }, contact: { phone: p, name: 'Dana Lee' }, call: { ...e.call, ...call } } };
}

type Send = { outcome: string; reason: string | null; provider: string; messageId: string; message?: string; providerCode?: string | null; next: { stepId: string } | null };
const sendOf = (r: Awaited<ReturnType<typeof sender>>, out: number) => r.outputs('Send')[out]![0]!.send as Send;

describe('Follow-up Sender: SMS through RingCentral', () => {
  it('sends from the number the caller called, records RingCentral\'s message id and schedules the next step', async () => {
    const e = await enrolled();
    const r = await sender([e.item], NOON);
    expect(r.error).toBeUndefined();
    expect(r.outputs('Send').map((o) => o.length)).toEqual([1, 0]);
    expect(rc.violations).toEqual([]);
    expect(rc.texts).toHaveLength(1);
    const t = rc.texts[0]!;
    expect(t).toMatchObject({ to: [e.phone], from: CALLED });
    expect(t.text).toContain('Brightside Plumbing');
    expect(t.text).toContain('Dana');
    expect(sendOf(r, SENT)).toMatchObject({ outcome: 'sent', provider: 'ringcentral', messageId: t.id, next: { stepId: 'email-next-day' } });
    const touches = await ledger.touchesOf(e.enrollment.id);
    expect(touches[0]).toMatchObject({ stepId: 'sms-first', status: 'sent', provider: 'ringcentral', providerMessageId: t.id });
    // no secret and no access token in the items, the touches or the audit trail
    const seen = JSON.stringify([r.outputs('Send'), touches, await ledger.auditTrail({ enrollmentId: e.enrollment.id })]);
    expect(seen).toContain(t.id);
    for (const secret of [rc.clientSecret, rc.jwt, ...rc.tokensIssued]) expect(seen).not.toContain(secret);
  });

  it('sends from From Number when it is set, and reuses the access token across executions', async () => {
    const [a, b] = [await enrolled(), await enrolled()];
    rc.revokeTokens(); // the token an earlier test left is refused: one new token, then reused
    await sender([a.item], NOON, { ringCentralFromNumber: ` ${MAIN_LINE} ` });
    await sender([b.item], NOON, { ringCentralFromNumber: MAIN_LINE });
    expect(rc.texts.map((t) => t.from)).toEqual([MAIN_LINE, MAIN_LINE]);
    expect(tokenCalls()).toBe(1);
  });

  it('never sends twice: the same item run again is ALREADY_SENT', async () => {
    const e = await enrolled();
    await sender([e.item], NOON);
    const again = await sender([e.item], NOON + MIN);
    expect(sendOf(again, NOT_SENT)).toMatchObject({ outcome: 'skipped', reason: 'ALREADY_SENT' });
    expect(rc.texts).toHaveLength(1);
  });

  it('without From Number or a called number, fails the item with what to set, and leaves the touch unsent', async () => {
    const p = phone();
    const e = await enrollCaller(ledger, { phone: p, at: NOON - 2 * MIN, dueAt: NOON });
    const r = await sender([{ touch: { id: e.touch.id }, call: { ...e.call, to: '' } }], NOON);
    expect(r.error?.message).toBe('No RingCentral number to send from');
    expect(rc.requests).toEqual([]);
    expect((await ledger.touch(e.touch.id))!.status).toBe('pending');
  });

  it('a number that cannot take a text (SMS-UP-412) is blocked and the sequence goes on', async () => {
    const e = await enrolled();
    rc.script({ kind: 'failed', status: 'SendingFailed', deliveryErrorCode: 'SMS-UP-412' });
    const r = await sender([e.item], NOON);
    expect(sendOf(r, NOT_SENT)).toMatchObject({ outcome: 'blocked', reason: 'INVALID_NUMBER', providerCode: 'SMS-UP-412', next: { stepId: 'email-next-day' } });
  });

  it('a number that is not the user\'s fails the touch with RingCentral\'s code, without moving on', async () => {
    const e = await enrolled();
    const r = await sender([e.item], NOON, { ringCentralFromNumber: '+15125550199' });
    expect(sendOf(r, NOT_SENT)).toMatchObject({ outcome: 'failed', reason: 'PROVIDER_ERROR', providerCode: 'CMN-101', message: 'Parameter [from.phoneNumber] value is invalid', next: null });
    expect((await ledger.touch(e.touch.id))!.status).toBe('failed');
  });

  it('a client secret rotated since it was cached: the sender reads the credential again and sends once', async () => {
    const original = rc.clientSecret;
    try {
      const first = await enrolled();
      expect(sendOf(await sender([first.item], NOON, {}, { credentialId: 'rc-rotated' }), SENT).outcome).toBe('sent');
      const before = rc.requests.length;
      rc.clientSecret = 'rotated-client-secret-0123';
      rc.revokeTokens();
      const second = await enrolled();
      const r = await sender([second.item], NOON, {}, { clientSecret: rc.clientSecret, credentialId: 'rc-rotated' });
      expect(sendOf(r, SENT).outcome).toBe('sent');
      expect(rc.texts.map((t) => t.to[0])).toEqual([first.phone, second.phone]);
      // the old token refused (401), the old secret refused (401), the new secret's token, the text
      expect(rc.requests.slice(before).map((q) => `${q.path.endsWith('/sms') ? 'sms' : 'token'} ${q.status}`)).toEqual(['sms 401', 'token 401', 'token 200', 'sms 200']);
    } finally {
      rc.clientSecret = original;
    }
  });
});

describe('the RingCentral credential\'s Test', () => {
  const test = (data: Record<string, string>) => ringCentralCredentialTest.call(
    { helpers: { request: requestShim } } as unknown as ICredentialTestFunctions,
    { id: '1', name: 'RingCentral', type: 'missedCallRingCentralApi', data } as ICredentialsDecrypted,
  );

  it('is the node\'s test for the credential', () => {
    const node = new FollowUpSender();
    expect(node.description.credentials!.find((c) => c.name === 'missedCallRingCentralApi')!.testedBy).toBe('ringCentralCredentialTest');
    expect(node.methods.credentialTest.ringCentralCredentialTest).toBe(ringCentralCredentialTest);
  });

  it('exchanges the JWT and sends nothing', async () => {
    const r = await test({ serverUrl: rc.url, clientId: rc.clientId, clientSecret: rc.clientSecret, jwt: rc.jwt });
    expect(r).toEqual({ status: 'OK', message: `${rc.url} issued an access token for the JWT's user.` });
    expect(rc.requests.map((q) => q.path)).toEqual(['/restapi/oauth/token']);
  });

  it('names RingCentral\'s refusal, never the secret', async () => {
    const r = await test({ serverUrl: rc.url, clientId: rc.clientId, clientSecret: 'wrong-secret', jwt: rc.jwt });
    expect(r.status).toBe('Error');
    expect(r.message).toMatch(/Invalid client/);
    expect(r.message).not.toContain('wrong-secret');
  });
});

/** n8n's legacy `request` helper as the credential test gets it: full response, no throw on HTTP errors. */
async function requestShim(o: { method: string; uri: string; headers: Record<string, string>; body: string }) {
  const res = await fetch(o.uri, { method: o.method, headers: o.headers, body: o.body });
  const headers: Record<string, string> = {};
  res.headers.forEach((v, k) => (headers[k] = v));
  return { statusCode: res.status, headers, body: await res.text() };
}
