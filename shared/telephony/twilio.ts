import type { CallEvent } from '../schema/callEvent';
import { callResult, messageResult } from './buildEvents';
import { OUTBOUND_ANSWERED, OUTBOUND_AWAITING_AMD, OUTBOUND_MACHINE } from './conversationParty';
import { defaultClassifyText } from './defaultClassifyText';
import { WebhookParseError } from './errors';
import { normalizeNumber } from './normalizeNumber';
import { parseBody } from './parseBody';
import { Reader } from './read';
import { snakeReason } from './snakeReason';
import type { ClassifyOptions, ProviderEvent, WebhookBody } from './types';

const P = 'twilio';
/** eventType prefix of a <Dial> leg's status callback (the leg's own status follows) */
const DIAL_LEG = 'dial-leg:';
/** reason of a <Dial> leg that answering machine detection says a voicemail box took */
const AGENT_VOICEMAIL = 'agent_voicemail';
const UNANSWERED = new Set(['no-answer', 'busy', 'failed', 'canceled']);
const RINGING = new Set(['queued', 'initiated', 'ringing']);
const OPT_OUT_TYPES = { STOP: 'opt_out', START: 'opt_in', HELP: 'help' } as const;

type Core = Parameters<typeof callResult>[1];
type Extra = Parameters<typeof callResult>[2];

function direction(r: Reader): CallEvent['direction'] {
  const d = r.str('Direction');
  if (d === null) return 'unknown';
  if (d === 'inbound') return 'inbound';
  if (d.startsWith('outbound')) return 'outbound';
  return 'unknown';
}

function base(r: Reader, eventType: string): Omit<Core, 'class' | 'reason' | 'final'> {
  return {
    eventType,
    callId: r.reqStr('CallSid'),
    direction: direction(r),
    from: normalizeNumber(r.str('From') ?? r.str('Caller') ?? ''),
    to: normalizeNumber(r.str('To') ?? r.str('Called') ?? ''),
  };
}

function extra(r: Reader): Extra {
  const duration = r.num('CallDuration') ?? r.num('DialCallDuration');
  return { callerName: r.str('CallerName'), durationSeconds: duration, endedAt: r.dateText('Timestamp') };
}

/** Inbound SMS: Advanced Opt-Out's `OptOutType` wins over the text classifier. */
function sms(r: Reader, opts: ClassifyOptions): ProviderEvent {
  const text = r.str('Body') ?? '';
  const optOutType = r.str('OptOutType')?.toUpperCase();
  const known = optOutType && optOutType in OPT_OUT_TYPES ? OPT_OUT_TYPES[optOutType as keyof typeof OPT_OUT_TYPES] : null;
  const id = r.id('MessageSid') ?? r.id('SmsMessageSid') ?? r.id('SmsSid');
  if (id === null) throw r.missing('MessageSid');
  return messageResult(P, {
    eventType: 'sms',
    messageId: id,
    from: normalizeNumber(r.reqStr('From')),
    to: normalizeNumber(r.str('To') ?? ''),
    text,
    class: known ?? (opts.classifyText ?? defaultClassifyText)(text),
    receivedAt: null,
  });
}

/** `<Record action>` or `recordingStatusCallback`: a non-empty <Record> recording is a voicemail. */
function recording(r: Reader): ProviderEvent {
  const status = r.str('RecordingStatus');
  const source = r.str('RecordingSource');
  const seconds = r.num('RecordingDuration') ?? 0;
  if (source !== null && source !== 'RecordVerb') return { kind: 'ignored', reason: `recording_source_${snakeReason(source)}` };
  if (status !== null && status !== 'completed') return { kind: 'ignored', reason: `recording_${snakeReason(status)}` };
  if (seconds <= 0) return { kind: 'ignored', reason: 'recording_empty' };
  const eventType = status === null ? 'record-action' : 'recording-status:completed';
  return callResult(
    P,
    { ...base(r, eventType), direction: r.has('Direction') ? direction(r) : 'inbound', class: 'voicemail', reason: 'voicemail_left', final: true },
    { ...extra(r), voicemailUrl: r.str('RecordingUrl'), durationSeconds: seconds },
  );
}

