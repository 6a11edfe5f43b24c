import type { IDataObject } from 'n8n-workflow';
import type { EnrollingCallClass, SequenceTemplate, Step } from '../../shared/schema';
import { answeringStepIds } from '../../shared/simulate/firstTouches';
import { parseStoredTemplate } from '../shared/parseStoredTemplate';
import type { Contact, Enrollment, Touch } from '../ledger/Ledger';

/** The template stored on an enrollment, parsed (defaults filled); null when it is not a template. */
export function storedTemplate(raw: unknown): SequenceTemplate | null {
  const r = parseStoredTemplate(raw);
  return r.success ? r.data : null;
}

/** The step a touch runs, or null when the template has no step of that id. */
export function stepOf(template: SequenceTemplate, stepId: string): Step | null {
  return template.steps.find((s) => s.id === stepId) ?? null;
}

/** The class of the call an enrollment started from (missed when the stored call says none it could enroll). */
function callClassOf(enrollment: Enrollment): EnrollingCallClass {
  const cls = (enrollment.callEvent as { class?: unknown } | null)?.class;
  return cls === 'voicemail' || cls === 'abandoned' ? cls : 'missed';
}

/**
 * The item the scheduler emits for one claimed touch.
 * `template` carries what the gate and sender need (classification, consent, sendWindow) besides id/name/business.
 */
export function touchItem(touch: Touch, step: Step, template: SequenceTemplate, enrollment: Enrollment, contact: Contact | null): IDataObject {
  const person = { phone: touch.phone, name: contact?.name ?? null, email: contact?.email ?? null };
  return {
    touch: {
      id: touch.id,
      stepId: touch.stepId,
      dueAt: new Date(touch.dueAt).toISOString(),
      phone: touch.phone,
      enrollmentId: touch.enrollmentId,
      channel: touch.channel ?? step.channel,
      claims: touch.claims,
    },
    // copies: the parsed template is shared and frozen (parseStoredTemplate); items are the user's to change
    step: structuredClone(step) as unknown as IDataObject,
    template: {
      id: template.id,
      name: template.name,
      business: structuredClone(template.business) as unknown as IDataObject,
      classification: template.classification,
      // the least consent the template requires: the gate blocks a contact below it
      consent: { ...template.consent },
      sendWindow: structuredClone(template.sendWindow) as unknown as IDataObject,
      // the step(s) that answer the call (its class's first touch): exempt from sendWindow.businessHoursOnly unless holdFirstTouch (the gate reads it)
      firstStepIds: answeringStepIds(template, callClassOf(enrollment)),
    },
    call: (enrollment.callEvent ?? null) as IDataObject | null,
    // not "caller": n8n's expression sandbox forbids that property name ({{ $json.caller }} is an error)
    contact: person,
  };
}
