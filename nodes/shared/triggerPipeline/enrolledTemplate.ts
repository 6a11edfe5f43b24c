import type { EnrollingCallClass, SequenceTemplate } from '../../../shared/schema/sequenceTemplate';
import { answeringStepIds } from '../../../shared/simulate/firstTouches';

/** What an Enrolled item tells of its template: what the Consent Gate reads from the item on the first touch. */
export interface EnrolledTemplate {
  id: string;
  name: string;
  classification: SequenceTemplate['classification'];
  /** `required`: the least consent the template requires (the gate blocks a contact below it) */
  consent: SequenceTemplate['consent'];
  sendWindow: SequenceTemplate['sendWindow'];
  /** the step(s) that answer this call (its class's first touch): exempt from sendWindow.businessHoursOnly unless holdFirstTouch */
  firstStepIds: string[];
  /** only when those steps are held to opening hours (`sendWindow.holdFirstTouch`): the gate needs them */
  business?: SequenceTemplate['business'];
}

/**
 * The template summary on an Enrolled item (small: the first touch is on the latency-critical path, and
 * it answers the call, so it needs the business hours only when `holdFirstTouch` holds it to them).
 * Copies: the template may be shared.
 * @example enrolledTemplate(fourTouch, 'missed') // { id: 'four-touch', …, consent: { required: 'informational' }, firstStepIds: ['sms-first'] }
 */
export function enrolledTemplate(t: SequenceTemplate, cls: EnrollingCallClass): EnrolledTemplate {
  return {
    id: t.id,
    name: t.name,
    classification: t.classification,
    consent: { ...t.consent },
    sendWindow: { ...t.sendWindow },
    firstStepIds: answeringStepIds(t, cls),
    ...(t.sendWindow.businessHoursOnly && t.sendWindow.holdFirstTouch ? { business: structuredClone(t.business) } : {}),
  };
}
