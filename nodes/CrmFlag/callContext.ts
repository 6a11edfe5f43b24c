import type { IDataObject } from 'n8n-workflow';
import type { SequenceTemplate } from '../../shared/schema';
import type { Priority } from '../../shared/schema/sequenceTemplate';
import { formatCalledAt } from '../FollowUpSender/renderStep';
import type { Touch } from '../ledger/Ledger';

export interface DepartmentOwner {
  department: string;
  ownerId: string;
  queueId: string;
}
export interface PriorityRule {
  match: string;
  priority: Priority;
}

/** Keys a department is known by: the call's value and, when the template knows it, its id and name. */
export function departmentKeys(template: SequenceTemplate | null, raw: string | null | undefined): string[] {
  if (!raw) return [];
  const key = raw.trim().toLowerCase();
  const d = template?.business.departments.find((x) => x.id.toLowerCase() === key || x.name.toLowerCase() === key);
  return [...new Set([key, ...(d ? [d.id.toLowerCase(), d.name.toLowerCase()] : [])])];
}

/** Owner and HubSpot queue of the department (first mapping that matches), else the default owner. */
export function ownerFor(map: DepartmentOwner[], keys: string[], defaultOwner: string): { id: string | null; queue: string | null; department: string | null } {
  const m = map.find((x) => keys.includes(x.department.trim().toLowerCase()));
  const id = (m?.ownerId.trim() || defaultOwner.trim()) || null;
  return { id, queue: m?.queueId.trim() || null, department: m?.department ?? null };
}

/**
 * Task priority: the step's own, else the first rule matching the department or the call class,
 * else the template department's, else the default.
 */
export function priorityFor(
  o: { step?: Priority | null; rules: PriorityRule[]; keys: string[]; callClass: string | null; template: SequenceTemplate | null; fallback: Priority },
): Priority {
  if (o.step) return o.step;
  const keys = [...o.keys, ...(o.callClass ? [o.callClass.toLowerCase()] : [])];
  const r = o.rules.find((x) => keys.includes(x.match.trim().toLowerCase()));
  if (r) return r.priority;
  const d = o.template?.business.departments.find((x) => o.keys.includes(x.id.toLowerCase()));
  return d?.priority ?? o.fallback;
}

const CHANNEL_NAMES: Record<string, string> = { sms: 'SMS', email: 'Email', callback_task: 'Callback task', notify_agent: 'Agent reminder' };

/** One note per automated touch sent so far, oldest first. */
export function touchNotes(touches: Touch[], timeZone: string): { body: string; at: number }[] {
  return touches
    .filter((t) => t.status === 'sent' && t.sentAt !== null)
    .sort((a, b) => a.sentAt! - b.sentAt!)
    .map((t) => {
      const d = (t.detail ?? {}) as IDataObject;
      const bits = [`step ${t.stepId}`, d.variant ? `variant ${String(d.variant)}` : null, t.provider ? `via ${t.provider}` : null].filter(Boolean);
      return {
        at: t.sentAt!,
        body: `Automated ${CHANNEL_NAMES[t.channel ?? ''] ?? t.channel ?? 'touch'} sent ${formatCalledAt(t.sentAt!, timeZone)} (${bits.join(', ')})`,
      };
    });
}

export interface ContextLines {
  callAt: number | null;
  timeZone: string;
  callClass: string | null;
  reason: string | null;
  department: string | null;
  queue: string | null;
  callerName: string | null;
  phone: string;
  replyText: string | null;
  touches: number;
  /** the language the caller's texts were in, by name, when it is not the template's own (e.g. "Spanish") */
  language?: string | null;
}

/** The call context as text lines for a task body; times in the business zone. */
export function contextLines(c: ContextLines): string[] {
  return [
    c.callAt !== null ? `Missed call: ${formatCalledAt(c.callAt, c.timeZone)} (${c.timeZone})` : null,
    c.callClass ? `Call class: ${c.callClass}${c.reason ? ` (${c.reason})` : ''}` : null,
    c.department ? `Department: ${c.department}` : null,
    c.queue ? `Queue: ${c.queue}` : null,
    `Caller: ${c.callerName ? `${c.callerName}, ` : ''}${c.phone}`,
    c.language ? `Caller's language: ${c.language}` : null,
    c.replyText ? `Reply: “${c.replyText}”` : null,
    `Automated touches so far: ${c.touches}`,
  ].filter((x): x is string => x !== null);
}
