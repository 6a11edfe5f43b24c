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

const P = 'vonage';
const UNANSWERED = new Set(['unanswered', 'timeout', 'busy', 'rejected', 'failed']);
const RINGING = new Set(['started', 'ringing']);
const ENDED = new Set(['completed', 'disconnected']);

/** reason of an agent leg a voicemail box took (as Twilio's <Dial> leg with AnsweredBy machine) */
const AGENT_VOICEMAIL = 'agent_voicemail';

type MachineDetection = Pick<ClassifyOptions, 'vonageMachineDetection' | 'vonageAgentMachineDetection'>;
/** eventType of a machine detection verdict: `human`, `machine`, or `machine:<sub_state>` (advanced detection) */
const isVerdict = (e: CallEvent) => /^(human|machine)(:|$)/.test(e.eventType);
const isMachine = (e: CallEvent) => /^machine(:|$)/.test(e.eventType);
/** the agent's voicemail box took the connect leg: the caller reached nobody (provisional: a record event may follow) */
const agentVoicemail = (e: CallEvent): CallEvent => ({ ...e, direction: 'inbound', class: 'missed', reason: AGENT_VOICEMAIL, final: false });

/**
 * Vonage Voice API event (or answer) webhook. Vonage answers the inbound leg itself and reaches
 * the agent with an outbound `connect` leg in the same `conversation_uuid` (the call id here), so
 * an outbound leg's no-answer is only a miss when that leg is known to be the agent leg — see
 * `opts.vonageOutboundLegs`; unset, such legs are `pending` until the conversation's events are read
 * together (vonageConversation, as the trigger does). Machine detection's `human`/`machine` events
 * are read only with `opts.vonageMachineDetection` (call-backs) or `opts.vonageAgentMachineDetection`
 * (agent legs); with neither, they are ignored.
 * Numbers arrive as E.164 without `+`. A Messages API webhook signed the same way (`channel`,
 * `message_uuid`) is a text to a Vonage number when it is an inbound SMS, and ignored otherwise (a
 * sent message's `status`, another channel).
 */
