import { useState } from 'react';
import { LANGUAGES, LANGUAGE_NAMES, type EmailStep, type Language, type SmsStep, type Step } from '../../../shared/schema';
import type { Diagnostic } from '../../../shared/lint';
import type { TemplateMeta } from '../graph/types';
import type { PreviewTiming } from '../lib/previewTiming';
import type { SampleCaller } from '../lib/samples';
import { neededLanguages, translationLanguages } from '../lib/translationLanguages';
import { PathDiagnostics } from './PathDiagnostics';
import { PlaceholderTextArea } from './PlaceholderTextArea';
import { Preview } from './Preview';
import { SmsCounter } from './SmsCounter';

type EmailTranslation = NonNullable<EmailStep['message']['translations']>[Language];
type Translation = { text: string } | EmailTranslation;

/** `steps[3]` of the step's findings (its index in the template), or null while it has none with a path. */
function stepPrefix(diagnostics: readonly Diagnostic[]): string | null {
  for (const d of diagnostics) {
    const m = /^steps\[\d+\]/.exec(d.path ?? '');
    if (m) return m[0];
  }
  return null;
}

/** Blank optional fields dropped; none at all when every field is blank (the translation goes). */
function tidy(t: Translation & { subject?: string; html?: string }): Translation | undefined {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(t)) if (typeof v === 'string' && (v.trim() !== '' || k === 'subject' || k === 'text')) out[k] = v;
  return Object.values(out).some((v) => v.trim() !== '') ? (out as Translation) : undefined;
}

/**
 * An SMS or email step's texts in other languages (`message.translations`): an editor for each language
 * a department's callers get and each one already written, with its counter and a preview in that
 * language; more can be added. Collapsed while there is none. Keyed by step id (the added languages
 * are view state: a translation exists once its text is typed).
 */
export function TranslationsEditor({ step, meta, caller, timing, diagnostics, onChange }: {
  step: SmsStep | EmailStep;
  meta: TemplateMeta;
  caller: SampleCaller;
  timing: PreviewTiming;
  diagnostics: readonly Diagnostic[];
  onChange: (s: Step, key: string) => void;
}) {
  const [added, setAdded] = useState<Language[]>([]);
  const own = meta.language ?? 'en';
  const translations = (step.message.translations ?? {}) as Partial<Record<Language, Translation>>;
  const needed = neededLanguages(meta);
  const shown = translationLanguages(meta, Object.keys(translations), added);
  const addable = LANGUAGES.filter((l) => l !== own && !shown.includes(l));
  const prefix = stepPrefix(diagnostics);

  const set = (lang: Language, t: Translation | undefined, field: string) => {
    const next = { ...translations };
    if (t) next[lang] = t;
    else delete next[lang];
    const message = { ...step.message } as SmsStep['message'] & EmailStep['message'];
    if (Object.keys(next).length) message.translations = next as never;
    else delete message.translations;
    onChange({ ...step, message } as Step, `${step.id}:tr-${lang}-${field}`);
  };
  const edit = (lang: Language, field: 'text' | 'subject' | 'html', value: string) => {
    const base = translations[lang] ?? (step.channel === 'email' ? { subject: '', text: '' } : { text: '' });
    set(lang, tidy({ ...base, [field]: value }), field);
  };
  const remove = (lang: Language) => {
    setAdded((a) => a.filter((l) => l !== lang));
    if (translations[lang]) set(lang, undefined, 'remove');
  };
  const departmentsOf = (lang: Language) => meta.business.departments.filter((d) => d.language === lang).map((d) => d.name);

  return (
    <details className="translations" data-testid="inspector-translations" open={shown.length > 0}>
      <summary className="section-head">
        <h3>Translations</h3>
        <span className="panel-hint" data-testid="inspector-translations-summary">{shown.length ? shown.map((l) => `${LANGUAGE_NAMES[l]}${translations[l] ? '' : ' (to write)'}`).join(', ') : 'none'}</span>
      </summary>
      <p className="panel-hint">Callers of a department with another language get these instead of the {LANGUAGE_NAMES[own]} text (A/B variants stay {LANGUAGE_NAMES[own]}).</p>
      {shown.map((lang) => {
        const t = translations[lang] as (Translation & { subject?: string; html?: string }) | undefined;
        const id = `translation-${lang}`;
        const who = departmentsOf(lang);
        const note = lang === own ? `the texts are written in ${LANGUAGE_NAMES[lang]}: not sent` : needed.includes(lang) ? `for callers of ${who.join(', ')}` : 'no department’s callers get it';
        const text = t?.text ?? '';
        return (
          <div className="variant" key={lang} data-testid={id} data-lang={lang}>
            <div className="variant-head">
              <span className="variant-id">{LANGUAGE_NAMES[lang]}</span>
              <span className="panel-hint translation-note">{note}</span>
              {t || added.includes(lang) ? <button type="button" className="btn btn-ghost btn-small" data-testid={`${id}-remove`} onClick={() => remove(lang)}>Remove</button> : null}
            </div>
            {step.channel === 'email' ? (
              <input className="input" placeholder={`Subject in ${LANGUAGE_NAMES[lang]}`} aria-label={`${LANGUAGE_NAMES[lang]} subject`} value={t?.subject ?? ''} data-testid={`${id}-subject`}
                onChange={(e) => edit(lang, 'subject', e.target.value)} />
            ) : null}
            <PlaceholderTextArea label={`${LANGUAGE_NAMES[lang]} ${step.channel === 'email' ? 'body' : 'text'}`} rows={3} value={text} testId={`${id}-text`} onChange={(v) => edit(lang, 'text', v)} />
            {step.channel === 'email' ? (
              <textarea className="input textarea" rows={2} placeholder="HTML body (optional)" aria-label={`${LANGUAGE_NAMES[lang]} HTML body`} value={t?.html ?? ''} data-testid={`${id}-html`}
                onChange={(e) => edit(lang, 'html', e.target.value)} />
            ) : null}
            {step.channel === 'sms' && text ? <SmsCounter text={text} fold={meta.keepSmsInGsm7} testId={`${id}-counter`} /> : null}
            {text ? <Preview text={step.channel === 'email' ? `${t?.subject ?? ''}\n\n${text}` : text} channel={step.channel} meta={meta} caller={caller} timing={timing} lang={lang} testId={`${id}-preview`} /> : null}
            {prefix ? <PathDiagnostics diagnostics={diagnostics} path={`${prefix}.message.translations.${lang}`} testId={`${id}-diagnostics`} /> : null}
          </div>
        );
      })}
      {addable.length ? (
        <select className="input" value="" aria-label="Add a translation" data-testid="inspector-add-translation"
          onChange={(e) => e.target.value && setAdded((a) => [...a, e.target.value as Language])}>
          <option value="">+ Translation into…</option>
          {addable.map((l) => <option key={l} value={l}>{LANGUAGE_NAMES[l]}</option>)}
        </select>
      ) : null}
    </details>
  );
}
