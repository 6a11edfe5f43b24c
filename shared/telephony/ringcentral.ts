import type { CallEvent } from '../schema/callEvent';
import { callResult, headerValue, messageResult } from './buildEvents';
import { OUTBOUND_ANSWERED } from './conversationParty';
import { defaultClassifyText } from './defaultClassifyText';
import { WebhookParseError } from './errors';
import { normalizeNumber } from './normalizeNumber';
import { parseBody } from './parseBody';
import { Reader } from './read';
import { snakeReason } from './snakeReason';
import type { ClassifyOptions, ProviderEvent, WebhookBody } from './types';

const P = 'ringcentral';
/** reason of a party RingCentral sent to voicemail (no message left yet) */
const SENT_TO_VOICEMAIL = 'sent_to_voicemail';
const RINGING = new Set(['Setup', 'Proceeding']);
const CONNECTED = new Set(['Answered', 'Hold', 'Parked']);
const ENDED = new Set(['Disconnected', 'Gone']);
/** a Disconnected/Gone party with one of these reasons moved on; the call itself goes on */
const MOVED_ON = new Set(['BlindTransfer', 'AttendedTransfer', 'CallPark', 'CallParkPickup', 'Pickup', 'Takeover', 'Forwarding', 'FollowMe']);

function phone(party: Reader | null): string {
  if (!party) return '';
  const n = party.str('phoneNumber') ?? party.str('extensionNumber') ?? '';
  return normalizeNumber(n);
}

/**
 * An Inbound party whose caller is one of the account's extensions (`from.extensionId`) is the
 * callee's leg of a call we placed — to a PSTN number (the account-level mirror of our Outbound
 * party, without a party `extensionId`) or to another extension — never a customer calling in.
 * Real capture: csn-data RingCentral-PSTN.txt / RingCentral-RingCentral.txt. That a caller on
 * another RingCentral account never carries an `extensionId` here is assumed [UNSURE].
 */
function placedByUs(party: Reader): boolean {
  return party.str('direction') === 'Inbound' && party.child('from')?.id('extensionId') != null;
}

/**
 * `/telephony/sessions`: read the first inbound party of a caller outside the account (the
 * subscriber's leg), else the first inbound party, else the first party. A leg we placed is
 * read as the outbound call it mirrors: the customer is its `to`.
 */
function telephonySession(env: Reader): ProviderEvent {
  const b = env.reqChild('body');
  const callId = b.id('telephonySessionId') ?? b.reqId('sessionId');
  const parties = b.objects('parties');
  if (parties.length === 0) throw b.missing('parties');
  const inbound = parties.filter((p) => p.str('direction') === 'Inbound');
  const party = inbound.find((p) => !placedByUs(p)) ?? inbound[0] ?? parties[0]!;
  const dir = placedByUs(party) ? 'Outbound' : party.reqStr('direction');
  const status = party.reqChild('status');
  const code = status.reqStr('code');
  const reason = status.str('reason');
  const eventTime = b.dateText('eventTime') ?? env.dateText('timestamp');
  const core = {
    eventType: `telephony-session:${code}`,
    callId,
    direction: dir === 'Inbound' ? ('inbound' as const) : dir === 'Outbound' ? ('outbound' as const) : ('unknown' as const),
    from: phone(party.child('from')),
    to: phone(party.child('to')),
  };
  const extra = { callerName: party.child('from')?.str('name') ?? null, department: party.child('to')?.str('name') ?? null };
  const ended = { ...extra, endedAt: eventTime };

  if (core.direction === 'outbound') {
    // an Outbound party (and its mirrored Inbound leg, at the same instant) turns Answered when a
    // PSTN callee picks up; towards another RingCentral extension (`to.extensionId`) it only means
    // that extension's call handling rules started, and an internal call has no customer anyway
    const answered = CONNECTED.has(code) && party.child('to')?.id('extensionId') === null;
    return callResult(P, { ...core, class: 'not_missed', reason: answered ? OUTBOUND_ANSWERED : 'outbound', final: true }, extra);
  }
  if (RINGING.has(code)) return callResult(P, { ...core, class: 'pending', reason: 'ringing', final: false }, { ...extra, startedAt: eventTime });
  if (CONNECTED.has(code)) return callResult(P, { ...core, class: 'not_missed', reason: 'answered', final: true }, extra);
  if (code === 'VoiceMail' || code === 'VoiceMailScreening') {
    // sent to voicemail: a miss until the voicemail event (under its own message id) says a message
    // was left; the caller may hang up at the greeting (see ringcentralConversation)
    return callResult(P, { ...core, class: 'missed', reason: SENT_TO_VOICEMAIL, final: false }, extra);
  }
  if (code === 'FaxReceive') return { kind: 'ignored', reason: 'fax' };
  if (!ENDED.has(code)) throw new WebhookParseError('INVALID_FIELD', P, `unknown party status.code "${code}"`, `${party.path}.status.code`);
  if (reason !== null && MOVED_ON.has(reason)) {
    return callResult(P, { ...core, class: 'pending', reason: snakeReason(reason), final: false }, ended);
  }
  if (party.bool('missedCall') === true) {
    // queues set missedCall when the caller hangs up while waiting [heuristic, README §3.5]
    if (party.bool('queueCall') === true) return callResult(P, { ...core, class: 'abandoned', reason: 'abandoned_in_queue', final: true }, ended);
    return callResult(P, { ...core, class: 'missed', reason: reason ? snakeReason(reason) : 'no_answer', final: true }, ended);
  }
  // ended without the missed flag: answered earlier, or went to voicemail (whose event may follow)
  return callResult(P, { ...core, class: 'not_missed', reason: reason ? snakeReason(reason) : 'not_missed', final: false }, ended);
}

