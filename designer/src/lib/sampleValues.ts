import { nextOpeningText } from '../../../shared/hours';
import { formatCalledAt } from '../../../shared/template';
import type { TemplateMeta } from '../graph/types';
import { callerZones, type SampleCaller } from './samples';

/** `{{calledAt}}` as the nodes fill it; none while the business zone is not a valid one. */
function calledAt(at: number, timeZone: string, zones: readonly string[]): string | undefined {
  try {
    return formatCalledAt(at, timeZone, zones);
  } catch {
    return undefined;
  }
}

/**
 * Values a sample caller fills into the placeholders: `{{nextOpening}}` is relative to `sendAt`,
 * `{{calledAt}}` is `callAt` (default: the send) in the business zone, as the nodes fill them for
 * this caller's number — both name the business zone when the caller's zone has another offset.
 */
export function sampleValues(meta: TemplateMeta, caller: SampleCaller, sendAt: number, callAt = sendAt) {
  const zones = callerZones(caller);
  return {
    businessName: meta.business.name,
    callerName: caller.callerName,
    callerFirstName: caller.callerFirstName,
    department: meta.business.departments[0]?.name,
    callbackLink: meta.business.callbackLink,
    callbackNumber: meta.business.callbackNumber,
    agentName: 'Sam',
    calledAt: calledAt(callAt, meta.business.timeZone, zones),
    nextOpening: nextOpeningText(meta.business, sendAt, zones),
  };
}
