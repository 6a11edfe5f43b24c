import { LANGUAGES, LANGUAGE_NAMES, type Language, type SequenceTemplate } from '../schema/sequenceTemplate';
import { stepLabel } from '../schema/stepLabel';
import { stepOffsets } from './stepOffsets';

export interface TranslationFinding {
  code: 'MISSING_TRANSLATION' | 'TRANSLATION_UNUSED';
  stepId: string | null;
  message: string;
  /** the translation's field, e.g. `steps[1].message.translations.es` (for a missing one: where it goes) */
  path: string;
}

/** `Ventas`, `Ventas and Soporte`, `Ventas, Soporte and Caja` */
function listNames(names: readonly string[]): string {
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : (names[0] ?? '');
}

/**
 * Translations against the departments' languages, as `renderStep` sends them: an SMS or email step
 * that can reach the callers of a department with another language than the template's and has no text
 * in it (MISSING_TRANSLATION: they get the template's own), and a translation nobody gets
 * (TRANSLATION_UNUSED: no department has its language, or it is the template's own language).
 * The first SMS of a call class needs no translation for that class when the trigger has a translated
 * first message for it.
 */
export function translationFindings(t: SequenceTemplate): TranslationFinding[] {
  const out: TranslationFinding[] = [];
  const own = t.language;
  const ownName = LANGUAGE_NAMES[own];
  const deptsByLang = new Map<Language, string[]>();
  for (const d of t.business.departments) {
    if (d.language && d.language !== own) deptsByLang.set(d.language, [...(deptsByLang.get(d.language) ?? []), d.name]);
  }
  const classes = [...new Set(t.trigger.classes)];
  const offsets = stepOffsets(t);
  const byTime = t.steps.map((step, index) => ({ step, index, minutes: offsets[index].minutes })).sort((a, b) => a.minutes - b.minutes || a.index - b.index);
  const reaches = (s: (typeof byTime)[number], cls: string) => !s.step.onlyIf || (s.step.onlyIf.classes as readonly string[]).includes(cls);
  const firstSms = new Map(classes.map((cls) => [cls, byTime.find((s) => s.step.channel === 'sms' && reaches(s, cls))?.index]));

  const unused = (what: string, lang: Language, them: string): string =>
    lang === own
      ? `${what} never sent: the sequence's texts are written in ${ownName} already, and callers get those. Remove ${them}.`
      : `${what} never sent: no department has ${LANGUAGE_NAMES[lang]} as its language. Set a department's language to ${LANGUAGE_NAMES[lang]}, or remove ${them}.`;

  t.steps.forEach((step, index) => {
    if (step.channel !== 'sms' && step.channel !== 'email') return;
    const s = { step, index, minutes: offsets[index].minutes };
    const label = stepLabel(step, index);
    const translations = step.message.translations ?? {};
    for (const [lang, names] of deptsByLang) {
      if (translations[lang]) continue;
      // callers of a class for which this is the first SMS get the translated first message, if any
      const needed = classes.some((cls) => reaches(s, cls) && !(firstSms.get(cls) === index && t.trigger.firstMessageTranslations?.[lang]?.[cls]));
      if (!needed) continue;
      const name = LANGUAGE_NAMES[lang];
      const its = names.length > 1 ? 'their' : 'its';
      out.push({
        code: 'MISSING_TRANSLATION',
        stepId: step.id,
        message: `${label} has no ${name} text: callers of ${listNames(names)} get the ${ownName} one. Add the ${name} text, or set the language of ${listNames(names)} to ${ownName} if ${its} callers read it.`,
        path: `steps[${index}].message.translations.${lang}`,
      });
    }
    for (const lang of LANGUAGES) {
      if (!translations[lang] || (lang !== own && deptsByLang.has(lang))) continue;
      out.push({ code: 'TRANSLATION_UNUSED', stepId: step.id, message: unused(`The ${LANGUAGE_NAMES[lang]} text of ${label} is`, lang, 'it'), path: `steps[${index}].message.translations.${lang}` });
    }
  });
  for (const lang of LANGUAGES) {
    const texts = t.trigger.firstMessageTranslations?.[lang];
    if (!texts || (lang !== own && deptsByLang.has(lang))) continue;
    out.push({ code: 'TRANSLATION_UNUSED', stepId: null, message: unused(`The ${LANGUAGE_NAMES[lang]} first messages per call class are`, lang, 'them'), path: `trigger.firstMessageTranslations.${lang}` });
  }
  return out;
}
