import { ENROLLING_CALL_CLASSES, type EnrollingCallClass } from '../../../shared/schema';
import type { Diagnostic } from '../../../shared/lint';
import type { TemplateMeta } from '../graph/types';
import type { PreviewTiming } from '../lib/previewTiming';
import type { SampleCaller } from '../lib/samples';
import type { DesignerAction } from '../store/reducer';
import { PathDiagnostics } from './PathDiagnostics';
import { PlaceholderTextArea } from './PlaceholderTextArea';
import { Preview } from './Preview';
import { SmsCounter } from './SmsCounter';

const CLASS_LABEL: Record<EnrollingCallClass, string> = { missed: 'Missed call', voicemail: 'Voicemail', abandoned: 'Abandoned in queue' };

/**
 * `trigger.firstMessage`: per call class, a text that replaces the first SMS step's text (e.g. thanking
 * for a voicemail). Blank keeps the step's own text. `timing` is that first SMS step's.
 */
export function FirstMessagesEditor({ meta, caller, timing, diagnostics, dispatch }: { meta: TemplateMeta; caller: SampleCaller; timing: PreviewTiming; diagnostics: readonly Diagnostic[]; dispatch: (a: DesignerAction) => void }) {
  const enrolled = new Set(meta.trigger?.classes ?? ENROLLING_CALL_CLASSES);
  return (
    <section className="first-messages" data-testid="first-messages">
      <p className="panel-hint">Replaces the text of the first SMS for one kind of call; leave blank to send the step’s own text.</p>
      {ENROLLING_CALL_CLASSES.map((cls) => {
        const text = meta.trigger?.firstMessage?.[cls] ?? '';
        const testId = `first-message-${cls}`;
        return (
          <div className="first-message" key={cls} data-testid={`${testId}-block`}>
            <span className="field-label">{CLASS_LABEL[cls]}{enrolled.has(cls) ? '' : ' (not enrolled by the trigger)'}</span>
            <PlaceholderTextArea label={`First message for ${cls} calls`} rows={3} value={text} testId={testId}
              onChange={(t) => dispatch({ type: 'setFirstMessage', callClass: cls, text: t, coalesceKey: `first:${cls}` })} />
            {text ? <SmsCounter text={text} testId={`${testId}-counter`} /> : null}
            {text ? <Preview text={text} meta={meta} caller={caller} timing={timing} testId={`${testId}-preview`} /> : null}
            <PathDiagnostics diagnostics={diagnostics} path={`trigger.firstMessage.${cls}`} testId={`${testId}-diagnostics`} />
          </div>
        );
      })}
    </section>
  );
}
