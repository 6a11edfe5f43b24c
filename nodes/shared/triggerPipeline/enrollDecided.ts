import { callDepartment, type EnrollingCallClass, type SequenceTemplate } from '../../../shared/schema/sequenceTemplate';
import { callerLanguage } from '../../../shared/schema/callerLanguage';
import type { EnrollInput, EnrollResult, Ledger } from '../../ledger';
import { applyFilters, TRIGGERED_KIND, type FilterDeps } from './applyFilters';
import { enrolledTemplate } from './enrolledTemplate';
import { firstSteps, templateChannels } from './firstSteps';
import type { LoadedTemplate } from './loadTemplate';
import type { CallerInfo, DecidedCall, EnrolledItem, FilteredItem, FilterReason, TriggerConfig } from './types';
import { refusalMessage } from './refusalMessage';

/** Audit kinds the trigger (and the scheduler's settle sweep) write. */
export const TRIGGER_AUDIT = {
  filtered: 'missed_call_filtered',
  triggered: TRIGGERED_KIND,
  templateInvalid: 'TEMPLATE_INVALID',
  failed: 'missed_call_trigger_failed',
} as const;

/**
 * What to do with a decided call, worked out from the template and the filters; plain JSON, so a
 * call waiting for its settle window can carry it in the ledger (`parkPendingCall`'s enrollSpec).
 */
export type PreparedEnrollment =
  | { kind: 'template_invalid'; message: string; diagnostics: unknown[] }
  | { kind: 'filtered'; reason: FilterReason; detail: string; contact: CallerInfo | null }
  | { kind: 'enroll'; input: Omit<EnrollInput, 'now'>; contact: CallerInfo };

/** Template → filters → the enrollment input (template, hash, re-entry, channels, first steps). */
export async function prepareEnrollment(
  d: DecidedCall,
  cfg: TriggerConfig,
  loaded: LoadedTemplate,
  deps: FilterDeps,
): Promise<PreparedEnrollment> {
  if (!loaded.ok) return { kind: 'template_invalid', message: loaded.message, diagnostics: loaded.diagnostics.slice(0, 10) };
  const template = loaded.template;
  const f = await applyFilters(d, cfg, template, deps);
  if (!f.pass) return { kind: 'filtered', reason: f.reason, detail: f.detail, contact: f.caller };
  // the template's department (named by the phone system, or by the line called) before the phone system's label
  const department = callDepartment(template.business.departments, d.call.department, d.call.to);
  const call = department === d.call.department ? d.call : { ...d.call, department };
  const steps = firstSteps(template, d.call.class as EnrollingCallClass, d.callAt);
  const channels = templateChannels(template);
  return {
    kind: 'enroll',
    contact: f.caller,
    input: {
      templateId: template.id,
      templateHash: loaded.hash,
      template,
      phone: f.caller.phone,
      callId: d.call.callId,
      callEvent: call,
      reentry: template.reentry.policy === 'after_days' ? { policy: 'after_days', days: template.reentry.days ?? 0 } : { policy: template.reentry.policy },
      ...(channels.length ? { channels } : {}),
      ...(cfg.conversationHours > 0 ? { conversationWindowMs: cfg.conversationHours * 3_600_000 } : {}),
      firstSteps: steps.map((s) => ({ stepId: s.stepId, dueAt: s.dueAt, channel: s.channel })),
    },
  };
}

export interface EnrollOutcome {
  enrolled: EnrolledItem | null;
  filtered: FilteredItem | null;
}

type ToEnroll = Extract<PreparedEnrollment, { kind: 'enroll' }>;

/**
 * Carries out a prepared enrollment at `now`: audits an invalid template or a filtered call, or
 * enrolls (the ledger refuses duplicates, active enrollments, re-entry and opt-outs) and audits it.
 * The caller has claimed the call (`claimOnce(callKey)`) before.
 */
export async function enrollPrepared(ledger: Ledger, now: number, d: DecidedCall, p: PreparedEnrollment): Promise<EnrollOutcome> {
  const { call } = d;
  if (p.kind === 'template_invalid') {
    await ledger.audit({ kind: TRIGGER_AUDIT.templateInvalid, data: { call, message: p.message, diagnostics: p.diagnostics }, now });
    // on the Filtered output too, so a broken template shows in the executions (and can raise an alert) instead of only in the audit trail
    return { enrolled: null, filtered: { call, filtered: { reason: 'TEMPLATE_INVALID', detail: p.message }, contact: null, correlation: { via: d.via } } };
  }
  if (p.kind === 'filtered') return filteredOutcome(ledger, now, d, p.reason, p.detail, p.contact);
  return enrollOutcome(ledger, now, d, p, await ledger.enroll(enrollInput(now, d, p)));
}

