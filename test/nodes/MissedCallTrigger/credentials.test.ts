import type { IDataObject } from 'n8n-workflow';
import { afterEach, describe, expect, it } from 'vitest';
import { CredentialCache } from '../../../nodes/shared/CredentialCache';
import { BASE_PARAMS, harness, parentNoAnswer, signedTwilio, TWILIO_CREDS, type Harness } from './fakeWebhook';

const CALLER = '+13055550123';
const NODE_CREDS = { missedCallTwilioApi: { id: 'cred-7', name: 'Twilio' } };
const twilioCreds = (authToken: string): IDataObject => ({ ...TWILIO_CREDS.missedCallTwilioApi, authToken });

let h: Harness;
afterEach(async () => {
  delete process.env.EXECUTIONS_MODE;
  await h?.cleanup();
});

/** A credential store whose token can change (rotation) and whose reads can fail (busy database). */
function store(token: string) {
  const s = { token, reads: 0, fail: null as Error | null };
  const read = async (name: string) => {
    s.reads++;
    if (s.fail) throw s.fail;
    if (name !== 'missedCallTwilioApi') throw new Error(`no credential ${name}`);
    return twilioCreds(s.token);
  };
  return { s, read };
}

describe('Missed Call Trigger: credential reads', () => {
  it('reads a selected credential once for many deliveries (cached per credential id)', async () => {
    const { s, read } = store('tok-1');
    h = harness(BASE_PARAMS, {}, undefined, { nodeCredentials: NODE_CREDS, getCredentials: read });
    for (const [i, sid] of ['CA1', 'CA2', 'CA3'].entries()) {
      const { reply } = await h.call(signedTwilio(parentNoAnswer(sid, `+1305555012${i}`), 'tok-1'));
      expect(reply.status).toBe(200);
    }
    expect(s.reads).toBe(1);
  });

  it('accepts a delivery signed with a rotated secret at once: a failed check re-reads the credential', async () => {
    const { s, read } = store('old-token');
    h = harness(BASE_PARAMS, {}, undefined, { nodeCredentials: NODE_CREDS, getCredentials: read });
    expect((await h.call(signedTwilio(parentNoAnswer('CA1', CALLER), 'old-token'))).reply.status).toBe(200);
    s.token = 'new-token';
    const { reply, result } = await h.call(signedTwilio(parentNoAnswer('CA2', '+13055550124'), 'new-token'));
    expect(reply.status).toBe(200);
    expect(result.workflowData?.[0]).toHaveLength(1);
    expect(s.reads).toBe(2);
  });

  it('still answers 401 to a bad signature after the fresh read, and records nothing', async () => {
    const { s, read } = store('tok-1');
    h = harness(BASE_PARAMS, {}, undefined, { nodeCredentials: NODE_CREDS, getCredentials: read });
    await h.call(signedTwilio(parentNoAnswer('CA1', CALLER), 'tok-1'));
    const { reply } = await h.call(signedTwilio(parentNoAnswer('CA9', CALLER), 'forged-token'));
    expect(reply.status).toBe(401);
    expect(JSON.parse(reply.body!)).toEqual({ error: 'UNAUTHORIZED', code: 'BAD_SIGNATURE' });
    expect(s.reads).toBe(2);
    expect(await (await h.ledger()).callEvents('CA9')).toEqual([]);
  });

  it('answers 503 with Retry-After, not 401, when a selected credential cannot be read (n8n database busy), and records nothing', async () => {
    const { s, read } = store('tok-1');
    s.fail = new Error('timeout exceeded when trying to connect');
    h = harness(BASE_PARAMS, {}, undefined, { nodeCredentials: NODE_CREDS, getCredentials: read });
    const { reply, result } = await h.call(signedTwilio(parentNoAnswer('CA1', CALLER), 'tok-1'));
    expect(reply.status).toBe(503);
    expect(reply.headers['retry-after']).toBe('5');
    expect(JSON.parse(reply.body!)).toEqual({ error: 'UNAVAILABLE', code: 'CREDENTIALS_UNAVAILABLE' });
    expect(result).toEqual({ noWebhookResponse: true });
    expect(await (await h.ledger()).callEvents('CA1')).toEqual([]);
    // the provider's retry, once the database answers again, is processed
    s.fail = null;
    expect((await h.call(signedTwilio(parentNoAnswer('CA1', CALLER), 'tok-1'))).reply.status).toBe(200);
  });

  it('fails closed with 401 when no credential is selected on the node', async () => {
    h = harness(BASE_PARAMS, {}, undefined, { getCredentials: async () => Promise.reject(new Error('Node does not have any credentials set')) });
    const { reply } = await h.call(signedTwilio(parentNoAnswer('CA1', CALLER), 'tok-1'));
    expect(reply.status).toBe(401);
    expect(JSON.parse(reply.body!).code).toBe('MISSING_SECRET');
  });

  it('answers 503 with Retry-After when the ledger cannot be opened (a retryable failure, never a lost call)', async () => {
    process.env.EXECUTIONS_MODE = 'queue'; // the embedded ledger is refused in queue mode
    h = harness(BASE_PARAMS, TWILIO_CREDS);
    const { reply, result } = await h.call(signedTwilio(parentNoAnswer('CA1', CALLER)));
    expect(reply.status).toBe(503);
    expect(reply.headers['retry-after']).toBe('5');
    expect(JSON.parse(reply.body!).code).toBe('LEDGER_UNAVAILABLE');
    expect(result).toEqual({ noWebhookResponse: true });
  });
});

describe('CredentialCache', () => {
  it.each([
    ['right after it was stored', 0, true],
    ['just before the TTL', 999, true],
    ['at the TTL', 1_000, false],
    ['when the clock went back', -1, false],
  ])('returns an entry %s: %s ms → %s', (_, dt, hit) => {
    const c = new CredentialCache(1_000);
    c.set('t:1', { a: 1 }, 10_000);
    expect(c.get('t:1', 10_000 + dt) !== null).toBe(hit);
  });

  it('forgets a deleted key and keeps others', () => {
    const c = new CredentialCache(1_000);
    c.set('t:1', { a: 1 }, 0);
    c.set('t:2', { a: 2 }, 0);
    c.delete('t:1');
    expect([c.get('t:1', 1), c.get('t:2', 1)]).toEqual([null, { a: 2 }]);
  });
});