/**
 * A message left by one of the account's extensions. The voicemail event's `from` (Sender Info:
 * phoneNumber, extensionNumber, location, name) carries `extensionNumber` only when the parties
 * used short internal numbers, e.g. an extension calling another (ringcentral-api-docs
 * voicemail-message.md; API reference MessageStoreCallerInfoResponseFrom); the message-store
 * record's `from` may also carry the sender's `extensionId`. No real capture seen [UNSURE].
 */
function leftByExtension(from: Reader | null): boolean {
  return from !== null && (from.has('extensionNumber') || from.id('extensionId') !== null);
}

function voicemail(env: Reader, b: Reader): ProviderEvent {
  if (leftByExtension(b.child('from'))) return { kind: 'ignored', reason: 'internal_voicemail' };
  const audio = b.objects('attachments').find((a) => a.str('type') === 'AudioRecording') ?? null;
  const to = b.objects('to')[0] ?? null;
  return callResult(
    P,
    {
      eventType: 'voicemail',
      callId: b.reqId('id'),
      direction: 'inbound',
      from: phone(b.child('from')),
      to: phone(to),
      class: 'voicemail',
      reason: 'voicemail_left',
      final: true,
    },
    {
      startedAt: b.dateText('creationTime') ?? env.dateText('timestamp'),
      durationSeconds: audio?.num('vmDuration') ?? null,
      callerName: b.child('from')?.str('name') ?? null,
      department: to?.str('name') ?? null,
      voicemailUrl: audio?.str('uri') ?? null,
    },
  );
}

function sms(env: Reader, b: Reader, opts: ClassifyOptions): ProviderEvent {
  if (b.str('direction') !== 'Inbound') return { kind: 'ignored', reason: 'outbound_message' };
  const text = b.str('subject') ?? '';
  return messageResult(P, {
    eventType: 'instant-message:SMS',
    messageId: b.reqId('id'),
    from: phone(b.reqChild('from')),
    to: phone(b.objects('to')[0] ?? null),
    text,
    class: (opts.classifyText ?? defaultClassifyText)(text),
    receivedAt: b.dateText('creationTime') ?? env.dateText('timestamp'),
  });
}

/**
 * A2P opt-out record. RingCentral's OptOutResponse names `to` the number that opted out and `from`
 * the business number it opted out of, so the consumer is `to` [UNSURE for the event payload].
 */
function a2pOptOut(env: Reader, b: Reader): ProviderEvent {
  const active = b.bool('active');
  if (active === null) throw b.missing('active');
  return messageResult(P, {
    eventType: 'a2p-sms:opt-out',
    messageId: env.reqId('uuid'),
    from: normalizeNumber(b.reqStr('to')),
    to: normalizeNumber(b.reqStr('from')),
    text: '',
    class: active ? 'opt_out' : 'opt_in',
    receivedAt: env.dateText('timestamp'),
  });
}

/**
 * RingCentral notification (`{uuid, event, timestamp, subscriptionId, ownerId, body}`), or the
 * subscription handshake: a `Validation-Token` header with no event body must be echoed back.
 */
export function classifyRingCentral(body: WebhookBody, opts: ClassifyOptions): ProviderEvent {
  const parsed = parseBody(P, body, opts.contentType);
  const token = headerValue(opts.headers, 'validation-token');
  const env = new Reader(P, parsed.data);
  if (token !== null && !env.has('event')) {
    return { kind: 'handshake', challenge: token, respond: { contentType: 'application/json', body: '', headers: { 'Validation-Token': token } } };
  }
  if (parsed.format === 'empty') throw new WebhookParseError('MALFORMED_BODY', P, 'body is empty and there is no Validation-Token header');
  const event = env.reqStr('event');
  const path = event.split('?')[0]!;
  if (path.endsWith('/telephony/sessions')) return telephonySession(env);
  if (path.endsWith('/a2p-sms/opt-outs')) return a2pOptOut(env, env.reqChild('body'));
  if (path.endsWith('/voicemail')) return voicemail(env, env.reqChild('body'));
  if (path.endsWith('/message-store/instant')) {
    const b = env.reqChild('body');
    const type = b.str('type');
    if (type === 'SMS') return sms(env, b, opts);
    if (type === 'VoiceMail') return voicemail(env, b);
    return { kind: 'ignored', reason: `message_type_${snakeReason(type ?? 'unknown')}` };
  }
  return { kind: 'ignored', reason: `no_call_outcome:${path}` };
}

/**
 * The events of one telephony session (arrival order) read together. A caller RingCentral sent to
 * voicemail may leave a message, and the voicemail event that says so comes under its own message
 * id, after the session's end: so once the session went to voicemail, its missed end is provisional
 * too (the settle window leaves the voicemail event time to enroll the caller as a voicemail, and
 * the session then finds them enrolled); with no message, the session settles as missed.
 * @example ringcentralConversation((await ledger.callEvents('s-1')).map((e) => e.payload))
 */
export function ringcentralConversation(events: readonly CallEvent[]): CallEvent[] {
  const toVoicemail = events.some((e) => e.provider === P && e.reason === SENT_TO_VOICEMAIL);
  if (!toVoicemail) return [...events];
  return events.map((e) => (e.provider === P && e.final && e.class === 'missed' ? { ...e, final: false } : e));
}
