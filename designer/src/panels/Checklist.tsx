import type { Diagnostic } from '../../../shared/lint';
import { Icon } from '../nodes/icons';

const ORDER = { error: 0, warning: 1, info: 2 } as const;

/**
 * Live lint findings, each a button (mouse or keyboard): one about a step selects that step, one
 * about the sequence opens the sequence settings.
 */
export function Checklist({ diagnostics, onPick }: { diagnostics: Diagnostic[]; onPick: (stepId: string | null) => void }) {
  const sorted = [...diagnostics].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  return (
    <section className="checklist" data-testid="checklist" data-errors={errors} data-warnings={warnings}>
      <div className="checklist-summary">
        <span className={`pill ${errors ? 'pill-error' : 'pill-ok'}`} data-testid="checklist-errors">{errors} error{errors === 1 ? '' : 's'}</span>
        <span className={`pill ${warnings ? 'pill-warning' : 'pill-ok'}`} data-testid="checklist-warnings">{warnings} warning{warnings === 1 ? '' : 's'}</span>
        {errors === 0 ? <span className="ready" data-testid="checklist-ready"><Icon name="check" size={14} /> Ready to export</span> : null}
      </div>
      {sorted.length === 0 ? <p className="panel-hint">All checks pass.</p> : null}
      <ul className="diag-list">
        {sorted.map((d, i) => (
          <li key={`${d.code}-${d.stepId}-${i}`} className={`diag diag-${d.severity} clickable`} data-testid={`diag-${d.code}`} data-step={d.stepId ?? ''}>
            <button type="button" className="diag-pick" onClick={() => onPick(d.stepId)} title={d.stepId ? `Show step ${d.stepId}` : 'Show the sequence settings'}>
              <span className="diag-icon"><Icon name={d.severity === 'info' ? 'info' : 'alert'} size={14} /></span>
              <span className="diag-text"><strong>{d.code}</strong>{d.stepId ? <em> · {d.stepId}</em> : null}<br />{d.message}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
