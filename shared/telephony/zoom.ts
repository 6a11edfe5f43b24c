import type { MessageClass } from '../schema/callEvent';
import { callResult, messageResult } from './buildEvents';
import { OUTBOUND_ANSWERED } from './conversationParty';
import { defaultClassifyText } from './defaultClassifyText';
import { WebhookParseError } from './errors';
import { normalizeNumber } from './normalizeNumber';
import { parseBody } from './parseBody';
import { Reader, secondsBetween } from './read';
import { snakeReason } from './snakeReason';
import type { ClassifyOptions, ProviderEvent, WebhookBody } from './types';

const P = 'zoom';
const OPT_STATUS: Record<string, MessageClass> = { opt_out: 'opt_out', opt_in: 'opt_in' };
const GROUP_EXTENSIONS = new Set(['callQueue', 'autoReceptionist', 'sharedLineGroup', 'commonArea']);

function party(p: Reader | null): string {
  if (!p) return '';
  const n = p.str('phone_number') ?? p.id('extension_number') ?? '';
  return normalizeNumber(n);
}

/**
 * Zoom `endpoint.url_validation`: the reply needs HMAC-SHA256(secret, plainToken). Shared code has
 * no crypto, so the caller injects `hmacSha256Hex` and `secret` (Node: `zoomUrlValidationResponse`
 * in nodes/shared/signatures does the same); without them this throws MISSING_SECRET.
 */
function urlValidation(obj: Reader, opts: ClassifyOptions): ProviderEvent {
  const plainToken = obj.reqStr('plainToken');
  if (!opts.secret || !opts.hmacSha256Hex) {
    throw new WebhookParseError('MISSING_SECRET', P, 'endpoint.url_validation needs opts.secret and opts.hmacSha256Hex to answer');
  }
  const encryptedToken = opts.hmacSha256Hex(opts.secret, plainToken);
  return { kind: 'handshake', challenge: plainToken, respond: { contentType: 'application/json', body: JSON.stringify({ plainToken, encryptedToken }) } };
}

function sms(event: string, o: Reader, opts: ClassifyOptions): ProviderEvent {
  const sender = normalizeNumber(o.reqChild('sender').reqStr('phone_number'));
  const text = o.str('message') ?? '';
  const member = o.objects('to_members')[0] ?? null;
  const statuses = o.objects('phone_number_campaign_opt_statuses');
  const mine = statuses.find((s) => normalizeNumber(s.str('consumer_phone_number') ?? '') === sender) ?? statuses[0];
  const optStatus = mine?.str('opt_status') ?? null;
  return messageResult(P, {
    eventType: event,
    messageId: o.id('message_id') ?? o.reqId('session_id'),
    from: sender,
    to: party(member),
    text,
    // Zoom's own campaign opt status wins (it already applied the keyword); `pending` says nothing
    class: (optStatus && OPT_STATUS[optStatus]) || (opts.classifyText ?? defaultClassifyText)(text),
    receivedAt: o.dateText('date_time'),
  });
}

/**
 * Zoom Phone webhook (`{event, event_ts, payload: {account_id, object}}`). `phone.callee_missed`
 * fires once per ringing leg, so it is a miss but not final; `phone.voicemail_received` is final.
 */
export function classifyZoom(body: WebhookBody, opts: ClassifyOptions): ProviderEvent {
  const env = Reader.of(P, parseBody(P, body, opts.contentType).data);
  const event = env.reqStr('event');
  const payload = env.reqChild('payload');
  if (event === 'endpoint.url_validation') return urlValidation(payload, opts);
  if (!event.startsWith('phone.')) return { kind: 'ignored', reason: `no_call_outcome:${event}` };
  const o = payload.reqChild('object');
  if (event === 'phone.sms_received') return sms(event, o, opts);

  if (event === 'phone.voicemail_received') {
    return callResult(
      P,
      {
        eventType: event,
        callId: o.id('call_id') ?? o.reqId('id'),
        direction: 'inbound',
        from: normalizeNumber(o.str('caller_number') ?? ''),
        to: normalizeNumber(o.id('callee_number') ?? ''),
        class: 'voicemail',
        reason: 'voicemail_left',
        final: true,
      },
      {
        endedAt: o.dateText('date_time'),
        durationSeconds: o.num('duration'),
        callerName: o.str('caller_name'),
        department: GROUP_EXTENSIONS.has(o.str('callee_extension_type') ?? '') ? o.str('callee_name') : null,
        voicemailUrl: o.str('download_url'),
      },
    );
  }

  const callee = event.startsWith('phone.callee_');
  if (!callee && !event.startsWith('phone.caller_')) return { kind: 'ignored', reason: `no_call_outcome:${event}` };
  const caller = o.child('caller');
  const calleeParty = o.child('callee');
  const startedAt = o.dateText('ringing_start_time');
  // callee_* and caller_ended carry answer_start_time; caller_connected carries connected_start_time
  const answeredAt = o.dateText('answer_start_time') ?? o.dateText('connected_start_time');
  const core = {
    eventType: event,
    callId: o.reqId('call_id'),
    direction: callee ? ('inbound' as const) : ('outbound' as const),
    from: party(caller),
    to: party(calleeParty),
  };
  const extra = {
    startedAt,
    endedAt: o.dateText('call_end_time'),
    ringSeconds: secondsBetween(startedAt, answeredAt ?? o.dateText('call_end_time')),
    callerName: caller?.str('name') ?? null,
    department: GROUP_EXTENSIONS.has(calleeParty?.str('extension_type') ?? '') ? (calleeParty?.str('name') ?? null) : null,
  };
  if (!callee) {
    // caller_* events are our outbound call: connected, or ended after the callee answered
    const answered = event === 'phone.caller_connected' || (event === 'phone.caller_ended' && answeredAt !== null);
    return callResult(P, { ...core, class: 'not_missed', reason: answered ? OUTBOUND_ANSWERED : 'outbound', final: true }, extra);
  }
  switch (event) {
    case 'phone.callee_missed':
    case 'phone.callee_rejected': {
      const hangup = o.str('handup_result');
      const reason = event === 'phone.callee_rejected' ? 'rejected' : hangup ? snakeReason(hangup) : 'no_answer';
      return callResult(P, { ...core, class: 'missed', reason, final: false }, extra);
    }
    case 'phone.callee_answered':
      return callResult(P, { ...core, class: 'not_missed', reason: 'answered', final: true }, extra);
    case 'phone.callee_ringing':
      return callResult(P, { ...core, class: 'pending', reason: 'ringing', final: false }, extra);
    case 'phone.callee_ended':
      if (answeredAt !== null) return callResult(P, { ...core, class: 'not_missed', reason: 'answered', final: true }, extra);
      return callResult(P, { ...core, class: 'pending', reason: 'ended', final: false }, extra);
    default:
      return { kind: 'ignored', reason: `no_call_outcome:${event}` };
  }
}
