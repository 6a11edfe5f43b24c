import { nextOpeningText } from '../../shared/hours';
import { DEFAULT_FALLBACKS_BY_LANGUAGE, firstName, formatCalledAt, personName, renderTemplate, smsTextAsSent, type TemplateValues } from '../../shared/template';
import { callerLanguages, type CallEvent } from '../../shared/schema';
import type { EmailStep, Language, SequenceTemplate, SmsStep } from '../../shared/schema/sequenceTemplate';
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
  /** the contact's preferred language (ContactState.language, as read with the touch); null/absent: none */
  preferredLanguage?: Language | null;
}

/**
 * `variant`: the A/B variant's id, `default` for the step's own text, `first:<class>` for the trigger's
 * per-class first text, `lang:<language>` for a translation (the last two are not A/B variants).
 * `language`: the language of the text sent.
 */
export type RenderedMessage =
  | { ok: true; channel: 'sms' | 'email'; variant: string; language: Language; text: string; subject?: string; html?: string; firstMessageFor?: string }
  | { ok: false; reason: 'RENDER_MISSING'; variant: string; missing: string[] };

/** Department name: the template's department whose id or name matches the call's, else the call's value. */
export function departmentName(template: SequenceTemplate, raw: string | null | undefined): string | null {
  if (!raw) return null;
  const key = raw.trim().toLowerCase();
  const d = template.business.departments.find((x) => x.id.toLowerCase() === key || x.name.toLowerCase() === key);
  return d ? d.name : raw;
}

/**
 * The values every placeholder of a missed-call template reads; `{{nextOpening}}` and `{{calledAt}}`
 * worded in `lang` (default: the template's own language, as agents read CRM texts).
 */
export function templateValues(template: SequenceTemplate, p: Personalization, lang: Language = template.language ?? 'en'): TemplateValues {
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
    calledAt: formatCalledAt(p.callAt, template.business.timeZone, p.recipientZones, lang),
    nextOpening: nextOpeningText(template.business, p.now, p.recipientZones, lang),
  };
}

/**
 * Renders an SMS or email step for one enrollment, in the caller's language (`callerLanguages`: the
 * contact's preferred language, then that of the department the call reached, then the template's). A
 * caller in another language than the template's gets the step's translation into the first of these
 * it has (and the trigger's per-class first text in it); without any, the template's own text
 * (`language` says which was sent).
 * Otherwise: picks the A/B variant deterministically from the enrollment id, uses the trigger's
 * per-class first message for the first SMS step of the call's class, and refuses (RENDER_MISSING) when
 * a placeholder has neither value nor fallback.
 */
export function renderStep(template: SequenceTemplate, step: SmsStep | EmailStep, enrollmentId: string, p: Personalization): RenderedMessage {
  const own = template.language ?? 'en';
  // the caller's languages before the template's own, best first: the first one a text exists in wins
  // (a caller who prefers the template's language gets its texts, whatever their department's)
  const chain = callerLanguages(template, p.call?.department, p.preferredLanguage);
  const foreign = chain.slice(0, chain.indexOf(own));
  const missing = new Set<string>();
  let values: TemplateValues | null = null;
  let lang: Language = own;
  const render = (text: string) => {
    values ??= templateValues(template, p, lang);
    const r = renderTemplate(text, values, { defaults: DEFAULT_FALLBACKS_BY_LANGUAGE[lang] });
    r.missing.forEach((m) => missing.add(m));
    return r.text;
  };
  const done = (variant: string, out: { channel: 'sms' | 'email'; text: string; subject?: string; html?: string; firstMessageFor?: string }): RenderedMessage =>
    missing.size ? { ok: false, reason: 'RENDER_MISSING', variant, missing: [...missing] }
    // an SMS goes out (and is recorded) as the template's keepSmsInGsm7 has it: whatever text was picked
    : { ok: true, variant, language: lang, ...out, ...(out.channel === 'sms' ? { text: smsTextAsSent(out.text, template) } : {}) };
  const key = `${enrollmentId}:${step.id}`;
  if (step.channel === 'sms') {
    const cls = p.call?.class as 'missed' | 'voicemail' | 'abandoned' | undefined;
    // the first SMS this caller gets: steps that `onlyIf` keeps from the call class do not count (as in shared/lint)
    const firstSms = template.steps.find((s) => s.channel === 'sms' && (!s.onlyIf || !cls || (s.onlyIf.classes as readonly string[]).includes(cls)));
    const isFirst = firstSms?.id === step.id && cls !== undefined;
    for (const l of foreign) {
      // in the caller's language: its per-class first text, else the step's translation (an English
      // per-class text is not sent to a caller who has the step in their language)
      const firstText = isFirst ? template.trigger.firstMessageTranslations?.[l]?.[cls] : undefined;
      const translated = firstText ?? step.message.translations?.[l]?.text;
      if (translated !== undefined) {
        lang = l;
        const text = render(translated);
        return firstText !== undefined ? done(`first:${cls}`, { channel: 'sms', text, firstMessageFor: cls }) : done(`lang:${l}`, { channel: 'sms', text });
      }
    }
    const override = isFirst ? template.trigger.firstMessage?.[cls] : undefined;
    if (override) return done(`first:${cls}`, { channel: 'sms', text: render(override), firstMessageFor: cls });
    const v = chooseVariant([{ id: DEFAULT_VARIANT, weight: 1, text: step.message.text }, ...(step.message.variants ?? [])], key);
    return done(v.id, { channel: 'sms', text: render(v.text) });
  }
  const m = step.message;
  const l = foreign.find((x) => m.translations?.[x] !== undefined);
  const translated = l ? m.translations?.[l] : undefined;
  if (l && translated) {
    lang = l;
    const subject = render(translated.subject);
    const text = render(translated.text);
    const html = translated.html !== undefined ? render(translated.html) : undefined;
    return done(`lang:${l}`, { channel: 'email', subject, text, ...(html !== undefined ? { html } : {}) });
  }
  const v = chooseVariant([{ id: DEFAULT_VARIANT, weight: 1, subject: m.subject, text: m.text, html: m.html }, ...(m.variants ?? [])], key);
  const subject = render(v.subject ?? m.subject);
  const text = render(v.text);
  const htmlSrc = v.id === DEFAULT_VARIANT ? m.html : v.html;
  const html = htmlSrc !== undefined ? render(htmlSrc) : undefined;
  return done(v.id, { channel: 'email', subject, text, ...(html !== undefined ? { html } : {}) });
}
