import type { Diagnostic } from '../../../shared/lint';
import { Icon } from './icons';

/** Error / warning count on a node; hover shows the messages. */
export function ValidationBadge({ stepId, diagnostics }: { stepId: string; diagnostics: Diagnostic[] }) {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  if (!errors && !warnings) return <span className="badge badge-ok" data-testid={`badge-${stepId}`} data-state="ok" title="No problems"><Icon name="check" size={12} /></span>;
  const state = errors ? 'error' : 'warning';
  return (
    <span className={`badge badge-${state}`} data-testid={`badge-${stepId}`} data-state={state} title={diagnostics.map((d) => `${d.code}: ${d.message}`).join('\n')}>
      <Icon name="alert" size={12} />
      {errors || warnings}
    </span>
  );
}
