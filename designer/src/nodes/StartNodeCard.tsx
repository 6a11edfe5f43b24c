import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { StartNode } from '../graph/types';
import { CanvasIcon } from './icons';

function StartNodeCardImpl({ selected }: NodeProps<StartNode>) {
  return (
    <div className={`node-card node-start${selected ? ' is-selected' : ''}`} data-testid="node-start">
      <div className="node-head">
        <span className="node-icon"><CanvasIcon name="start" tone="--accent" /></span>
        <div className="node-titles">
          <span className="node-kind">Trigger</span>
          <span className="node-name">Missed call</span>
        </div>
      </div>
      <div className="node-body">Missed, voicemail or abandoned call enrolls the caller.</div>
      <Handle type="source" position={Position.Bottom} data-testid="handle-out-start" />
      <Handle type="source" id="exits" position={Position.Right} isConnectable={false} className="handle-exits" />
    </div>
  );
}

export const StartNodeCard = memo(StartNodeCardImpl);
