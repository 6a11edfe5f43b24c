import { callResult, messageResult } from './buildEvents';
import { OUTBOUND_ANSWERED } from './conversationParty';
import { defaultClassifyText } from './defaultClassifyText';
import { WebhookParseError } from './errors';
import { normalizeNumber } from './normalizeNumber';
import { parseBody } from './parseBody';
import { Reader } from './read';
import { snakeReason } from './snakeReason';
import type { ClassifyOptions, ProviderEvent, WebhookBody } from './types';

const P = 'dialpad';
const RINGING = new Set(['preanswer', 'calling', 'ringing', 'queued']);
const CONNECTED = new Set(['connected', 'merged', 'hold', 'parked', 'takeover', 'eavesdrop', 'monitor', 'barge']);
/** states that add data to a call (recording, transcript, survey…) without deciding it */
const ANNOTATIONS = new Set([
  'admin',
  'admin_recording',
  'transcription',
  'call_transcription',
  'recording',
  'postcall',
  'dispositions',
  'csat',
  'pcsat',
  'ai_playbook',
  'all',
]);

function sms(r: Reader, opts: ClassifyOptions): ProviderEvent {
  if (r.str('direction') !== 'inbound') return { kind: 'ignored', reason: 'outbound_message' };
  const text = r.str('text') ?? '';
  const to = r.arr('to_number');
  const firstTo = typeof to?.[0] === 'string' ? to[0] : (r.str('to_number') ?? '');
  return messageResult(P, {
    eventType: 'sms',
    messageId: r.reqId('id'),
    from: normalizeNumber(r.reqStr('from_number')),
    to: normalizeNumber(firstTo),
    text,
    class: (opts.classifyText ?? defaultClassifyText)(text),
    receivedAt: r.epochMillis('event_timestamp') ?? r.epochMillis('created_date'),
  });
}

/** Entry-point target types that name a team the caller chose; an office or a user names a line or a person. */
const DEPARTMENT_TARGETS = new Set(['department', 'callcenter']);

function department(target: Reader | null | undefined): string | null {
  return target && DEPARTMENT_TARGETS.has(target.str('type') ?? '') ? target.str('name') : null;
}

/**
 * Dialpad call event (the CallProto object; a JWT body when the webhook has a secret — decoded
 * here WITHOUT verification, verify it on the Node side first). Keyed on
 * `entry_point_call_id ?? call_id` so every operator leg of one call shares the id.
 */
export function classifyDialpad(body: WebhookBody, opts: ClassifyOptions): ProviderEvent {
  const r = Reader.of(P, parseBody(P, body, opts.contentType, true).data);
  if (!r.has('state') && r.has('text') && r.has('from_number')) return sms(r, opts);
  const state = r.reqStr('state');
  const dir = r.reqStr('direction');
  if (dir !== 'inbound' && dir !== 'outbound') throw new WebhookParseError('INVALID_FIELD', P, `direction must be inbound or outbound, got "${dir}"`, 'direction');
  const external = normalizeNumber(r.str('external_number') ?? r.child('contact')?.str('phone') ?? '');
  const internal = normalizeNumber(r.str('internal_number') ?? r.child('target')?.str('phone') ?? '');
  const rang = r.epochMillis('date_rang');
  const connected = r.epochMillis('date_connected');
  const durationMs = r.num('duration');
  const core = {
    eventType: state,
    callId: r.id('entry_point_call_id') ?? r.reqId('call_id'),
    direction: dir,
    from: dir === 'inbound' ? external : internal,
    to: dir === 'inbound' ? internal : external,
  } as const;
  const extra = {
    startedAt: r.epochMillis('date_started'),
    endedAt: r.epochMillis('date_ended'),
    ringSeconds: rang !== null && connected !== null ? Math.max(0, (Date.parse(connected) - Date.parse(rang)) / 1000) : null,
    durationSeconds: durationMs === null ? null : durationMs / 1000,
    department: department(r.child('entry_point_target')),
    callerName: r.child('contact')?.str('name') ?? null,
    voicemailUrl: r.str('voicemail_link') ?? r.str('voicemail_share_link'),
  };

  if (dir === 'outbound') {
    // our call connected (a connected state, or `date_connected` on the hangup): the customer picked up
    const answered = CONNECTED.has(state) || connected !== null;
    return callResult(P, { ...core, class: 'not_missed', reason: answered ? OUTBOUND_ANSWERED : 'outbound', final: true }, extra);
  }
  if (state === 'voicemail_uploaded') return callResult(P, { ...core, class: 'voicemail', reason: 'voicemail_left', final: true }, extra);
  // `voicemail`: the caller reached the mailbox; `voicemail_uploaded` confirms a message
  if (state === 'voicemail') return callResult(P, { ...core, class: 'voicemail', reason: 'sent_to_voicemail', final: false }, extra);
  if (CONNECTED.has(state)) return callResult(P, { ...core, class: 'not_missed', reason: 'answered', final: true }, extra);
  if (RINGING.has(state)) return callResult(P, { ...core, class: 'pending', reason: state, final: false }, extra);
  if (state === 'blocked') return callResult(P, { ...core, class: 'not_missed', reason: 'blocked', final: true }, extra);
  // missed / unanswered hangup: a voicemail event may still follow, so not final
  if (state === 'missed') return callResult(P, { ...core, class: 'missed', reason: 'no_answer', final: false }, extra);
  if (state === 'hangup') {
    if (connected !== null) return callResult(P, { ...core, class: 'not_missed', reason: 'answered', final: true }, extra);
    return callResult(P, { ...core, class: 'missed', reason: 'no_answer', final: false }, extra);
  }
  if (ANNOTATIONS.has(state) || state.startsWith('recap_')) return { kind: 'ignored', reason: `no_call_outcome:${snakeReason(state)}` };
  throw new WebhookParseError('UNSUPPORTED_EVENT', P, `unknown call state "${state}"`, 'state');
}
