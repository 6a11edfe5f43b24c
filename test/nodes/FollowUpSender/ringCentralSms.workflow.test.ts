/**
 * Follow-up Sender with SMS Provider = RingCentral in a real n8n-core workflow: the node exchanges
 * the credential's JWT for an access token and sends the text from the business's RingCentral number
 * (From Number, else the number the caller called) to the RingCentral emulator, which checks each
 * request against RingCentral's OpenAPI spec.
 */
import { describe, expect, it } from 'vitest';
import type { ICredentialsDecrypted, ICredentialTestFunctions } from 'n8n-workflow';
import { FollowUpSender } from '../../../nodes/FollowUpSender/FollowUpSender.node';
import { ringCentralCredentialTest } from '../../../nodes/FollowUpSender/ringCentralCredentialTest';
import { startRingCentralEmulator } from '../../emulators/ringcentralEmulator';
import { enrollCaller } from '../harness/fixtures';
import { CALLED, MAIN_LINE, MIN, NOON, NOT_SENT, SENT, phoneSystemSender } from './phoneSystemSender';

// the workflows run the built package, whose access-token cache lives on between tests (as in a real n8n process)
const { s, phone, sender, enrolled, sendOf } = phoneSystemSender({
  smsProvider: 'ringcentral',
  credentialType: 'missedCallRingCentralApi',
  start: (numbers) => startRingCentralEmulator({ numbers }),
  credentials: (rc, c) => ({ serverUrl: rc.url, clientId: rc.clientId, clientSecret: c.clientSecret ?? rc.clientSecret, jwt: rc.jwt }),
  phoneBase: 7000,
});
const tokenCalls = () => s.emulator.requests.filter((r) => r.path === '/restapi/oauth/token').length;

describe('Follow-up Sender: SMS through RingCentral', () => {
  it('sends from the number the caller called, records RingCentral\'s message id and schedules the next step', async () => {
    const e = await enrolled();
    const r = await sender([e.item], NOON);
    expect(r.error).toBeUndefined();
    expect(r.outputs('Send').map((o) => o.length)).toEqual([1, 0]);
    expect(s.emulator.violations).toEqual([]);
    expect(s.emulator.texts).toHaveLength(1);
    const t = s.emulator.texts[0]!;
    expect(t).toMatchObject({ to: [e.phone], from: CALLED });
    expect(t.text).toContain('Brightside Plumbing');
    expect(t.text).toContain('Dana');
    expect(sendOf(r, SENT)).toMatchObject({ outcome: 'sent', provider: 'ringcentral', messageId: t.id, next: { stepId: 'email-next-day' } });
    const touches = await s.ledger.touchesOf(e.enrollment.id);
    expect(touches[0]).toMatchObject({ stepId: 'sms-first', status: 'sent', provider: 'ringcentral', providerMessageId: t.id });
    // no secret and no access token in the items, the touches or the audit trail
    const seen = JSON.stringify([r.outputs('Send'), touches, await s.ledger.auditTrail({ enrollmentId: e.enrollment.id })]);
    expect(seen).toContain(t.id);
    for (const secret of [s.emulator.clientSecret, s.emulator.jwt, ...s.emulator.tokensIssued]) expect(seen).not.toContain(secret);
  });

  it('sends from From Number when it is set, and reuses the access token across executions', async () => {
    const [a, b] = [await enrolled(), await enrolled()];
    s.emulator.revokeTokens(); // the token an earlier test left is refused: one new token, then reused
    await sender([a.item], NOON, { ringCentralFromNumber: ` ${MAIN_LINE} ` });
    await sender([b.item], NOON, { ringCentralFromNumber: MAIN_LINE });
    expect(s.emulator.texts.map((t) => t.from)).toEqual([MAIN_LINE, MAIN_LINE]);
    expect(tokenCalls()).toBe(1);
  });

  it('never sends twice: the same item run again is ALREADY_SENT', async () => {
    const e = await enrolled();
    await sender([e.item], NOON);
    const again = await sender([e.item], NOON + MIN);
    expect(sendOf(again, NOT_SENT)).toMatchObject({ outcome: 'skipped', reason: 'ALREADY_SENT' });
    expect(s.emulator.texts).toHaveLength(1);
  });

  it('without From Number or a called number, fails the item with what to set, and leaves the touch unsent', async () => {
    const p = phone();
    const e = await enrollCaller(s.ledger, { phone: p, at: NOON - 2 * MIN, dueAt: NOON });
    const r = await sender([{ touch: { id: e.touch.id }, call: { ...e.call, to: '' } }], NOON);
    expect(r.error?.message).toBe('No RingCentral number to send from');
    expect(s.emulator.requests).toEqual([]);
    expect((await s.ledger.touch(e.touch.id))!.status).toBe('pending');
  });

  it('a number that cannot take a text (SMS-UP-412) is blocked and the sequence goes on', async () => {
    const e = await enrolled();
    s.emulator.script({ kind: 'failed', status: 'SendingFailed', deliveryErrorCode: 'SMS-UP-412' });
    const r = await sender([e.item], NOON);
    expect(sendOf(r, NOT_SENT)).toMatchObject({ outcome: 'blocked', reason: 'INVALID_NUMBER', providerCode: 'SMS-UP-412', next: { stepId: 'email-next-day' } });
  });

  it('a number that is not the user\'s fails the touch with RingCentral\'s code, without moving on', async () => {
    const e = await enrolled();
    const r = await sender([e.item], NOON, { ringCentralFromNumber: '+15125550199' });
    expect(sendOf(r, NOT_SENT)).toMatchObject({ outcome: 'failed', reason: 'PROVIDER_ERROR', providerCode: 'CMN-101', message: 'Parameter [from.phoneNumber] value is invalid', next: null });
    expect((await s.ledger.touch(e.touch.id))!.status).toBe('failed');
  });

  it('a client secret rotated since it was cached: the sender reads the credential again and sends once', async () => {
    const original = s.emulator.clientSecret;
    try {
      const first = await enrolled();
      expect(sendOf(await sender([first.item], NOON, {}, { credentialId: 'rc-rotated' }), SENT).outcome).toBe('sent');
      const before = s.emulator.requests.length;
      s.emulator.clientSecret = 'rotated-client-secret-0123';
      s.emulator.revokeTokens();
      const second = await enrolled();
      const r = await sender([second.item], NOON, {}, { credential: { clientSecret: s.emulator.clientSecret }, credentialId: 'rc-rotated' });
      expect(sendOf(r, SENT).outcome).toBe('sent');
      expect(s.emulator.texts.map((t) => t.to[0])).toEqual([first.phone, second.phone]);
      // the old token refused (401), the old secret refused (401), the new secret's token, the text
      expect(s.emulator.requests.slice(before).map((q) => `${q.path.endsWith('/sms') ? 'sms' : 'token'} ${q.status}`)).toEqual(['sms 401', 'token 401', 'token 200', 'sms 200']);
    } finally {
      s.emulator.clientSecret = original;
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
    const r = await test({ serverUrl: s.emulator.url, clientId: s.emulator.clientId, clientSecret: s.emulator.clientSecret, jwt: s.emulator.jwt });
    expect(r).toEqual({ status: 'OK', message: `${s.emulator.url} issued an access token for the JWT's user.` });
    expect(s.emulator.requests.map((q) => q.path)).toEqual(['/restapi/oauth/token']);
  });

  it('names RingCentral\'s refusal, never the secret', async () => {
    const r = await test({ serverUrl: s.emulator.url, clientId: s.emulator.clientId, clientSecret: 'wrong-secret', jwt: s.emulator.jwt });
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
