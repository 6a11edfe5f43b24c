import { CALL_CLASSES, type CallClass, type CallEvent } from '../schema/callEvent';
import { callResult } from './buildEvents';
import { OUTBOUND_ANSWERED } from './conversationParty';
import { WebhookParseError } from './errors';
import { normalizeNumber } from './normalizeNumber';
import { parseBody } from './parseBody';
import { isRecord, own, Reader, type Json } from './read';
import { snakeReason } from './snakeReason';
import type { ClassifyOptions, ProviderEvent, WebhookBody } from './types';

const P = 'generic';

/** Dotted path into the body, with array indexes: `data.call.id`, `items[0].from`. */
export type FieldPath = string;

/** How to read a call event from any JSON or form webhook. */
export interface GenericMapping {
  callId: FieldPath;
  from: FieldPath;
  to: FieldPath;
  status: FieldPath;
  direction?: FieldPath;
  reason?: FieldPath;
  eventType?: FieldPath;
  startedAt?: FieldPath;
  endedAt?: FieldPath;
  durationSeconds?: FieldPath;
  ringSeconds?: FieldPath;
  department?: FieldPath;
  callerName?: FieldPath;
  voicemailUrl?: FieldPath;
  /** status value (exact, else case-insensitive) → class; unmapped statuses are `ignored` */
  statusMap: Record<string, CallClass>;
  /** direction values meaning inbound (case-insensitive); default inbound, incoming, in */
  inboundValues?: string[];
  /** direction values meaning outbound (case-insensitive); default outbound, outgoing, out */
  outboundValues?: string[];
}

const PATH_KEYS = ['callId', 'from', 'to', 'status', 'direction', 'reason', 'eventType', 'startedAt', 'endedAt', 'durationSeconds', 'ringSeconds', 'department', 'callerName', 'voicemailUrl'] as const;
const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);
const SEGMENT = /^([^.[\]]+)((?:\[\d+\])*)$/;

