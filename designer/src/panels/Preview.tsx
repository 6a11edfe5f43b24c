import { renderTemplate } from '../../../shared/template';
import type { TemplateMeta } from '../graph/types';
import type { PreviewTiming } from '../lib/previewTiming';
import type { SampleCaller } from '../lib/samples';
import { sampleValues } from '../lib/sampleValues';

const TIMED = ['nextOpening', 'calledAt'] as const;

/**
 * The message as the sample caller would read it, with missing and unknown placeholders called out.
 * `{{nextOpening}}` and `{{calledAt}}` follow `timing`: the Simulator's send of this step when it has one.
 */
export function Preview({ text, meta, caller, timing, testId }: { text: string; meta: TemplateMeta; caller: SampleCaller; timing: PreviewTiming; testId: string }) {
  const r = renderTemplate(text, sampleValues(meta, caller, timing.sendAt, timing.callAt));
  const timed = TIMED.filter((p) => r.used.includes(p));
  return (
    <div className="preview" data-testid={testId}>
      <div className="preview-head">Preview for {caller.callerName} ({caller.city})</div>
      <div className="preview-bubble" data-testid={`${testId}-text`}>{r.text}</div>
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
