import { renderTemplate } from '../../../shared/template';
import type { TemplateMeta } from '../graph/types';
import type { SampleCaller } from '../lib/samples';

/** Values a sample caller fills into the placeholders. */
export function sampleValues(meta: TemplateMeta, caller: SampleCaller) {
  return {
    businessName: meta.business.name,
    callerName: caller.callerName,
    callerFirstName: caller.callerFirstName,
    department: meta.business.departments[0]?.name,
    callbackLink: meta.business.callbackLink,
    callbackNumber: meta.business.callbackNumber,
    agentName: 'Sam',
    calledAt: '8:45 PM',
  };
}

/** The message as the sample caller would read it, with missing and unknown placeholders called out. */
export function Preview({ text, meta, caller, testId }: { text: string; meta: TemplateMeta; caller: SampleCaller; testId: string }) {
  const r = renderTemplate(text, sampleValues(meta, caller));
  return (
    <div className="preview" data-testid={testId}>
      <div className="preview-head">Preview for {caller.callerName} ({caller.city})</div>
      <div className="preview-bubble" data-testid={`${testId}-text`}>{r.text}</div>
      {r.unknown.length ? <div className="preview-issue error" data-testid={`${testId}-unknown`}>Unknown placeholder: {r.unknown.join(', ')}</div> : null}
      {r.missing.length ? <div className="preview-issue warning">No value for: {r.missing.join(', ')}</div> : null}
      {r.invalid.length ? <div className="preview-issue error">Malformed: {r.invalid.join(', ')}</div> : null}
    </div>
  );
}
