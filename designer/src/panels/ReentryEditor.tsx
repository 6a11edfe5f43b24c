import type { Diagnostic } from '../../../shared/lint';
import type { TemplateMeta } from '../graph/types';
import type { ReentryPolicy } from '../store/editMeta';
import type { DesignerAction } from '../store/reducer';
import { Field } from './Field';
import { PathDiagnostics } from './PathDiagnostics';

const POLICIES: { id: ReentryPolicy; label: string }[] = [
  { id: 'after_completion', label: 'after the previous run ends' },
  { id: 'after_days', label: 'after a number of days' },
  { id: 'never', label: 'never (once per caller)' },
];

/** When a caller who was already in this sequence may be enrolled again. */
export function ReentryEditor({ reentry, diagnostics, dispatch }: { reentry: TemplateMeta['reentry']; diagnostics: readonly Diagnostic[]; dispatch: (a: DesignerAction) => void }) {
  const policy = reentry?.policy ?? 'after_completion';
  return (
    <section className="reentry" data-testid="reentry">
      <div className="field-row">
        <Field label="Enroll a caller again">
          <select className="input" value={policy} data-testid="reentry-policy" onChange={(e) => dispatch({ type: 'setReentry', policy: e.target.value as ReentryPolicy })}>
            {POLICIES.map((p) => <option key={p.id} value={p.id}>{p.label}</option>)}
          </select>
        </Field>
        {policy === 'after_days' ? (
          <Field label="Days since last enrollment">
            <input className="input num" type="number" min={1} step={1} value={reentry.days ?? ''} data-testid="reentry-days"
              onChange={(e) => dispatch({ type: 'setReentry', policy, days: e.target.value === '' ? Number.NaN : Number(e.target.value), coalesceKey: 'reentry:days' })} />
          </Field>
        ) : null}
      </div>
      <PathDiagnostics diagnostics={diagnostics} path="reentry" testId="reentry-diagnostics" />
    </section>
  );
}
