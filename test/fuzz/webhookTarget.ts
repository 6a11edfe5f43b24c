/**
 * Fuzz target of the Missed Call Trigger's webhook entry: hostile bodies (also invalid UTF-8
 * bytes), correctly signed for the provider so they get past authentication into the parsers and
 * the ledger, or unsigned. Shared by test/fuzz/webhook.fuzz.test.ts and bench/fuzz.bench.ts.
 */
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';
import { twilioSignature } from '../../nodes/shared/signatures';
import { fourTouch } from '../../shared/templates';
import type { Provider } from '../../shared/schema/callEvent';
import { classifyInput, FuzzFailure, GENERIC_MAPPING } from './targets';
import { callWebhook, WEBHOOK_URL } from './webhookContext';

export const FUZZ_NOW = Date.parse('2027-03-10T15:00:00.000Z');
const SECRETS = { twilio: 'fuzz-twilio-token', zoom: 'fuzz-zoom-secret', dialpad: 'fuzz-dialpad-secret', generic: 'fuzz-generic-token' } as const;
export type SignedProvider = keyof typeof SECRETS;
export const SIGNED_PROVIDERS = Object.keys(SECRETS) as SignedProvider[];

const CREDS: Record<string, IDataObject> = {
  missedCallTwilioApi: { authType: 'authToken', accountSid: 'AC123', authToken: SECRETS.twilio },
  missedCallZoomPhoneWebhook: { secretToken: SECRETS.zoom },
  missedCallDialpadWebhook: { jwtSecret: SECRETS.dialpad },
};

function params(provider: SignedProvider): IDataObject {
  return {
    provider,
    ledger: 'embedded',
    templateSource: 'json',
    templateJson: JSON.stringify(fourTouch),
    classes: ['missed', 'voicemail', 'abandoned'],
    settleSeconds: 90,
    filters: { calendar: 'always' },
    currentTime: new Date(FUZZ_NOW).toISOString(),
    genericMapping: JSON.stringify(GENERIC_MAPPING),
    genericAuth: 'headerToken',
    genericHeader: 'X-Webhook-Token',
    genericToken: SECRETS.generic,
  };
}

function formParams(raw: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const [k, v] of new URLSearchParams(raw)) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

/** Headers that authenticate `raw` for the provider (as the provider would sign it). */
export function signFor(provider: SignedProvider, raw: Buffer, contentType: string): { headers: Record<string, string>; rawBody: Buffer } {
  const headers: Record<string, string> = { 'content-type': contentType };
  switch (provider) {
    case 'twilio':
      headers['x-twilio-signature'] = twilioSignature(SECRETS.twilio, WEBHOOK_URL, formParams(raw.toString('utf8')));
      return { headers, rawBody: raw };
    case 'zoom': {
      const ts = String(Math.floor(FUZZ_NOW / 1000));
      headers['x-zm-request-timestamp'] = ts;
      headers['x-zm-signature'] = `v0=${createHmac('sha256', SECRETS.zoom).update(Buffer.concat([Buffer.from(`v0:${ts}:`), raw])).digest('hex')}`;
      return { headers, rawBody: raw };
    }
    case 'dialpad': {
      // the body becomes the payload of a correctly signed JWT
      const input = `${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url(raw)}`;
      const jwt = `${input}.${createHmac('sha256', SECRETS.dialpad).update(input).digest('base64url')}`;
      return { headers: { 'content-type': 'application/jwt' }, rawBody: Buffer.from(jwt) };
    }
    case 'generic':
      headers['x-webhook-token'] = SECRETS.generic;
      return { headers, rawBody: raw };
  }
}

export interface WebhookInput {
  provider: SignedProvider;
  signed: boolean;
  raw: Buffer;
  contentType: string;
}

const parserProvider = (p: SignedProvider): Provider => p;

export const webhookInput: fc.Arbitrary<WebhookInput> = fc
  .constantFrom(...SIGNED_PROVIDERS)
  .chain((provider) =>
    fc.record({
      provider: fc.constant(provider),
      signed: fc.boolean().map((b) => b || provider === 'generic'),
      body: fc.oneof(
        { weight: 4, arbitrary: classifyInput(parserProvider(provider)).map((x) => ({ raw: Buffer.from(x.body, 'utf8'), contentType: x.contentType })) },
        {
          weight: 1,
          arbitrary: fc.record({
            raw: fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)),
            contentType: fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'text/plain'),
          }),
        },
        // valid UTF-8 around invalid bytes
        { weight: 1, arbitrary: fc.constantFrom(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), Buffer.from('From=%2B1305&CallSid=\xc3\x28', 'latin1'), Buffer.from([0xed, 0xa0, 0x80])).map((raw) => ({ raw, contentType: 'application/json' })) },
      ),
    }),
  )
  .map(({ provider, signed, body }) => ({ provider, signed, raw: body.raw, contentType: body.contentType }));

/** One delivery through the real node; returns `<status>` or throws FuzzFailure. */
export async function runWebhook(x: WebhookInput): Promise<string> {
  const req = x.signed ? signFor(x.provider, x.raw, x.contentType) : { headers: { 'content-type': x.contentType }, rawBody: x.raw };
  let r;
  try {
    r = await callWebhook(params(x.provider), CREDS, req);
  } catch (e) {
    throw new FuzzFailure(`webhook threw (n8n would answer 500): ${(e as Error)?.message}`);
  }
  if (r.status === null) throw new FuzzFailure('no response was sent');
  if (r.status >= 500) throw new FuzzFailure(`answered ${r.status} for bad input`);
  if (r.status >= 400) {
    let body: { error?: unknown };
    try {
      body = JSON.parse(r.body ?? '') as { error?: unknown };
    } catch {
      throw new FuzzFailure(`a ${r.status} without a JSON error body: ${r.body?.slice(0, 200)}`);
    }
    if (typeof body.error !== 'string') throw new FuzzFailure(`a ${r.status} without an error code: ${r.body?.slice(0, 200)}`);
  }
  if (!x.signed && r.status !== 401) {
    throw new FuzzFailure(`an unsigned ${x.provider} delivery was answered ${r.status}`);
  }
  return String(r.status);
}