/**
 * enrollPrepared of an `enroll` for a call not claimed yet: the claim (`claimOnce(claim.key)`, with
 * its `resolvePending`) and the enrollment are one ledger transaction (`enrollOnce`), so a failure
 * leaves no claim behind. Null when the call was claimed before (nothing done).
 */
export async function claimAndEnroll(
  ledger: Ledger,
  now: number,
  d: DecidedCall,
  p: ToEnroll,
  claim: { key: string; resolvePending?: string },
): Promise<EnrollOutcome | null> {
  const result = await ledger.enrollOnce(claim, enrollInput(now, d, p));
  return result === null ? null : enrollOutcome(ledger, now, d, p, result);
}

/**
 * The caller phoned us: prior express consent to an informational reply about that call (FCC 1992
 * order; compliance.md §1.2, read conservatively: informational only, never marketing). Recorded
 * only when nothing is on record, so it never lowers a written consent; in the enrollment's transaction.
 */
function enrollInput(now: number, d: DecidedCall, p: ToEnroll): EnrollInput {
  const { call } = d;
  return {
    ...p.input,
    now,
    onCreated: {
      consentIfNone: { level: 'informational', source: `inbound_call:${call.provider}:${call.callId}` },
      audit: { kind: TRIGGER_AUDIT.triggered, data: { callId: call.callId, provider: call.provider, class: call.class, templateId: p.input.templateId, via: d.via } },
    },
  };
}

/** The items of an enrollment the ledger created or refused (a refusal is audited as filtered). */
async function enrollOutcome(ledger: Ledger, now: number, d: DecidedCall, p: ToEnroll, result: EnrollResult): Promise<EnrollOutcome> {
  if (!result.created) {
    return filteredOutcome(ledger, now, d, `ENROLLMENT_${result.reason.toUpperCase()}` as FilterReason, refusalMessage(result.reason, p.input, result.enrollment), p.contact, {
      enrollment: { id: result.enrollment?.id ?? null, templateId: p.input.templateId, created: false, reason: result.reason },
    });
  }
  const enrollment = result.enrollment;
  const first = [...result.touches].sort((a, b) => a.dueAt - b.dueAt)[0];
  return {
    filtered: null,
    enrolled: {
      call: p.input.callEvent as DecidedCall['call'],
      enrollment: { id: enrollment.id, templateId: p.input.templateId, created: true },
      // the language the caller's texts go out in (their own preference, read by the enrollment itself, else their
      // department's, else the template's): for routing in the workflow
      contact: {
        ...p.contact,
        language: callerLanguage(p.input.template as SequenceTemplate, (p.input.callEvent as DecidedCall['call']).department, result.preferredLanguage),
      },
      // id + channel + enrollmentId: the Consent Gate and Follow-up Sender act on this touch (touchRef / loadContext)
      firstTouch: first
        ? { id: first.id, stepId: first.stepId, dueAt: new Date(first.dueAt).toISOString(), channel: first.channel, enrollmentId: enrollment.id }
        : null,
      // the parsed template prepareEnrollment put in (JSON round-tripped when the call was parked)
      template: enrolledTemplate(p.input.template as SequenceTemplate, d.call.class as EnrollingCallClass),
      correlation: { via: d.via },
    },
  };
}

/** Audits a filtered call and returns its Filtered item. */
async function filteredOutcome(
  ledger: Ledger,
  now: number,
  d: DecidedCall,
  reason: FilterReason,
  detail: string,
  contact: CallerInfo | null,
  extra: Partial<FilteredItem> = {},
): Promise<EnrollOutcome> {
  const { call } = d;
  await ledger.audit({
    kind: TRIGGER_AUDIT.filtered,
    phone: contact?.phone ?? null,
    data: { callId: call.callId, provider: call.provider, class: call.class, reason, detail, via: d.via },
    now,
  });
  return { enrolled: null, filtered: { call, filtered: { reason, detail }, ...extra, contact, correlation: { via: d.via } } };
}
