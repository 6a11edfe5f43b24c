import { LANGUAGES, LANGUAGE_NAMES, type EnrollingCallClass, type Language, type Step } from '../schema/sequenceTemplate';
import { stepLabel } from '../schema/stepLabel';

/** One text the consumer may read: a step's base text, a variant, a translation or a first-message override. */
export interface Unit {
  /** how messages name it: `Step 1 "Text back"`, `Variant B of Step 1 "Text back"`, `The Spanish text of Step 1 "Text back"`, … */
  who: string;
  /** the template field, e.g. `steps[0].message.text`, `steps[0].message.translations.es.text` */
  path: string;
  /** the step's own text (not a variant, a translation or an override) */
  base: boolean;
  /** the language it is written in */
  lang: Language;
  channel: 'sms' | 'email';
  /** all of it: SMS text, or email subject + text */
  full: string;
  /** compared for duplicates: SMS text or email text */
  body: string;
}

/** `Variant B`: as the inspector's A/B variants list it. */
export const variantName = (id: string) => `Variant ${id.toUpperCase()}`;

/** A step's own text and its A/B variants, written in the template's language `lang`. */
export function baseUnits(step: Step, index: number, lang: Language): Unit[] {
  const who = stepLabel(step, index);
  const at = `steps[${index}].message`;
  if (step.channel === 'sms') {
    const m = step.message;
    return [
      { who, path: `${at}.text`, base: true, lang, channel: 'sms', full: m.text, body: m.text },
      ...(m.variants ?? []).map((v, k): Unit => ({ who: `${variantName(v.id)} of ${who}`, path: `${at}.variants[${k}].text`, base: false, lang, channel: 'sms', full: v.text, body: v.text })),
    ];
  }
  if (step.channel === 'email') {
    const m = step.message;
    return [
      { who, path: at, base: true, lang, channel: 'email', full: `${m.subject}\n${m.text}`, body: m.text },
      ...(m.variants ?? []).map(
        (v, k): Unit => ({ who: `${variantName(v.id)} of ${who}`, path: `${at}.variants[${k}]`, base: false, lang, channel: 'email', full: `${v.subject ?? m.subject}\n${v.text}`, body: v.text }),
      ),
    ];
  }
  return [];
}

/** The step's translation into `lang`, or null when it has none. */
export function translationUnit(step: Step, index: number, lang: Language): Unit | null {
  const who = `The ${LANGUAGE_NAMES[lang]} text of ${stepLabel(step, index)}`;
  const at = `steps[${index}].message.translations.${lang}`;
  if (step.channel === 'sms') {
    const tr = step.message.translations?.[lang];
    return tr ? { who, path: `${at}.text`, base: false, lang, channel: 'sms', full: tr.text, body: tr.text } : null;
  }
  if (step.channel === 'email') {
    const tr = step.message.translations?.[lang];
    return tr ? { who, path: at, base: false, lang, channel: 'email', full: `${tr.subject}\n${tr.text}`, body: tr.text } : null;
  }
  return null;
}

/** The translations a caller may get: those into another language than the template's `own` (in `LANGUAGES` order). */
export function translationUnits(step: Step, index: number, own: Language): Unit[] {
  return LANGUAGES.filter((l) => l !== own).flatMap((l) => translationUnit(step, index, l) ?? []);
}

/**
 * A per-call-class first message, which replaces the text of the first SMS `target`: the template's own
 * (`trigger.firstMessage`, in `own`) or its translation into `lang` (`trigger.firstMessageTranslations`).
 */
export function overrideUnit(cls: EnrollingCallClass, text: string, target: { step: Step; index: number }, own: Language, lang: Language = own): Unit {
  const replaces = `(it replaces ${stepLabel(target.step, target.index)})`;
  return lang === own
    ? { who: `The first message for ${cls} calls ${replaces}`, path: `trigger.firstMessage.${cls}`, base: false, lang, channel: 'sms', full: text, body: text }
    : { who: `The ${LANGUAGE_NAMES[lang]} first message for ${cls} calls ${replaces}`, path: `trigger.firstMessageTranslations.${lang}.${cls}`, base: false, lang, channel: 'sms', full: text, body: text };
}

/** Every string that the renderer fills: [what the inspector calls it, text, field path]. Translations into `own` are never sent, so left out. */
export function renderedStrings(step: Step, index: number, own: Language): [string, string, string][] {
  const at = `steps[${index}].message`;
  const others = LANGUAGES.filter((l) => l !== own);
  switch (step.channel) {
    case 'sms': {
      const out: [string, string, string][] = [
        ['message', step.message.text, `${at}.text`],
        ...(step.message.variants ?? []).map((v, k): [string, string, string] => [`message of ${variantName(v.id)}`, v.text, `${at}.variants[${k}].text`]),
      ];
      for (const l of others) {
        const tr = step.message.translations?.[l];
        if (tr) out.push([`${LANGUAGE_NAMES[l]} message`, tr.text, `${at}.translations.${l}.text`]);
      }
      return out;
    }
    case 'email': {
      const m = step.message;
      const out: [string, string, string][] = [['subject', m.subject, `${at}.subject`], ['body', m.text, `${at}.text`]];
      if (m.html) out.push(['HTML body', m.html, `${at}.html`]);
      (m.variants ?? []).forEach((v, k) => {
        const vat = `${at}.variants[${k}]`;
        if (v.subject) out.push([`subject of ${variantName(v.id)}`, v.subject, `${vat}.subject`]);
        out.push([`body of ${variantName(v.id)}`, v.text, `${vat}.text`]);
        if (v.html) out.push([`HTML body of ${variantName(v.id)}`, v.html, `${vat}.html`]);
      });
      for (const l of others) {
        const tr = m.translations?.[l];
        if (!tr) continue;
        const name = LANGUAGE_NAMES[l];
        const tat = `${at}.translations.${l}`;
        out.push([`${name} subject`, tr.subject, `${tat}.subject`], [`${name} body`, tr.text, `${tat}.text`]);
        if (tr.html) out.push([`${name} HTML body`, tr.html, `${tat}.html`]);
      }
      return out;
    }
    case 'callback_task':
      return [['task title', step.message.title, `${at}.title`], ...(step.message.notes ? [['notes', step.message.notes, `${at}.notes`] as [string, string, string]] : [])];
    case 'notify_agent':
      return [['notification', step.message.text, `${at}.text`]];
  }
}
