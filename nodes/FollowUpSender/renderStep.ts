import { nextOpeningText } from '../../shared/hours';
import { firstName, formatCalledAt, personName, renderTemplate, type TemplateValues } from '../../shared/template';
import type { CallEvent } from '../../shared/schema';
import type { EmailStep, SequenceTemplate, SmsStep } from '../../shared/schema/sequenceTemplate';
import { chooseVariant } from './chooseVariant';

/** Id of a step's own text when the step also has variants. */
export const DEFAULT_VARIANT = 'default';

/** `Tue, Jan 14, 3:45 PM` in the business zone (lives in shared/ so the designer's preview matches). */
export { formatCalledAt };

export interface Personalization {
  callerName?: string | null;
  callerFirstName?: string | null;
  agentName?: string | null;
  /** the call as the trigger normalized it (department, callerName, times) */
  call?: Partial<CallEvent> | null;
  /** instant of the missed call (epoch ms) */
  callAt: number;
  /** the node's current time (epoch ms): `{{nextOpening}}` is relative to it */
  now: number;
  /**
   * the recipient's candidate IANA zones (analyzePhone(…).zones): `{{nextOpening}}` and `{{calledAt}}`
   * name the business zone when one of them has another UTC offset; none/empty: unknown, no name
   */
  recipientZones?: readonly string[] | null;
}

export type RenderedMessage =
  | { ok: true; channel: 'sms' | 'email'; variant: string; text: string; subject?: string; html?: string; firstMessageFor?: string }
  | { ok: false; reason: 'RENDER_MISSING'; variant: string; missing: string[] };

/** Department name: the template's department whose id or name matches the call's, else the call's value. */
export function departmentName(template: SequenceTemplate, raw: string | null | undefined): string | null {
  if (!raw) return null;
  const key = raw.trim().toLowerCase();
  const d = template.business.departments.find((x) => x.id.toLowerCase() === key || x.name.toLowerCase() === key);
  return d ? d.name : raw;
}

/** The values every placeholder of a missed-call template reads. */
export function templateValues(template: SequenceTemplate, p: Personalization): TemplateValues {
  const rawName = personName(p.callerName) !== null ? p.callerName : p.call?.callerName;
  const name = personName(rawName);
  // a first name given as such is used as it is; one read off a full name only when that is safe
  const first = personName(p.callerFirstName) ?? firstName(rawName);
  return {
    businessName: template.business.name,
    callerName: name,
    callerFirstName: first,
    department: departmentName(template, p.call?.department),
    callbackLink: template.business.callbackLink ?? null,
    callbackNumber: template.business.callbackNumber ?? null,
    agentName: p.agentName?.trim() || null,
    calledAt: formatCalledAt(p.callAt, template.business.timeZone, p.recipientZones),
    nextOpening: nextOpeningText(template.business, p.now, p.recipientZones),
  };
}

/**
 * Renders an SMS or email step for one enrollment: picks the A/B variant deterministically from
 * the enrollment id, uses the trigger's per-class first message for the first SMS step of the call's class,
 * and refuses (RENDER_MISSING) when a placeholder has neither value nor fallback.
 */
export function renderStep(template: SequenceTemplate, step: SmsStep | EmailStep, enrollmentId: string, p: Personalization): RenderedMessage {
  const values = templateValues(template, p);
  const missing = new Set<string>();
  const render = (text: string) => {
    const r = renderTemplate(text, values);
    r.missing.forEach((m) => missing.add(m));
    return r.text;
  };
  const key = `${enrollmentId}:${step.id}`;
  if (step.channel === 'sms') {
    const cls = p.call?.class;
    // the first SMS this caller gets: steps that `onlyIf` keeps from the call class do not count (as in shared/lint)
    const firstSms = template.steps.find((s) => s.channel === 'sms' && (!s.onlyIf || !cls || (s.onlyIf.classes as readonly string[]).includes(cls)));
    const override = firstSms?.id === step.id && cls ? template.trigger.firstMessage?.[cls as 'missed' | 'voicemail' | 'abandoned'] : undefined;
    if (override) {
      const text = render(override);
      return missing.size ? { ok: false, reason: 'RENDER_MISSING', variant: `first:${cls}`, missing: [...missing] } : { ok: true, channel: 'sms', variant: `first:${cls}`, text, firstMessageFor: cls };
    }
    const v = chooseVariant([{ id: DEFAULT_VARIANT, weight: 1, text: step.message.text }, ...(step.message.variants ?? [])], key);
    const text = render(v.text);
    return missing.size ? { ok: false, reason: 'RENDER_MISSING', variant: v.id, missing: [...missing] } : { ok: true, channel: 'sms', variant: v.id, text };
  }
  const m = step.message;
  const v = chooseVariant([{ id: DEFAULT_VARIANT, weight: 1, subject: m.subject, text: m.text, html: m.html }, ...(m.variants ?? [])], key);
  const subject = render(v.subject ?? m.subject);
  const text = render(v.text);
  const htmlSrc = v.id === DEFAULT_VARIANT ? m.html : v.html;
  const html = htmlSrc !== undefined ? render(htmlSrc) : undefined;
  if (missing.size) return { ok: false, reason: 'RENDER_MISSING', variant: v.id, missing: [...missing] };
  return { ok: true, channel: 'email', variant: v.id, subject, text, ...(html !== undefined ? { html } : {}) };
}
