/** Twilio voice webhooks as Twilio sends them: a form body signed with X-Twilio-Signature. */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './paths';

/** Twilio's signature: base64 HMAC-SHA1 of the URL followed by every POST field, sorted by name. */
export function twilioSignature(url: string, params: Record<string, string>, authToken: string): string {
  let data = url;
  for (const k of Object.keys(params).sort()) data += k + params[k];
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

/** POSTs a signed Twilio webhook; returns status, content type and body of n8n's answer. */
export async function postTwilio(url: string, params: Record<string, string>, authToken: string): Promise<{ status: number; contentType: string; body: string }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': twilioSignature(url, params, authToken),
      'user-agent': 'TwilioProxy/1.1',
      'i-twilio-idempotency-token': `${params.CallSid}-${params.CallStatus ?? ''}-${params.DialCallStatus ?? ''}`,
    },
    body: new URLSearchParams(params).toString(),
  });
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', body: await res.text() };
}

const BUSINESS_NUMBER = '+15125550142';

/** Status callback of the <Dial>ed child leg that was not answered (provisional: the call may still reach voicemail). */
export function dialLegNoAnswer(accountSid: string, parentSid: string, from: string, at: Date): Record<string, string> {
  return {
    AccountSid: accountSid,
    ApiVersion: '2010-04-01',
    CallSid: `${parentSid}leg`.slice(0, 34),
    ParentCallSid: parentSid,
    CallStatus: 'no-answer',
    Direction: 'outbound-dial',
    CallbackSource: 'call-progress-events',
    SequenceNumber: '2',
    From: from,
    To: '+15125550199',
    Called: '+15125550199',
    Caller: from,
    CallDuration: '0',
    Duration: '0',
    SipResponseCode: '487',
    Timestamp: at.toUTCString().replace('GMT', '+0000'),
  };
}

/** <Dial action> of the inbound call: DialCallStatus no-answer (provisional miss until settled or a final event). */
export function dialActionNoAnswer(accountSid: string, callSid: string, from: string): Record<string, string> {
  return {
    AccountSid: accountSid,
    ApiVersion: '2010-04-01',
    CallSid: callSid,
    CallStatus: 'in-progress',
    Direction: 'inbound',
    DialCallStatus: 'no-answer',
    DialBridged: 'false',
    From: from,
    To: BUSINESS_NUMBER,
  };
}

/** <Dial action> of an inbound call a person answered (DialCallStatus completed, bridged): a conversation. */
export function dialActionAnswered(accountSid: string, callSid: string, from: string): Record<string, string> {
  return { ...dialActionNoAnswer(accountSid, callSid, from), CallStatus: 'completed', DialCallStatus: 'completed', DialBridged: 'true', DialCallDuration: '184' };
}

/** Final status callback of the inbound call that nobody answered. */
export function parentNoAnswer(accountSid: string, callSid: string, from: string, at: Date): Record<string, string> {
  return {
    AccountSid: accountSid,
    ApiVersion: '2010-04-01',
    CallSid: callSid,
    CallStatus: 'no-answer',
    Direction: 'inbound',
    From: from,
    To: BUSINESS_NUMBER,
    Caller: from,
    Called: BUSINESS_NUMBER,
    CallbackSource: 'call-progress-events',
    SequenceNumber: '3',
    CallDuration: '0',
    Timestamp: at.toUTCString().replace('GMT', '+0000'),
  };
}

/** A Twilio-looking CallSid (CA + 32 hex) from a readable seed. */
export function callSid(seed: string): string {
  const hex = Buffer.from(seed).toString('hex').padEnd(32, '0').slice(0, 32);
  return `CA${hex}`;
}

/** A form body of test/fixtures/telephony as a field map. */
function fixtureForm(name: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(readFileSync(join(REPO, 'test/fixtures/telephony', name), 'utf8').trim()));
}

/**
 * Status callback of a call the business placed to `to` (Direction outbound-api), from the fixture:
 * `in-progress` when the callee picked up (a person or a machine), `completed` after the talk.
 */
export function outboundStatus(accountSid: string, callSid: string, to: string, status: 'in-progress' | 'completed', at: Date): Record<string, string> {
  const fields: Record<string, string> = {
    ...fixtureForm('twilio-status-callback-outbound-api-completed.txt'),
    AccountSid: accountSid,
    CallSid: callSid,
    CallStatus: status,
    SequenceNumber: status === 'completed' ? '3' : '2',
    From: BUSINESS_NUMBER,
    Caller: BUSINESS_NUMBER,
    To: to,
    Called: to,
    Timestamp: at.toUTCString().replace('GMT', '+0000'),
  };
  // durations come with the end of the call only
  if (status === 'in-progress') {
    delete fields.Duration;
    delete fields.CallDuration;
  } else fields.CallDuration = '41';
  return fields;
}

/** The AsyncAmdStatusCallback of `callSid` (fixture fields only): AnsweredBy `human`, `machine_end_beep`, … */
export function asyncAmdVerdict(accountSid: string, callSid: string, answeredBy: string): Record<string, string> {
  const machine = answeredBy.startsWith('machine') || answeredBy === 'fax';
  const f = fixtureForm(machine ? 'twilio-async-amd-status-callback-machine.txt' : 'twilio-async-amd-status-callback-human.txt');
  return { ...f, AccountSid: accountSid, CallSid: callSid, AnsweredBy: answeredBy };
}