/** `<Enqueue action>`: the caller's fate in the queue. */
function enqueue(r: Reader, result: string): ProviderEvent {
  const b = base(r, `enqueue-action:${result}`);
  const queueTime = r.num('QueueTime');
  const ex = { ...extra(r), ringSeconds: queueTime };
  if (result === 'hangup' || (result === 'system-error' && queueTime !== null)) {
    return callResult(P, { ...b, class: 'abandoned', reason: 'abandoned_in_queue', final: true }, ex);
  }
  if (result === 'bridged' || result === 'redirected-from-bridged') {
    return callResult(P, { ...b, class: 'not_missed', reason: 'answered', final: true }, ex);
  }
  // bridging-in-process, leave, redirected, queue-full, error, system-error without QueueTime:
  // the TwiML that follows (voicemail, overflow) decides
  return callResult(P, { ...b, class: 'pending', reason: snakeReason(result), final: false }, ex);
}

/** `<Dial action>` on the parent call: unanswered is provisional, a <Record> voicemail may follow. */
function dialAction(r: Reader, status: string): ProviderEvent {
  const b = base(r, `dial-action:${status}`);
  const ex = extra(r);
  // the parent's From/To are not the dialed party, so an answered <Dial> of our own call stays `outbound`
  if (b.direction === 'outbound') return callResult(P, { ...b, class: 'not_missed', reason: 'outbound', final: true }, ex);
  if (status === 'completed' || status === 'answered') return callResult(P, { ...b, class: 'not_missed', reason: 'answered', final: true }, ex);
  if (UNANSWERED.has(status)) return callResult(P, { ...b, class: 'pending', reason: snakeReason(status), final: false }, ex);
  throw new WebhookParseError('INVALID_FIELD', P, `unknown DialCallStatus "${status}"`, 'DialCallStatus');
}

/** Answering machine detection's `AnsweredBy`: machine_* and fax are no person; human and unknown count as one. */
function amdReason(answeredBy: string): string {
  return answeredBy.startsWith('machine') || answeredBy === 'fax' ? OUTBOUND_MACHINE : OUTBOUND_ANSWERED;
}

/**
 * A call we placed: Twilio reports `in-progress`/`completed` only once the callee picked up, but
 * that may be a machine; answering machine detection's `AnsweredBy` (machine_*, fax) says so. With
 * asynchronous AMD the `in-progress` callback comes before the verdict: provisional until then.
 */
function outboundCall(r: Reader, status: string, b: ReturnType<typeof base>, ex: Extra, opts: ClassifyOptions): ProviderEvent {
  const core = { ...b, class: 'not_missed' as const };
  if (status !== 'in-progress' && status !== 'completed') return callResult(P, { ...core, reason: 'outbound', final: true }, ex);
  const by = r.str('AnsweredBy');
  if (by !== null) return callResult(P, { ...core, reason: amdReason(by), final: true }, ex);
  if (opts.twilioAsyncAmd && status === 'in-progress') return callResult(P, { ...core, reason: OUTBOUND_AWAITING_AMD, final: false }, ex);
  return callResult(P, { ...core, reason: OUTBOUND_ANSWERED, final: true }, ex);
}

/** AsyncAmdStatusCallback: only CallSid, AccountSid, AnsweredBy and MachineDetectionDuration (AMD runs on calls we placed). */
function asyncAmdResult(r: Reader): ProviderEvent {
  const by = r.reqStr('AnsweredBy');
  return callResult(P, { eventType: `amd:${snakeReason(by)}`, callId: r.reqStr('CallSid'), direction: 'outbound', from: '', to: '', class: 'not_missed', reason: amdReason(by), final: true });
}

