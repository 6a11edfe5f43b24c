import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { StepNode } from '../graph/types';
import { isFinalCheckIn } from '../graph/newStep';
import { CHANNEL_LABEL, delayLabel, stepSummary } from '../lib/format';
import { useStepDiagnostics } from '../lib/diagnostics';
import { CanvasIcon, type CanvasTone } from './icons';
import { ValidationBadge } from './ValidationBadge';

/** The colour of a step's icon: its channel's, or the final check-in's (`--c` of styles.css). */
const TONE: Record<StepNode['data']['step']['channel'], CanvasTone> = { sms: '--sms', email: '--email', callback_task: '--callback_task', notify_agent: '--notify_agent' };

/** Card of one step: channel icon, name, message excerpt, delay chip and validation badge. */
function StepNodeCardImpl({ id, data, selected }: NodeProps<StepNode>) {
  const { step } = data;
  const final = isFinalCheckIn(step);
  const diags = useStepDiagnostics(id);
  const variants = 'variants' in step.message && step.message.variants ? step.message.variants.length : 0;
  const languages = 'translations' in step.message && step.message.translations ? Object.keys(step.message.translations).map((l) => l.toUpperCase()) : [];
  const worst = diags.some((d) => d.severity === 'error') ? 'error' : diags.some((d) => d.severity === 'warning') ? 'warning' : null;
  return (
    <div className={`node-card channel-${step.channel}${final ? ' is-final' : ''}${selected ? ' is-selected' : ''}${worst ? ` has-${worst}` : ''}`} data-testid={`node-${id}`} data-channel={step.channel}>
      <Handle type="target" position={Position.Top} data-testid={`handle-in-${id}`} />
      <div className="node-head">
        <span className="node-icon"><CanvasIcon name={final ? 'final' : step.channel} tone={final ? '--final' : TONE[step.channel]} /></span>
        <div className="node-titles">
          <span className="node-kind">{final ? 'Final check-in' : CHANNEL_LABEL[step.channel]}</span>
          <span className="node-name" title={step.name ?? step.id}>{step.name ?? step.id}</span>
        </div>
        <ValidationBadge stepId={id} diagnostics={diags} />
      </div>
      <div className="node-body">{stepSummary(step)}</div>
      <div className="node-foot">
        <span className="chip chip-delay" data-testid={`delay-${id}`}><CanvasIcon name="clock" tone="--text-2" size={12} />{delayLabel(step)}</span>
        {variants > 0 ? <span className="chip chip-ab">A/B ×{variants + 1}</span> : null}
        {languages.length > 0 ? <span className="chip chip-lang" data-testid={`languages-${id}`} title="Translations">{languages.join(' · ')}</span> : null}
      </div>
      <Handle type="source" position={Position.Bottom} data-testid={`handle-out-${id}`} />
    </div>
  );
}

export const StepNodeCard = memo(StepNodeCardImpl);
