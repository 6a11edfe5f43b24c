import type { SequenceTemplate } from '../../../shared/schema/sequenceTemplate';

/** What an Enrolled item tells of its template: what the Consent Gate reads from the item on the first touch. */
export interface EnrolledTemplate {
  id: string;
  name: string;
  classification: SequenceTemplate['classification'];
  /** `required`: the least consent the template requires (the gate blocks a contact below it) */
  consent: SequenceTemplate['consent'];
  sendWindow: SequenceTemplate['sendWindow'];
  /** the step that answers the call itself: exempt from sendWindow.businessHoursOnly */
  firstStepId: string | null;
  /** only when the first touch is held to business hours (businessHoursOnly, and not the template's first step) */
  business?: SequenceTemplate['business'];
}

/**
 * The template summary on an Enrolled item (small: the first touch is on the latency-critical path,
 * so no business object unless the first touch needs its hours). `firstTouchStepId`: the step of the
 * item's first touch. Copies: the template may be shared.
 * @example enrolledTemplate(fourTouch, 'sms-first') // { id: 'four-touch', …, consent: { required: 'informational' }, firstStepId: 'sms-first' }
 */
export function enrolledTemplate(t: SequenceTemplate, firstTouchStepId: string | null): EnrolledTemplate {
  const firstStepId = t.steps[0]?.id ?? null;
  const held = t.sendWindow.businessHoursOnly === true && firstTouchStepId !== null && firstTouchStepId !== firstStepId;
  return {
    id: t.id,
    name: t.name,
    classification: t.classification,
    consent: { ...t.consent },
    sendWindow: { ...t.sendWindow },
    firstStepId,
    ...(held ? { business: structuredClone(t.business) } : {}),
  };
}
