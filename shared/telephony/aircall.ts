import type { CallClass } from '../schema/callEvent';
import { callResult } from './buildEvents';
import { OUTBOUND_ANSWERED } from './conversationParty';
import { WebhookParseError } from './errors';
import { normalizeNumber } from './normalizeNumber';
import { parseBody } from './parseBody';
import { Reader, secondsBetween } from './read';
import { snakeReason } from './snakeReason';
import type { ClassifyOptions, ProviderEvent, WebhookBody } from './types';

const P = 'aircall';

/** `missed_call_reason` → class (support article 14936017803549; `abandoned` is the newest label). */
const REASON_CLASS: Record<string, CallClass> = {
  abandoned_in_ivr: 'abandoned',
  abandoned_in_classic: 'abandoned',
  abandoned: 'abandoned',
  short_abandoned: 'abandoned',
  agents_did_not_answer: 'missed',
  no_available_agent: 'missed',
  out_of_opening_hours: 'missed',
};

/** Lifecycle events before the end: they never decide an inbound call. */
const IN_PROGRESS = new Set([
  'call.created',
  'call.ringing_on_agent',
  'call.agent_declined',
  'call.transferred',
  'call.external_transferred',
  'call.unsuccessful_transfer',
  'call.hold',
  'call.unhold',
  'call.ivr_option_selected',
]);

/** Events carrying the complete call object after the end; classified like `call.ended`. */
const COMPLETE = new Set(['call.ended', 'call.archived']);

/**
 * Aircall webhook (`{resource, event, timestamp, token, data}`). Classifies on `call.ended` and
 * `call.voicemail_left` (README §2.4); `call.hungup` stays pending because the voicemail URL only
 * arrives with `call.ended` ~30 s later. The `token` is checked on the Node side.
 */
export function classifyAircall(body: WebhookBody, opts: ClassifyOptions): ProviderEvent {
  const env = Reader.of(P, parseBody(P, body, opts.contentType).data);
  const event = env.reqStr('event');
  const resource = env.str('resource') ?? event.split('.')[0];
  if (resource !== 'call' || !event.startsWith('call.')) return { kind: 'ignored', reason: `no_call_outcome:${event}` };
  const d = env.reqChild('data');

  const inbound = d.reqStr('direction');
  if (inbound !== 'inbound' && inbound !== 'outbound') {
    throw new WebhookParseError('INVALID_FIELD', P, `data.direction must be inbound or outbound, got "${inbound}"`, 'data.direction');
  }
  const line = d.child('number');
  const external = normalizeNumber(d.str('raw_digits') ?? '');
  const ours = normalizeNumber(line?.str('digits') ?? '');
  const startedAt = d.epochSeconds('started_at');
  const answeredAt = d.epochSeconds('answered_at');
  const endedAt = d.epochSeconds('ended_at');
  const voicemail = d.str('voicemail');
  const rawReason = d.str('missed_call_reason');
  const contact = d.child('contact');
  const contactName = [contact?.str('first_name'), contact?.str('last_name')].filter((s) => s).join(' ');
  const teams = d.objects('teams');

  const core = {
    eventType: event,
    callId: d.reqId('id'),
    direction: inbound,
    from: inbound === 'inbound' ? external : ours,
    to: inbound === 'inbound' ? ours : external,
  } as const;
  const extra = {
    startedAt,
    endedAt,
    ringSeconds: secondsBetween(startedAt, answeredAt),
    durationSeconds: d.num('duration'),
    department: teams[0]?.str('name') ?? line?.str('name') ?? null,
    callerName: contactName || null,
    voicemailUrl: voicemail,
  };

  if (inbound === 'outbound') {
    // `answered_at` on our call: the external party picked up (a person or their voicemail)
    return callResult(P, { ...core, class: 'not_missed', reason: answeredAt !== null ? OUTBOUND_ANSWERED : 'outbound', final: true }, extra);
  }
  if (answeredAt !== null) return callResult(P, { ...core, class: 'not_missed', reason: 'answered', final: true }, extra);
  if (event === 'call.voicemail_left' || (voicemail !== null && voicemail !== '')) {
    return callResult(P, { ...core, class: 'voicemail', reason: 'voicemail_left', final: true }, extra);
  }
  const reason = rawReason ? snakeReason(rawReason) : null;
  if (event === 'call.answered') return callResult(P, { ...core, class: 'not_missed', reason: 'answered', final: true }, extra);
  if (event === 'call.hungup') {
    return callResult(P, { ...core, class: 'pending', reason: reason ?? 'hungup', final: false }, extra);
  }
  if (IN_PROGRESS.has(event)) return callResult(P, { ...core, class: 'pending', reason: snakeReason(event.slice(5)), final: false }, extra);
  if (!COMPLETE.has(event)) return { kind: 'ignored', reason: `no_call_outcome:${event}` };
  if (reason === null) {
    // README §2.3(3): inbound, never answered, no reason given — a miss, never "answered"
    return callResult(P, { ...core, class: 'missed', reason: 'no_answer', final: true }, extra);
  }
  // an unknown future reason on a never-answered inbound call is still a miss; the reason says which
  return callResult(P, { ...core, class: REASON_CLASS[reason] ?? 'missed', reason, final: true }, extra);
}
