/**
 * CRM retries honour Retry-After on 429 (HubSpot's burst window is 10 s, Pipedrive's 2 s): the wait
 * is the longer of the backoff and Retry-After, and a Retry-After beyond the cap ends the retries at
 * once (the update goes pending) instead of holding the execution.
 */
import { describe, expect, it } from 'vitest';
import { CRM_MAX_RETRY_AFTER_MS, isCrmError, retryingCaller, type CrmHttp, type CrmHttpResponse } from '../../../nodes/transport/crm';

const ok: CrmHttpResponse = { status: 200, headers: {}, body: '{"id":"1"}' };
const limited = (retryAfter?: string): CrmHttpResponse => ({ status: 429, headers: retryAfter ? { 'Retry-After': retryAfter } : {}, body: '{"status":"error","message":"You have reached your ten_secondly_rolling limit.","category":"RATE_LIMITS"}' });

function rig(answers: CrmHttpResponse[]) {
  const waits: number[] = [];
  let i = 0;
  const http: CrmHttp = async () => answers[Math.min(i++, answers.length - 1)]!;
  const caller = retryingCaller('hubspot', http, { maxAttempts: 4, baseDelayMs: 1000, sleep: async (ms) => void waits.push(ms) });
  return { caller, waits, sent: () => i };
}

describe('CRM retries and Retry-After', () => {
  it('waits Retry-After when it is longer than the backoff', async () => {
    const r = rig([limited('10'), ok]);
    const res = await r.caller.call({ method: 'POST', url: 'https://api.hubapi.com/crm/v3/objects/tasks' }, () => 'rate limited');
    expect(res.status).toBe(200);
    expect(r.waits).toEqual([10_000]);
  });

  it('keeps the backoff when Retry-After is shorter or absent', async () => {
    const r = rig([limited('0'), limited(), ok]);
    await r.caller.call({ method: 'GET', url: 'https://api.pipedrive.com/v1/persons/search' }, () => 'rate limited');
    expect(r.waits).toEqual([1000, 2000]);
  });

  it('reads Retry-After as an HTTP date', async () => {
    const r = rig([limited(new Date(Date.now() + 8_000).toUTCString()), ok]);
    await r.caller.call({ method: 'GET', url: 'https://api.pipedrive.com/v1/notes' }, () => 'rate limited');
    expect(r.waits[0]).toBeGreaterThan(5_000);
    expect(r.waits[0]).toBeLessThanOrEqual(8_000);
  });

  it('gives up at once (retryable) on a Retry-After beyond the cap', async () => {
    const r = rig([limited(String(CRM_MAX_RETRY_AFTER_MS / 1000 + 3600)), ok]);
    const e = await r.caller.call({ method: 'POST', url: 'https://api.hubapi.com/crm/v3/objects/notes' }, () => 'daily limit').catch((x: unknown) => x);
    expect(isCrmError(e) && e.code).toBe('CRM_UNAVAILABLE');
    expect(isCrmError(e) && e.retryable).toBe(true);
    expect(r.sent()).toBe(1);
    expect(r.waits).toEqual([]);
  });
});
