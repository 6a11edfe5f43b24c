import { nextOpeningText } from '../../../shared/hours';
import type { TemplateMeta } from '../graph/types';
import type { SampleCaller } from './samples';

/** Values a sample caller fills into the placeholders; `{{nextOpening}}` is relative to `now`. */
export function sampleValues(meta: TemplateMeta, caller: SampleCaller, now: number) {
  return {
    businessName: meta.business.name,
    callerName: caller.callerName,
    callerFirstName: caller.callerFirstName,
    department: meta.business.departments[0]?.name,
    callbackLink: meta.business.callbackLink,
    callbackNumber: meta.business.callbackNumber,
    agentName: 'Sam',
    calledAt: '8:45 PM',
    nextOpening: nextOpeningText(meta.business, now),
  };
}