export function classifyVonage(body: WebhookBody, opts: ClassifyOptions): ProviderEvent {
  const r = Reader.of(P, parseBody(P, body, opts.contentType).data);
  const num = (key: string) => normalizeNumber(r.str(key) ?? '', { international: true });
  const timestamp = r.dateText('timestamp');

  const channel = r.str('channel');
  if (channel !== null && r.has('message_uuid')) {
    if (r.has('status')) return { kind: 'ignored', reason: `message_status:${snakeReason(r.str('status') ?? '')}` };
    if (channel !== 'sms') return { kind: 'ignored', reason: `message_channel:${snakeReason(channel)}` };
    const text = r.str('text') ?? '';
    return messageResult(P, {
      eventType: 'inbound-sms',
      messageId: r.reqId('message_uuid'),
      from: num('from'),
      to: num('to'),
      text,
      // the Messages API reports no opt-out verdict of its own: the text says it
      class: (opts.classifyText ?? defaultClassifyText)(text),
      receivedAt: timestamp,
    });
  }

  // a machine detection verdict names its leg `call_uuid`
  const callId = r.id('conversation_uuid') ?? r.id('call_uuid') ?? r.reqId('uuid');
  if (r.has('recording_url')) {
    return callResult(
      P,
      { eventType: 'record', callId, direction: 'unknown', from: num('from'), to: num('to'), class: 'voicemail', reason: 'voicemail_left', final: true },
      { startedAt: r.dateText('start_time'), endedAt: r.dateText('end_time') ?? timestamp, voicemailUrl: r.reqStr('recording_url') },
    );
  }
  if (r.has('dtmf') || r.has('speech')) return { kind: 'ignored', reason: 'input' };
  if (r.has('conversation_uuid_from')) return { kind: 'ignored', reason: 'transfer' };

  const status = r.str('status');
  if (status === null || status === '') {
    if (!r.has('from') || !r.has('to')) throw r.missing('status');
    // the answer webhook (NCCO request) of an inbound call
    return callResult(P, { eventType: 'answer', callId, direction: 'inbound', from: num('from'), to: num('to'), class: 'pending', reason: 'ringing', final: false });
  }
  // before the direction check: the verdict event need not carry one
  if (status === 'human' || status === 'machine') {
    if (!opts.vonageMachineDetection && !opts.vonageAgentMachineDetection) return { kind: 'ignored', reason: `answering_machine_detection:${status}` };
    const sub = r.str('sub_state');
    const verdict = callResult(P, {
      eventType: sub ? `${status}:${snakeReason(sub)}` : status,
      callId,
      direction: 'outbound',
      from: num('from'),
      to: num('to'),
      class: 'not_missed',
      reason: status === 'human' ? OUTBOUND_ANSWERED : OUTBOUND_MACHINE,
      final: true,
    });
    const role = opts.vonageOutboundLegs;
    return role && verdict.kind === 'call' ? { kind: 'call', call: vonageLegAs(verdict.call, role, opts) } : verdict;
  }
  const dir = r.reqStr('direction');
  if (dir !== 'inbound' && dir !== 'outbound') throw new WebhookParseError('INVALID_FIELD', P, `direction must be inbound or outbound, got "${dir}"`, 'direction');
  const core = { eventType: status, callId, direction: dir, from: num('from'), to: num('to') } as const;
  const ended = ENDED.has(status) || UNANSWERED.has(status) || status === 'cancelled';
  const extra = {
    startedAt: r.dateText('start_time'),
    endedAt: r.dateText('end_time') ?? (ended ? timestamp : null),
    durationSeconds: r.num('duration'),
  };
  if (dir === 'inbound') {
    if (RINGING.has(status)) return callResult(P, { ...core, class: 'pending', reason: 'ringing', final: false }, extra);
    // answered by Vonage/your NCCO: not a miss unless a later agent leg goes unanswered
    if (status === 'answered') return callResult(P, { ...core, class: 'not_missed', reason: 'answered', final: false }, extra);
    // completed: missed vs answered depends on the agent leg (README §5.2)
    if (ENDED.has(status)) return callResult(P, { ...core, class: 'pending', reason: 'completed', final: false }, extra);
    if (status === 'cancelled') return callResult(P, { ...core, class: 'abandoned', reason: 'canceled', final: true }, extra);
    if (UNANSWERED.has(status)) return callResult(P, { ...core, class: 'missed', reason: snakeReason(status), final: true }, extra);
    throw new WebhookParseError('UNSUPPORTED_EVENT', P, `unknown status "${status}"`, 'status');
  }

  // outbound leg: read without a role, then as the role says (vonageLegAs)
  const leg = outboundLeg(core, status, extra);
  const role = opts.vonageOutboundLegs;
  return role && leg.kind === 'call' ? { kind: 'call', call: vonageLegAs(leg.call, role, opts) } : leg;
}

/** An outbound leg without knowing whose it is: answered or ended is no miss; the rest says nothing yet. */
function outboundLeg(core: Pick<CallEvent, 'eventType' | 'callId' | 'direction' | 'from' | 'to'>, status: string, extra: Parameters<typeof callResult>[2]): ProviderEvent {
  if (status === 'answered' || ENDED.has(status)) return callResult(P, { ...core, class: 'not_missed', reason: 'outbound', final: true }, extra);
  if (RINGING.has(status)) return callResult(P, { ...core, class: 'pending', reason: 'ringing', final: false }, extra);
  if (UNANSWERED.has(status) || status === 'cancelled') return callResult(P, { ...core, class: 'pending', reason: snakeReason(status), final: false }, extra);
  throw new WebhookParseError('UNSUPPORTED_EVENT', P, `unknown status "${status}"`, 'status');
}

/**
 * An outbound leg read without a role (as classifyVonage reads it when `vonageOutboundLegs` is unset),
 * read as the role says: `customer` = a call our side placed to the customer (`outbound_answered`
 * once answered or ended after some talk time, otherwise `outbound`; with `vonageMachineDetection` an
 * answer waits for the verdict, `outbound_awaiting_amd`, and the verdict event decides); `agent` =
 * the connect leg of an inbound call (answered: the caller reached a person; unanswered: the
 * caller's call is missed, or abandoned when the caller cancelled it, provisional as a record event
 * may follow; with `vonageAgentMachineDetection` an answer waits for the verdict: `human` is the answer,
 * `machine` the agent's voicemail box, a provisional miss `agent_voicemail`). Other events pass.
 */
