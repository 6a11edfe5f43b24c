import { ENROLLING_CALL_CLASSES, LANGUAGE_NAMES, type EnrollingCallClass, type Language } from '../../../shared/schema';
import type { Diagnostic } from '../../../shared/lint';
import type { TemplateMeta } from '../graph/types';
import type { PreviewTiming } from '../lib/previewTiming';
import type { SampleCaller } from '../lib/samples';
import { translationLanguages } from '../lib/translationLanguages';
import type { DesignerAction } from '../store/reducer';
import { PathDiagnostics } from './PathDiagnostics';
import { PlaceholderTextArea } from './PlaceholderTextArea';
import { Preview } from './Preview';
import { SmsCounter } from './SmsCounter';

const CLASS_LABEL: Record<EnrollingCallClass, string> = { missed: 'Missed call', voicemail: 'Voicemail', abandoned: 'Abandoned in queue' };

type Dispatch = (a: DesignerAction) => void;

/** One first text (in the template's language, or in `lang`), with its counter, preview and findings. */
function FirstText({ cls, lang, text, label, testId, path, meta, caller, timing, diagnostics, dispatch }: {
  cls: EnrollingCallClass; lang?: Language; text: string; label: string; testId: string; path: string;
  meta: TemplateMeta; caller: SampleCaller; timing: PreviewTiming; diagnostics: readonly Diagnostic[]; dispatch: Dispatch;
}) {
  return (
    <>
      <PlaceholderTextArea label={label} rows={lang ? 2 : 3} value={text} testId={testId}
        onChange={(t) => dispatch({ type: 'setFirstMessage', callClass: cls, text: t, ...(lang ? { language: lang } : {}), coalesceKey: `first:${lang ?? ''}:${cls}` })} />
      {text ? <SmsCounter text={text} fold={meta.keepSmsInGsm7} testId={`${testId}-counter`} /> : null}
      {text ? <Preview text={text} channel="sms" meta={meta} caller={caller} timing={timing} lang={lang} testId={`${testId}-preview`} /> : null}
      <PathDiagnostics diagnostics={diagnostics} path={path} testId={`${testId}-diagnostics`} />
    </>
  );
}

/**
 * `trigger.firstMessage`: per call class, a text that replaces the first SMS step's text (e.g. thanking
 * for a voicemail). Blank keeps the step's own text. Below each, the same text in every language a
 * department's callers get (or one already written): `trigger.firstMessageTranslations`. `timing` is
 * that first SMS step's.
 */
export function FirstMessagesEditor({ meta, caller, timing, diagnostics, dispatch }: { meta: TemplateMeta; caller: SampleCaller; timing: PreviewTiming; diagnostics: readonly Diagnostic[]; dispatch: Dispatch }) {
  const enrolled = new Set(meta.trigger?.classes ?? ENROLLING_CALL_CLASSES);
  const translated = meta.trigger?.firstMessageTranslations ?? {};
  const langs = translationLanguages(meta, Object.keys(translated));
  const shared = { meta, caller, timing, diagnostics, dispatch };
  return (
    <section className="first-messages" data-testid="first-messages">
      <p className="panel-hint">Replaces the text of the first SMS for one kind of call; leave blank to send the step’s own text{langs.length ? ' (in another language: the step’s translation)' : ''}.</p>
      {ENROLLING_CALL_CLASSES.map((cls) => {
        const testId = `first-message-${cls}`;
        return (
          <div className="first-message" key={cls} data-testid={`${testId}-block`}>
            <span className="field-label">{CLASS_LABEL[cls]}{enrolled.has(cls) ? '' : ' (not enrolled by the trigger)'}</span>
            <FirstText {...shared} cls={cls} text={meta.trigger?.firstMessage?.[cls] ?? ''} label={`First message for ${cls} calls`} testId={testId} path={`trigger.firstMessage.${cls}`} />
            {langs.map((lang) => (
              <div className="first-message-translation" key={lang} data-testid={`${testId}-${lang}-block`}>
                <span className="field-label">{LANGUAGE_NAMES[lang]}</span>
                <FirstText {...shared} cls={cls} lang={lang} text={translated[lang]?.[cls] ?? ''} label={`${LANGUAGE_NAMES[lang]} first message for ${cls} calls`} testId={`${testId}-${lang}`}
                  path={`trigger.firstMessageTranslations.${lang}.${cls}`} />
              </div>
            ))}
          </div>
        );
      })}
      <PathDiagnostics diagnostics={diagnostics.filter((d) => !/^trigger\.firstMessageTranslations\.\w+\.\w+/.test(d.path ?? ''))} path="trigger.firstMessageTranslations" testId="first-message-translations-diagnostics" />
    </section>
  );
}
