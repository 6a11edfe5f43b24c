import type { SequenceTemplate } from '../schema/sequenceTemplate';
import { afterHours } from './afterHours';
import { bilingual } from './bilingual';
import { fourTouch } from './fourTouch';
import { healthcareInformational } from './healthcareInformational';

export { afterHours, bilingual, fourTouch, healthcareInformational };

/** Starter templates by id, in the order the designer offers them. */
export const STARTER_TEMPLATES: readonly SequenceTemplate[] = [fourTouch, afterHours, healthcareInformational, bilingual];