/** Split `a.b[0].c` into keys and indexes; INVALID_MAPPING for unsafe or malformed paths. */
export function parsePath(path: string): (string | number)[] {
  if (typeof path !== 'string' || path.trim() === '') throw new WebhookParseError('INVALID_MAPPING', P, 'empty field path');
  const out: (string | number)[] = [];
  for (const part of path.split('.')) {
    const m = SEGMENT.exec(part);
    if (!m) throw new WebhookParseError('INVALID_MAPPING', P, `malformed field path "${path}"`);
    if (FORBIDDEN.has(m[1]!)) throw new WebhookParseError('INVALID_MAPPING', P, `field path "${path}" uses forbidden key "${m[1]}"`);
    out.push(m[1]!);
    for (const idx of m[2]!.matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

/**
 * Safe lookup of a dotted path: own properties only, array indexes only on arrays.
 * @example lookupPath({ items: [{ from: '+1…' }] }, 'items[0].from') // '+1…'
 */
export function lookupPath(root: unknown, path: FieldPath): unknown {
  let cur: unknown = root;
  for (const key of parsePath(path)) {
    if (typeof key === 'number') cur = Array.isArray(cur) && key < cur.length ? cur[key] : undefined;
    else cur = isRecord(cur) ? own(cur, key) : undefined;
    if (cur === undefined || cur === null) return undefined;
  }
  return cur;
}

function readAt(root: Json, path: FieldPath): Reader {
  // a one-key reader over the looked-up value gives typed reads and path-named errors
  return new Reader(P, { [path]: lookupPath(root, path) });
}

function validateMapping(m: unknown): GenericMapping {
  if (!isRecord(m)) throw new WebhookParseError('INVALID_MAPPING', P, 'opts.generic mapping is required for provider "generic"');
  for (const key of ['callId', 'from', 'to', 'status'] as const) {
    if (typeof own(m, key) !== 'string') throw new WebhookParseError('INVALID_MAPPING', P, `mapping.${key} must be a field path`);
  }
  for (const key of PATH_KEYS) {
    const path = own(m, key);
    if (path === undefined) continue;
    if (typeof path !== 'string') throw new WebhookParseError('INVALID_MAPPING', P, `mapping.${key} must be a field path`);
    parsePath(path);
  }
  const map = own(m, 'statusMap');
  if (!isRecord(map)) throw new WebhookParseError('INVALID_MAPPING', P, 'mapping.statusMap must be an object');
  for (const [status, cls] of Object.entries(map)) {
    if (!(CALL_CLASSES as readonly unknown[]).includes(cls)) throw new WebhookParseError('INVALID_MAPPING', P, `mapping.statusMap["${status}"] is not a call class`);
  }
  return m as unknown as GenericMapping;
}

function classOf(map: Record<string, CallClass>, status: string): CallClass | null {
  if (Object.prototype.hasOwnProperty.call(map, status)) return map[status]!;
  const lower = status.toLowerCase();
  const key = Object.keys(map).find((k) => k.toLowerCase() === lower);
  return key === undefined ? null : map[key]!;
}

/**
 * Any other phone system, through a user-supplied {@link GenericMapping}. On an outbound call a
 * status mapped to not_missed means the customer answered (reason `outbound_answered`, final);
 * a missed/voicemail/abandoned status becomes not_missed with reason `outbound` (our own call is
 * never a miss); a pending status stays pending.
 */
export function classifyGeneric(body: WebhookBody, opts: ClassifyOptions): ProviderEvent {
  const m = validateMapping(opts.generic);
  const data = parseBody(P, body, opts.contentType).data;
  const str = (path: FieldPath | undefined) => (path === undefined ? null : readAt(data, path).id(path));
  const req = (path: FieldPath) => {
    const v = str(path);
    if (v === null) throw new WebhookParseError('MISSING_FIELD', P, `${path} is required`, path);
    return v;
  };
  const status = req(m.status);
  const cls = classOf(m.statusMap, status);
  if (cls === null) return { kind: 'ignored', reason: `unmapped_status:${snakeReason(status)}` };

  const dirText = str(m.direction)?.toLowerCase() ?? null;
  const inbound = (m.inboundValues ?? ['inbound', 'incoming', 'in']).map((v) => v.toLowerCase());
  const outbound = (m.outboundValues ?? ['outbound', 'outgoing', 'out']).map((v) => v.toLowerCase());
  const direction: CallEvent['direction'] = dirText === null ? 'unknown' : inbound.includes(dirText) ? 'inbound' : outbound.includes(dirText) ? 'outbound' : 'unknown';
  const reasonText = str(m.reason);
  const date = (path: FieldPath | undefined) => {
    if (path === undefined) return null;
    const r = readAt(data, path);
    const v = r.raw(path);
    // numbers are Unix time: seconds, or milliseconds when too large to be seconds
    if (typeof v === 'number') return v > 1e11 ? r.epochMillis(path) : r.epochSeconds(path);
    return r.dateText(path);
  };
  const num = (path: FieldPath | undefined) => (path === undefined ? null : readAt(data, path).num(path));
  const core = {
    eventType: str(m.eventType) ?? status,
    callId: req(m.callId),
    direction,
    from: normalizeNumber(str(m.from) ?? ''),
    to: normalizeNumber(str(m.to) ?? ''),
  };
  const extra = {
    startedAt: date(m.startedAt),
    endedAt: date(m.endedAt),
    durationSeconds: num(m.durationSeconds),
    ringSeconds: num(m.ringSeconds),
    department: str(m.department),
    callerName: str(m.callerName),
    voicemailUrl: str(m.voicemailUrl),
  };
  if (direction === 'outbound' && cls !== 'pending') {
    return callResult(P, { ...core, class: 'not_missed', reason: cls === 'not_missed' ? OUTBOUND_ANSWERED : 'outbound', final: true }, extra);
  }
  const reason = reasonText ? snakeReason(reasonText) : snakeReason(status);
  return callResult(P, { ...core, class: cls, reason, final: cls !== 'pending' }, extra);
}
