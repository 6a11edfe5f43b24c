import { callResult } from './buildEvents';
import { OUTBOUND_ANSWERED } from './conversationParty';
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

/**
 * Vonage Voice API event (or answer) webhook. Vonage answers the inbound leg itself and reaches
 * the agent with an outbound `connect` leg in the same `conversation_uuid` (the call id here), so
 * an outbound leg's no-answer is only a miss when that leg is known to be the agent leg — see
 * `opts.vonageOutboundLegs`; unset, such legs are `pending` until correlated by conversation.
 * Numbers arrive as E.164 without `+`.
 */
export function classifyVonage(body: WebhookBody, opts: ClassifyOptions): ProviderEvent {
  const r = Reader.of(P, parseBody(P, body, opts.contentType).data);
  const callId = r.id('conversation_uuid') ?? r.reqId('uuid');
  const num = (key: string) => normalizeNumber(r.str(key) ?? '', { international: true });
  const timestamp = r.dateText('timestamp');

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
  const dir = r.reqStr('direction');
  if (dir !== 'inbound' && dir !== 'outbound') throw new WebhookParseError('INVALID_FIELD', P, `direction must be inbound or outbound, got "${dir}"`, 'direction');
  const core = { eventType: status, callId, direction: dir, from: num('from'), to: num('to') } as const;
  const ended = ENDED.has(status) || UNANSWERED.has(status) || status === 'cancelled';
  const extra = {
    startedAt: r.dateText('start_time'),
    endedAt: r.dateText('end_time') ?? (ended ? timestamp : null),
    durationSeconds: r.num('duration'),
  };
  if (status === 'human' || status === 'machine') return { kind: 'ignored', reason: `answering_machine_detection:${status}` };

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

  // outbound leg
  const role = opts.vonageOutboundLegs;
  if (role === 'customer') {
    // our call to the customer: `answered`, or an end after some talk time; unanswered/timeout/
    // busy/… and a `completed` without duration are no proof
    const answered = status === 'answered' || (ENDED.has(status) && (extra.durationSeconds ?? 0) > 0);
    return callResult(P, { ...core, class: 'not_missed', reason: answered ? OUTBOUND_ANSWERED : 'outbound', final: true }, extra);
  }
  if (status === 'answered' || ENDED.has(status)) return callResult(P, { ...core, class: 'not_missed', reason: role === 'agent' ? 'answered' : 'outbound', final: true }, extra);
  if (RINGING.has(status)) return callResult(P, { ...core, class: 'pending', reason: 'ringing', final: false }, extra);
  if (UNANSWERED.has(status) || status === 'cancelled') {
    const reason = snakeReason(status);
    if (role !== 'agent') return callResult(P, { ...core, class: 'pending', reason, final: false }, extra);
    // agent leg: the caller's call is missed (a record event may still turn it into voicemail),
    // or abandoned when the caller (originator) cancelled before the agent answered
    const cls = status === 'cancelled' ? 'abandoned' : 'missed';
    return callResult(P, { ...core, direction: 'inbound', class: cls, reason, final: false }, extra);
  }
  throw new WebhookParseError('UNSUPPORTED_EVENT', P, `unknown status "${status}"`, 'status');
}
