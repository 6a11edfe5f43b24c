import { DEFAULT_FALLBACKS_BY_LANGUAGE, renderTemplate, smsEncoding, smsTextAsSent } from '../../../shared/template';
import { LANGUAGE_NAMES, type Language } from '../../../shared/schema';
import type { TemplateMeta } from '../graph/types';
import type { PreviewTiming } from '../lib/previewTiming';
import type { SampleCaller } from '../lib/samples';
import { sampleValues } from '../lib/sampleValues';

const TIMED = ['nextOpening', 'calledAt'] as const;

/**
 * The message as the sample caller would read it, with missing and unknown placeholders called out.
 * `{{nextOpening}}` and `{{calledAt}}` follow `timing`: the Simulator's send of this step when it has one.
 * `lang` (default: the template's): the text's language, which words those two and the default fallbacks.
 * An SMS shows as it is sent (in plain letters under the template's "Keep texts in the basic SMS
 * alphabet"), with its encoding and segments; an email as written.
 */
export function Preview({ text, channel, meta, caller, timing, testId, lang }: { text: string; channel: 'sms' | 'email'; meta: TemplateMeta; caller: SampleCaller; timing: PreviewTiming; testId: string; lang?: Language }) {
  const own = meta.language ?? 'en';
  const language = lang ?? own;
  const r = renderTemplate(text, sampleValues(meta, caller, timing.sendAt, timing.callAt, language), { defaults: DEFAULT_FALLBACKS_BY_LANGUAGE[language] });
  const timed = TIMED.filter((p) => r.used.includes(p));
  const shown = channel === 'sms' ? smsTextAsSent(r.text, meta) : r.text;
  const enc = channel === 'sms' ? smsEncoding(shown) : null;
  return (
    <div className="preview" data-testid={testId} data-lang={language}>
      <div className="preview-head">Preview for {caller.callerName} ({caller.city}){language !== own ? ` in ${LANGUAGE_NAMES[language]}` : ''}</div>
      <div className="preview-bubble" lang={language} data-testid={`${testId}-text`}>{shown}</div>
      {enc ? <div className="preview-issue" data-testid={`${testId}-segments`} data-encoding={enc.encoding}>Sent as {enc.encoding}: {enc.segments} segment{enc.segments === 1 ? '' : 's'}{enc.nonGsm.length ? ` (${enc.nonGsm.join(' ')} ${enc.nonGsm.length === 1 ? 'is' : 'are'} not GSM-7)` : ''}.</div> : null}
      {r.unknown.length ? <div className="preview-issue error" data-testid={`${testId}-unknown`}>Unknown placeholder: {r.unknown.join(', ')}</div> : null}
      {r.missing.length ? <div className="preview-issue warning">No value for: {r.missing.join(', ')}</div> : null}
      {r.invalid.length ? <div className="preview-issue error">Malformed: {r.invalid.join(', ')}</div> : null}
      {timed.length ? (
        <div className="preview-issue" data-testid={`${testId}-next-opening`} data-simulated={timing.fallback === null}>
          {timed.join(' and ')} {timing.when} to {caller.callerName} ({caller.city}){timing.fallback ? `; ${timing.fallback}` : ', as in the Simulator'}.
        </div>
      ) : null}
    </div>
  );
}
