import { nextOpeningText, stepBusinessWindow } from '../hours';
import { analyzePhone, type PhoneInfo } from '../phone';
import { decide, type Consent, type Decision } from '../compliance';
import { isSensitiveIndustry, type SequenceTemplate } from '../schema';

export interface SimulateOptions {
  /** the caller, E.164 */
  to: string;
  /** the missed call's instant */
  at: Date | number;
  /** consent on record; default: what the template requires */
  consent?: Consent;
  /** carrier line type, when known (Twilio Lookup names) */
  carrierLineType?: string;
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
   * else planned), naming the business zone when a caller zone differs, as the sender does; '' → fallback
   */
  nextOpening: string;
}

export interface Simulation {
  phone: PhoneInfo | null;
  touches: SimulatedTouch[];
}

const CONSUMER_CHANNEL = { sms: 'sms', email: 'email', callback_task: 'voice' } as const;

/**
 * When each touch of a sequence would really go out for one caller: the same `decide()` the nodes run,
 * applied step by step. A deferred touch moves the ones timed from it; blocked touches are skipped.
 * Agent notifications are internal and never gated; callback tasks are gated as the call they lead to.
 *
 * @example
 * simulateSequence(fourTouch, { to: '+13055550123', at: Date.parse('2026-12-01T20:45:00-05:00') })
 * //=> touches[0]: planned 20:46 local, allowed 08:00 local next day (QUIET_HOURS)
 */
export function simulateSequence(template: SequenceTemplate, opts: SimulateOptions): Simulation {
  const callAt = typeof opts.at === 'number' ? opts.at : opts.at.getTime();
  const phone = analyzePhone(opts.to, { carrierLineType: opts.carrierLineType });
  const zone = phone?.zones[0] ?? null;
  const consent: Consent = opts.consent ?? template.consent.required;
  const sent: number[] = [];
  const touches: SimulatedTouch[] = [];
  let previous = callAt;

  for (const step of template.steps) {
    const planned = (step.delay.from === 'call' ? callAt : previous) + step.delay.minutes * 60_000;
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
          sensitiveIndustry: isSensitiveIndustry(template.business.industry),
          businessHours: stepBusinessWindow(template, step === template.steps[0]),
        })
      : { verdict: 'send', notBefore: null, rules: [], reasons: [{ code: 'INTERNAL_STEP', message: 'agent notification: internal, not gated' }] };
    const allowed = decision.verdict === 'send' ? planned : decision.verdict === 'defer' && decision.notBefore ? Date.parse(decision.notBefore) : null;
    if (allowed !== null) {
      previous = allowed;
      if (channel) sent.push(allowed);
    } else {
      previous = planned;
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
      nextOpening: nextOpeningText(template.business, allowed ?? planned, phone?.zones),
    });
  }
  return { phone, touches };
}

/** `2026-12-02 08:00 EST (Wed)` in `zone`, or UTC when the zone is unknown. */
export function formatLocal(instant: number, zone: string | null): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone ?? 'UTC',
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
    weekday: 'short', hourCycle: 'h23', timeZoneName: 'short',
  }).formatToParts(instant);
  const p = Object.fromEntries(parts.map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute} ${p.timeZoneName} (${p.weekday})`;
}