export function vonageLegAs(e: CallEvent, role: 'agent' | 'customer', opts: MachineDetection = {}): CallEvent {
  if (e.provider !== P || e.direction !== 'outbound') return e;
  const status = e.eventType;
  if (isVerdict(e) && role === 'customer') return e;
  if (isVerdict(e)) return isMachine(e) ? agentVoicemail(e) : { ...e, class: 'not_missed', reason: 'answered', final: true };
  const awaitsVerdict = role === 'customer' ? opts.vonageMachineDetection : opts.vonageAgentMachineDetection;
  if (status === 'answered' && awaitsVerdict) return { ...e, class: 'not_missed', reason: OUTBOUND_AWAITING_AMD, final: false };
  if (role === 'customer') {
    const answered = status === 'answered' || (ENDED.has(status) && (e.durationSeconds ?? 0) > 0);
    return { ...e, class: 'not_missed', reason: answered ? OUTBOUND_ANSWERED : 'outbound', final: true };
  }
  if (status === 'answered' || ENDED.has(status)) return { ...e, class: 'not_missed', reason: 'answered', final: true };
  if (UNANSWERED.has(status) || status === 'cancelled') return { ...e, direction: 'inbound', class: status === 'cancelled' ? 'abandoned' : 'missed', final: false };
  return e;
}

/**
 * The events of one Vonage conversation (one call id, arrival order) read together, since one event
 * does not say which leg it is on. With the customer's inbound leg among them, every outbound leg is
 * a connect leg to an agent (vonageLegAs `agent`; a missed or abandoned one carries the caller's
 * numbers), a `record` event is the caller's voicemail, and the inbound leg ending before any agent
 * leg ended or answered is abandoned (provisional: a record event may follow). Without it, the
 * conversation is a call our side placed: an outbound leg that was answered or ended is read as
 * `customer`; one still ringing or unanswered stays as it was (it decides nothing, and an inbound
 * leg delivered late can still turn it into an agent leg). With `vonageMachineDetection` (call-backs) or
 * `vonageAgentMachineDetection` (agent legs) an answered leg of that kind waits for machine detection:
 * a `human` verdict is the conversation, and `completed` without one
 * counts as answered; a `machine` one vetoes every outbound answer of a call-back (conversationParties),
 * and beside the caller's leg makes the agent leg it names a provisional miss `agent_voicemail`, its
 * answer and end included, in whatever order they came (a stored verdict does so without the option too).
 * A verdict names its leg only by `call_uuid`, which the stored events do not keep (the call id is the
 * conversation): it is tied to the agent leg by the number it rang (`to`).
 * @example vonageConversation((await ledger.callEvents('CON-1')).map((e) => e.payload), { vonageMachineDetection: true })
 */
export function vonageConversation(events: readonly CallEvent[], opts: MachineDetection = {}): CallEvent[] {
  const caller = events.find((e) => e.provider === P && e.direction === 'inbound' && e.from !== '');
  if (!caller) return events.map((e) => (e.direction === 'outbound' && (e.eventType === 'answered' || ENDED.has(e.eventType)) ? vonageLegAs(e, 'customer', opts) : e));
  const numbers = { from: caller.from, to: caller.to };
  // agent numbers a voicemail box answered
  const machineTo = new Set(events.filter((e) => e.provider === P && e.direction === 'outbound' && isMachine(e)).map((e) => e.to));
  const legs = events.map((e) => {
    if (e.provider !== P) return e;
    if (e.eventType === 'record' && e.direction === 'unknown') return { ...e, direction: 'inbound' as const, ...numbers };
    const tookByMachine = e.direction === 'outbound' && machineTo.has(e.to) && (e.eventType === 'answered' || ENDED.has(e.eventType));
    const leg = tookByMachine ? agentVoicemail(e) : vonageLegAs(e, 'agent', opts);
    return leg.direction === 'inbound' && e.direction === 'outbound' ? { ...leg, ...numbers } : leg;
  });
  // an agent leg answered or ended: that leg decides the call, not the inbound leg's end
  const agentLegDecided = events.some((e) => e.provider === P && e.direction === 'outbound' && !RINGING.has(e.eventType));
  return legs.map((e, i) => (!agentLegDecided && e.provider === P && events[i]!.direction === 'inbound' && ENDED.has(e.eventType) ? { ...e, class: 'abandoned', reason: 'abandoned_in_ivr', final: false } : e));
}
