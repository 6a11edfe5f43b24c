/** Ledger fixtures shared by the node tests: a normalized call event and an enrollment. */
import { createHash } from 'node:crypto';
import type { Enrollment, Ledger, Touch } from '../../../nodes/ledger';
import type { CallEvent } from '../../../shared/schema';
import { fourTouch } from '../../../shared/templates';

export const MIAMI = '+13055550123';
export const AUSTIN = '+15125550188';

let calls = 0;

/** A final missed-call event from `phone` at `at`. */
export function callEvent(phone: string, at: number, over: Partial<CallEvent> = {}): CallEvent {
  return {
    schemaVersion: 1,
    provider: 'generic',
    eventType: 'call.ended',
    callId: `call-${process.pid}-${++calls}`,
    direction: 'inbound',
    from: phone,
    to: '+15125550142',
    class: 'missed',
    reason: 'no_answer',
    final: true,
    startedAt: new Date(at - 30_000).toISOString(),
    endedAt: new Date(at).toISOString(),
    ringSeconds: 30,
    durationSeconds: 0,
    department: 'Service',
    callerName: 'Dana Lee',
    voicemailUrl: null,
    ...over,
  };
}

/**
 * Enrolls `phone` in the four-touch template (or `template`) with consent `informational`, its
 * first step due at `dueAt`. Returns the enrollment and its first touch.
 */
export async function enrollCaller(
  ledger: Ledger,
  o: { phone: string; at: number; dueAt?: number; template?: typeof fourTouch; stepId?: string; consent?: boolean },
): Promise<{ enrollment: Enrollment; touch: Touch; call: CallEvent }> {
  const template = o.template ?? fourTouch;
  const call = callEvent(o.phone, o.at);
  await ledger.upsertContact({ phone: o.phone, name: 'Dana Lee', now: o.at });
  if (o.consent !== false) await ledger.recordConsent(o.phone, 'informational', 'inbound_call', o.at);
  const step = template.steps.find((s) => s.id === (o.stepId ?? template.steps[0]!.id))!;
  const r = await ledger.enroll({
    templateId: template.id,
    templateHash: createHash('sha256').update(JSON.stringify(template)).digest('hex'),
    template,
    phone: o.phone,
    callId: call.callId,
    callEvent: call,
    reentry: { policy: 'after_completion' },
    firstSteps: [{ stepId: step.id, dueAt: o.dueAt ?? o.at + 60_000, channel: step.channel }],
    now: o.at,
  });
  if (!r.created) throw new Error(`enrollment refused: ${r.reason}`);
  return { enrollment: r.enrollment, touch: r.touches[0]!, call };
}