/** Voice request or status callback, classified from `CallStatus` and `Direction`. */
function callStatus(r: Reader, status: string, opts: ClassifyOptions): ProviderEvent {
  const isCallback = r.has('CallbackSource') || r.has('SequenceNumber');
  const b = base(r, `${isCallback ? 'status-callback' : 'voice-request'}:${status}`);
  const ex = extra(r);
  const parent = r.str('ParentCallSid');
  const childLeg = r.str('Direction') === 'outbound-dial' && parent !== null && parent !== '';
  if (childLeg) {
    // a <Dial> leg to an agent: it belongs to the inbound caller's call; one leg failing is a
    // miss only if every leg fails (simultaneous ring), so it is never final on its own (a call we
    // placed reads its legs otherwise: twilioConversation)
    const leg = { ...b, eventType: `${DIAL_LEG}${status}`, callId: parent, direction: 'inbound' as const };
    if (UNANSWERED.has(status)) return callResult(P, { ...leg, class: 'missed', reason: snakeReason(status), final: false }, ex);
    if (status === 'in-progress' || status === 'completed') {
      // <Number machineDetection>: the agent's voicemail took it; the caller reached nobody (a <Record> may follow)
      const by = r.str('AnsweredBy');
      if (by !== null && amdReason(by) === OUTBOUND_MACHINE) return callResult(P, { ...leg, class: 'missed', reason: AGENT_VOICEMAIL, final: false }, ex);
      return callResult(P, { ...leg, class: 'not_missed', reason: 'answered', final: true }, ex);
    }
    return callResult(P, { ...leg, class: 'pending', reason: snakeReason(status), final: false }, ex);
  }
  if (b.direction === 'outbound') return outboundCall(r, status, b, ex, opts);
  if (RINGING.has(status) || status === 'in-progress') return callResult(P, { ...b, class: 'pending', reason: snakeReason(status), final: false }, ex);
  // Twilio answers the inbound parent itself, so `completed` says nothing about a human answer
  if (status === 'completed') return callResult(P, { ...b, class: 'pending', reason: 'completed', final: false }, ex);
  // the inbound parent itself never connected (rejected, failed, caller gave up before TwiML ran)
  if (UNANSWERED.has(status)) return callResult(P, { ...b, class: 'missed', reason: snakeReason(status), final: true }, ex);
  throw new WebhookParseError('INVALID_FIELD', P, `unknown CallStatus "${status}"`, 'CallStatus');
}

/**
 * Twilio Programmable Voice / Messaging webhook (form-encoded). Recognizes inbound SMS, the
 * <Record> action and recording callback, the <Enqueue> and <Dial> actions, status callbacks and
 * the initial voice request, and the asynchronous AMD result, in that order.
 * @example classifyTwilio('CallSid=CA1&Direction=inbound&DialCallStatus=completed&From=%2B14155550100&To=%2B14155550111', {})
 */
export function classifyTwilio(body: WebhookBody, opts: ClassifyOptions): ProviderEvent {
  const r = new Reader(P, parseBody(P, body, opts.contentType).data);
  if (!r.has('CallSid') && (r.has('MessageSid') || r.has('SmsSid') || r.has('SmsMessageSid'))) return sms(r, opts);
  if (!r.has('CallSid')) {
    if (Object.keys(r.obj).length === 0) throw new WebhookParseError('MALFORMED_BODY', P, 'body is empty');
    throw r.missing('CallSid');
  }
  if (r.has('RecordingUrl') && !r.has('CallbackSource') && !r.has('DialCallStatus')) return recording(r);
  const queueResult = r.str('QueueResult');
  if (queueResult) return enqueue(r, queueResult);
  const dialStatus = r.str('DialCallStatus');
  if (dialStatus) return dialAction(r, dialStatus);
  // the AsyncAmdStatusCallback carries no Direction (every call-progress request does)
  if (r.has('AnsweredBy') && !r.has('Direction')) return asyncAmdResult(r);
  const status = r.str('CallStatus');
  if (status) return callStatus(r, status, opts);
  throw new WebhookParseError('UNSUPPORTED_EVENT', P, 'voice webhook without CallStatus, DialCallStatus, QueueResult or a recording');
}

/**
 * The events of one Twilio call (one parent CallSid, arrival order) read together. The adapter reads
 * a `<Dial>` leg as part of a caller's inbound call; but when the call is one we placed (an outbound
 * parent, as a click-to-call that rings the agent first and then dials the customer), each leg is
 * our call to its `to`: answered is `outbound_answered`, a voicemail box `outbound_machine`, anything
 * else that ended `outbound`; a leg still ringing stays undecided. Other events pass.
 * @example twilioConversation((await ledger.callEvents('CA1')).map((e) => e.payload))
 */
export function twilioConversation(events: readonly CallEvent[]): CallEvent[] {
  const placed = events.some((e) => e.provider === P && e.direction === 'outbound' && !e.eventType.startsWith(DIAL_LEG));
  if (!placed) return [...events];
  return events.map((e) => {
    if (e.provider !== P || !e.eventType.startsWith(DIAL_LEG)) return e;
    const ours = { ...e, direction: 'outbound' as const, class: 'not_missed' as const };
    if (e.class === 'not_missed') return { ...ours, reason: OUTBOUND_ANSWERED, final: true };
    if (e.reason === AGENT_VOICEMAIL) return { ...ours, reason: OUTBOUND_MACHINE, final: true };
    if (e.class === 'missed') return { ...ours, reason: 'outbound', final: true };
    return { ...e, direction: 'outbound' as const };
  });
}
