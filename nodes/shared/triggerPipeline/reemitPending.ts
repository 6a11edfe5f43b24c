import { analyzePhone } from '../../../shared/phone';
import type { CallEvent } from '../../../shared/schema/callEvent';
import type { EnrollingCallClass } from '../../../shared/schema/sequenceTemplate';
import type { Ledger } from '../../ledger';
import { maskPhone } from '../maskPhone';
import { parseStoredTemplate } from '../parseStoredTemplate';
import { enrolledTemplate } from './enrolledTemplate';
import type { DecidedCall, EnrolledItem } from './types';
import { callerLanguage } from '../../../shared/schema/callerLanguage';

/**
 * How old an enrollment must be before a repeated delivery of its call re-emits it: younger, the
 * execution started by the first delivery may still be on its way to the first touch.
 */
export const REEMIT_GRACE_MS = 10_000;

/** Audit kind of a re-emitted Enrolled item. */
export const REEMITTED_KIND = 'missed_call_reemitted';

/**
 * The Enrolled item again for a call that is already claimed, when the execution that should have
 * sent its first touch apparently never ran (n8n answered the provider, then failed to start it):
 * the enrollment is active, older than `REEMIT_GRACE_MS`, and its first touch is still `pending`,
 * never claimed and never deferred. Same enrollment, same first-touch id — the Follow-up Sender's
 * `beginSend` (one send per enrollment + step) makes a duplicate send impossible. Null otherwise.
 * `templateId`: the trigger's template id, null when unknown (an enrollment of another template is
 * not this trigger's to re-emit); only read when everything else matched.
 * @example const item = await pendingFirstTouchItem(ledger, decided, 'US', now, async () => 'four-touch');
 */
export async function pendingFirstTouchItem(
  ledger: Ledger,
  d: DecidedCall,
  defaultCountry: string,
  now: number,
  templateId: () => Promise<string | null>,
): Promise<EnrolledItem | null> {
  const info = analyzePhone(d.call.from, { defaultCountry });
  if (!info) return null;
  const enrollment = (await ledger.enrollmentsOf(info.e164)).find(
    (e) => e.callId === d.call.callId && (e.callEvent as CallEvent | null)?.provider === d.call.provider,
  );
  if (!enrollment || enrollment.status !== 'active' || now - enrollment.createdAt < REEMIT_GRACE_MS) return null;
  const first = [...(await ledger.touchesOf(enrollment.id))].sort((a, b) => a.dueAt - b.dueAt)[0];
  if (!first || first.status !== 'pending' || first.claims > 0 || first.reason !== null) return null;
  const ours = await templateId();
  if (ours !== null && ours !== enrollment.templateId) return null;
  await ledger.audit({
    kind: REEMITTED_KIND,
    phone: info.e164,
    enrollmentId: enrollment.id,
    touchId: first.id,
    data: { callId: d.call.callId, provider: d.call.provider, ageMs: now - enrollment.createdAt },
    now,
  });
  const stored = parseStoredTemplate(enrollment.template);
  // a re-emission is rare: one more read for the contact's preferred language
  const preferred = (await ledger.contact(info.e164))?.language;
  return {
    call: enrollment.callEvent as CallEvent,
    enrollment: { id: enrollment.id, templateId: enrollment.templateId, created: true },
    contact: {
      phone: info.e164,
      masked: maskPhone(info.e164),
      lineType: info.lineType,
      language: callerLanguage(stored.success ? stored.data : null, (enrollment.callEvent as CallEvent | null)?.department, preferred),
    },
    firstTouch: { id: first.id, stepId: first.stepId, dueAt: new Date(first.dueAt).toISOString(), channel: first.channel, enrollmentId: enrollment.id },
    ...(stored.success ? { template: enrolledTemplate(stored.data, d.call.class as EnrollingCallClass) } : {}),
    correlation: { via: d.via },
    reemitted: { reason: 'FIRST_TOUCH_PENDING', enrolledAt: new Date(enrollment.createdAt).toISOString() },
  };
}
