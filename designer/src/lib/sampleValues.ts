import { nextOpeningText } from '../../../shared/hours';
import { formatCalledAt } from '../../../shared/template';
import type { Language } from '../../../shared/schema';
import type { TemplateMeta } from '../graph/types';
import { callerZones, type SampleCaller } from './samples';

/** `{{calledAt}}` as the nodes fill it; none while the business zone is not a valid one. */
function calledAt(at: number, timeZone: string, zones: readonly string[], lang: Language): string | undefined {
  try {
    return formatCalledAt(at, timeZone, zones, lang);
  } catch {
    return undefined;
  }
}

/**
 * Values a sample caller fills into the placeholders: `{{nextOpening}}` is relative to `sendAt`,
 * `{{calledAt}}` is `callAt` (default: the send) in the business zone, as the nodes fill them for
 * this caller's number — both name the business zone when the caller's zone has another offset, and
 * both are worded in `lang` (default: the template's). The sample department is the first one whose
 * callers get `lang` (else the first one).
 */
export function sampleValues(meta: TemplateMeta, caller: SampleCaller, sendAt: number, callAt = sendAt, lang: Language = meta.language ?? 'en') {
  const zones = callerZones(caller);
  const own = meta.language ?? 'en';
  const depts = meta.business.departments;
  return {
    businessName: meta.business.name,
    callerName: caller.callerName,
    callerFirstName: caller.callerFirstName,
    department: (depts.find((d) => (d.language ?? own) === lang) ?? depts[0])?.name,
    callbackLink: meta.business.callbackLink,
    callbackNumber: meta.business.callbackNumber,
    agentName: 'Sam',
    calledAt: calledAt(callAt, meta.business.timeZone, zones, lang),
    nextOpening: nextOpeningText(meta.business, sendAt, zones, lang),
  };
}
