import { renderTemplate } from '../../../shared/template';
import type { TemplateMeta } from '../graph/types';
import { sampleCallAt, type SampleCaller } from '../lib/samples';
import { sampleValues } from '../lib/sampleValues';

/**
 * The message as the sample caller would read it, with missing and unknown placeholders called out.
 * `{{nextOpening}}` is as of the sample call time (today 8:45 PM, caller's time), where the Simulator starts.
 */
export function Preview({ text, meta, caller, testId }: { text: string; meta: TemplateMeta; caller: SampleCaller; testId: string }) {
  const r = renderTemplate(text, sampleValues(meta, caller, sampleCallAt(caller, new Date())));
  return (
    <div className="preview" data-testid={testId}>
      <div className="preview-head">Preview for {caller.callerName} ({caller.city})</div>
      <div className="preview-bubble" data-testid={`${testId}-text`}>{r.text}</div>
      {r.unknown.length ? <div className="preview-issue error" data-testid={`${testId}-unknown`}>Unknown placeholder: {r.unknown.join(', ')}</div> : null}
      {r.missing.length ? <div className="preview-issue warning">No value for: {r.missing.join(', ')}</div> : null}
      {r.invalid.length ? <div className="preview-issue error">Malformed: {r.invalid.join(', ')}</div> : null}
      {r.used.includes('nextOpening') ? <div className="preview-issue" data-testid={`${testId}-next-opening`}>nextOpening as if sent today at 8:45 PM {caller.city} time; the Simulator shows it for each touch.</div> : null}
    </div>
  );
}
