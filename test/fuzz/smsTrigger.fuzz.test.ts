/**
 * Fuzzing of the Missed Call SMS Trigger's webhook entry (the real node, a fake n8n context):
 * - any body, unsigned or signed with another token, gets 400 or 403 and emits nothing;
 * - any form Twilio could sign (unique names, any text) signed with the right token gets 200, and the
 *   emitted body is exactly the fields that were signed.
 * Never an exception (n8n's 500). FUZZ_RUNS inputs per property (default 2 000).
 */
import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';
import { afterAll, describe, expect, it } from 'vitest';
import { MissedCallSmsTrigger } from '../../nodes/MissedCallSmsTrigger/MissedCallSmsTrigger.node';
import { harness, signedTwilio, TWILIO_CREDS, TWILIO_TOKEN } from '../nodes/MissedCallTrigger/fakeWebhook';

const RUNS = Number(process.env.FUZZ_RUNS ?? 2_000);
const h = harness({}, TWILIO_CREDS, undefined, { node: new MissedCallSmsTrigger() });
afterAll(async () => h.cleanup());

type Out = { json: IDataObject }[][] | undefined;
/** text as URLSearchParams round-trips it (well-formed UTF-16: no lone surrogates) */
const text = fc.string({ unit: 'binary', maxLength: 40 }).filter((s) => !/\p{Cs}/u.test(s));

describe('fuzz: Missed Call SMS Trigger webhook', () => {
  it(`answers ${RUNS} bodies it cannot trust with 400 or 403 and starts nothing`, async () => {
    const counts: Record<string, number> = {};
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.dictionary(text, text).map((d) => new URLSearchParams(d).toString())),
        fc.constantFrom('unsigned', 'wrong token', 'garbage'),
        fc.constantFrom('application/x-www-form-urlencoded', 'application/json', 'text/plain'),
        async (raw, how, contentType) => {
          const signed = signedTwilio(Object.fromEntries(new URLSearchParams(raw)), how === 'wrong token' ? 'not-the-token' : TWILIO_TOKEN);
          const headers: Record<string, string> = { 'content-type': contentType };
          if (how === 'wrong token') headers['x-twilio-signature'] = signed.headers!['x-twilio-signature']!;
          if (how === 'garbage') headers['x-twilio-signature'] = raw.slice(0, 28);
          const { result, reply } = await h.call({ rawBody: raw, headers });
          expect([400, 403]).toContain(reply.status);
          expect(result.workflowData).toBeUndefined();
          counts[String(reply.status)] = (counts[String(reply.status)] ?? 0) + 1;
        },
      ),
      { numRuns: RUNS },
    );
    expect(counts['403']).toBeGreaterThan(0);
  }, 120_000);

  it(`accepts ${RUNS} forms signed with the right token and emits exactly the fields signed`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(text.filter((k) => k !== ''), text, { maxKeys: 12 }), async (form) => {
        const { result, reply } = await h.call(signedTwilio(form));
        expect(reply.status).toBe(200);
        const item = (result.workflowData as Out)![0]![0]!.json;
        expect(item.body).toEqual({ ...form });
      }),
      { numRuns: RUNS },
    );
  }, 120_000);
});
