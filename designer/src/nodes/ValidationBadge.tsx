import type { Diagnostic } from '../../../shared/lint';
import { CanvasIcon } from './icons';

/** Error / warning count on a node; hover shows the messages. */
export function ValidationBadge({ stepId, diagnostics }: { stepId: string; diagnostics: Diagnostic[] }) {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  if (!errors && !warnings) return <span className="badge badge-ok" data-testid={`badge-${stepId}`} data-state="ok" title="No problems"><CanvasIcon name="check" tone="--ok" size={12} /></span>;
  const state = errors ? 'error' : 'warning';
  return (
    <span className={`badge badge-${state}`} data-testid={`badge-${stepId}`} data-state={state} title={diagnostics.map((d) => `${d.code}: ${d.message}`).join('\n')}>
      <CanvasIcon name="alert" tone={errors ? '--on-error' : '--warning'} size={12} />
      {errors || warnings}
    </span>
  );
}
