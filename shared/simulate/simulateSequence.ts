import { nextOpeningText, stepBusinessWindow } from '../hours';
import { analyzePhone, type PhoneInfo } from '../phone';
import { decide, type Consent, type Decision } from '../compliance';
import { nextStep, type EnrollingCallClass, type SequenceTemplate } from '../schema';
import { enrollmentRefusal, type EnrollmentRefusal } from './enrollmentRefusal';
import { smsTextAsSent } from '../template';
import { firstTouches } from './firstTouches';
import { formatLocal } from './formatLocal';

export interface SimulateOptions {
  /** the caller, E.164 */
  to: string;
  /** the missed call's instant */
  at: Date | number;
  /** what the phone system made of the call; default `missed` */
  callClass?: EnrollingCallClass;
  /** consent on record; default: what the template requires */
  consent?: Consent;
  /** carrier line type, when known (Twilio Lookup names) */
  carrierLineType?: string;
  /**
   * the Consent Gate's "Sensitive Industry" option: every consumer touch goes to a person. Default
   * false, as on the gate; the template's `business.industry` alone does not route anything (it
   * restricts what the texts may say, which lint checks)
   */
  sensitiveIndustry?: boolean;
}

export interface SimulatedTouch {
  stepId: string;
  channel: SequenceTemplate['steps'][number]['channel'];
  /** when the template plans it (from the call, or from the previous touch as it really went) */
  plannedAt: string;
  /** when it may really go out; null when blocked or routed to a person */
  allowedAt: string | null;
  verdict: Decision['verdict'];
  /** the gate's reasons; `INTERNAL_STEP` for an agent notification, which is never gated */
  reasons: { code: Decision['reasons'][number]['code'] | 'INTERNAL_STEP'; message: string }[];
  rules: string[];
  /** zone the local times are shown in (the first candidate) */
  zone: string | null;
  plannedLocal: string;
  allowedLocal: string | null;
  /**
   * what `{{nextOpening}}` renders as in this touch for this caller: relative to when it goes out (allowed,
   * else planned), naming the business zone when a caller zone differs, as the sender does; '' → fallback.
   * In an SMS under the template's `keepSmsInGsm7`, in plain letters, as it is sent
   */
  nextOpening: string;
}

export interface Simulation {
  phone: PhoneInfo | null;
  callClass: EnrollingCallClass;
  /** why the template's trigger would not enroll this call (then `touches` is empty), or null */
  notEnrolled: EnrollmentRefusal | null;
  touches: SimulatedTouch[];
}

const CONSUMER_CHANNEL = { sms: 'sms', email: 'email', callback_task: 'voice' } as const;

/**
 * When each touch of a sequence would really go out for one caller: the same `decide()` the nodes run,
 * applied touch by touch in the order they fall due. The touches are the ones the nodes schedule for the
 * call class (the trigger's first step(s), then `nextStep`, both honouring each step's `onlyIf`); a call the template's trigger
 * does not enroll gets `notEnrolled` and no touches. A deferred touch moves the ones timed from it;
 * blocked touches are skipped. Agent notifications are internal and never gated; callback tasks are
 * gated as the call they lead to.
 *
 * @example
 * simulateSequence(fourTouch, { to: '+13055550123', at: Date.parse('2026-12-01T20:45:00-05:00') })
 * //=> touches[0]: planned 20:46 local, allowed 08:00 local next day (QUIET_HOURS)
 */
export function simulateSequence(template: SequenceTemplate, opts: SimulateOptions): Simulation {
  const callAt = typeof opts.at === 'number' ? opts.at : opts.at.getTime();
  const callClass = opts.callClass ?? 'missed';
  const phone = analyzePhone(opts.to, { carrierLineType: opts.carrierLineType });
  const notEnrolled = enrollmentRefusal(template, callClass, callAt);
  if (notEnrolled) return { phone, callClass, notEnrolled, touches: [] };
  const zone = phone?.zones[0] ?? null;
  const consent: Consent = opts.consent ?? template.consent.required;
  const sent: number[] = [];
  const touches: SimulatedTouch[] = [];
  // touches the nodes have scheduled and not yet run, by step index: the ledger keeps one touch per step
  const queue = new Map(firstTouches(template, callClass, callAt).map((f) => [f.index, f.dueAt]));
  // the touch(es) answering the call: never held to business hours
  const answering = new Set(queue.keys());
  const scheduled = new Set(queue.keys());
  // an SMS's words as they go out: plain letters under `keepSmsInGsm7` (`el sábado` → `el sabado`)
  const asSent = (channel: string, words: string) => (channel === 'sms' ? smsTextAsSent(words, template) : words);

  while (queue.size > 0) {
    // the earliest due touch first (then the upper step), as the scheduler hands them out
    const [index, planned] = [...queue].reduce((a, b) => (b[1] < a[1] || (b[1] === a[1] && b[0] < a[0]) ? b : a));
    queue.delete(index);
    const step = template.steps[index]!;
    const channel = step.channel === 'notify_agent' ? null : CONSUMER_CHANNEL[step.channel];
    const decision: Pick<Decision, 'verdict' | 'notBefore' | 'rules'> & { reasons: SimulatedTouch['reasons'] } = channel
      ? decide({
          now: planned,
          phone,
          channel,
          classification: template.classification,
          consent,
          recentSends: sent.filter((t) => t > planned - 86_400_000),
          sentLast24h: sent.filter((t) => t > planned - 86_400_000).length,
          maxPer24h: template.sendWindow.maxPer24h,
          sensitiveIndustry: opts.sensitiveIndustry === true,
          businessHours: stepBusinessWindow(template, answering.has(index)),
        })
      : { verdict: 'send', notBefore: null, rules: [], reasons: [{ code: 'INTERNAL_STEP', message: 'agent notification: internal, not gated' }] };
    const allowed = decision.verdict === 'send' ? planned : decision.verdict === 'defer' && decision.notBefore ? Date.parse(decision.notBefore) : null;
    if (allowed !== null && channel) sent.push(allowed);
    const next = nextStep(template, step.id, callAt, allowed ?? planned, callClass);
    if (next.kind === 'step' && !scheduled.has(next.index)) {
      queue.set(next.index, next.dueAt);
      scheduled.add(next.index);
    }
    touches.push({
      stepId: step.id,
      channel: step.channel,
      plannedAt: new Date(planned).toISOString(),
      allowedAt: allowed === null ? null : new Date(allowed).toISOString(),
      verdict: decision.verdict,
      reasons: decision.reasons,
      rules: decision.rules,
      zone,
      plannedLocal: formatLocal(planned, zone),
      allowedLocal: allowed === null ? null : formatLocal(allowed, zone),
      nextOpening: asSent(step.channel, nextOpeningText(template.business, allowed ?? planned, phone?.zones, template.language)),
    });
  }
  return { phone, callClass, notEnrolled: null, touches };
}

