import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { ExitNode } from '../graph/types';
import { EXIT_LABEL } from '../lib/format';
import { CanvasIcon, type CanvasTone } from './icons';

/** The colour of an exit's icon (`--c` of `.exit-card` and its kinds in styles.css). */
const TONE: Record<ExitNode['data']['kind'], CanvasTone> = { reply: '--exit', opt_out: '--error', booked: '--ok', crm_status: '--exit' };

/** An exit rule drawn as a branch: reply, opt-out, booked, CRM status. */
function ExitNodeCardImpl({ data, selected }: NodeProps<ExitNode>) {
  const label = EXIT_LABEL[data.kind];
  return (
    <div className={`exit-card exit-${data.kind}${selected ? ' is-selected' : ''}`} data-testid={`node-exit-${data.kind}`}>
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <span className="node-icon"><CanvasIcon name={data.kind} tone={TONE[data.kind]} size={16} /></span>
      <div className="node-titles">
        <span className="node-kind">Exit</span>
        <span className="node-name">{label.title}</span>
        <span className="exit-detail">{data.kind === 'crm_status' ? data.statuses.join(', ') || 'no statuses' : label.detail}</span>
      </div>
    </div>
  );
}

export const ExitNodeCard = memo(ExitNodeCardImpl);
