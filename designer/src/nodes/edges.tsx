import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath, getSmoothStepPath, useNodesData, type EdgeProps } from '@xyflow/react';
import type { DesignerEdge, DesignerNode } from '../graph/types';
import { delayLabel } from '../lib/format';

/** Chain edge with the entered step's delay as a chip in the middle. */
function DelayEdgeImpl({ id, target, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, markerEnd, selected }: EdgeProps<DesignerEdge>) {
  const [path, labelX, labelY] = getSmoothStepPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, borderRadius: 12 });
  const node = useNodesData<DesignerNode>(target);
  const step = node && 'step' in node.data ? node.data.step : null;
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} className={selected ? 'edge-selected' : undefined} />
      {step ? (
        <EdgeLabelRenderer>
          {/* a zero-size anchor at the label point centres the chip: no transform per chip (see .edge-label) */}
          <div className="edge-label" style={{ left: labelX, top: labelY }}>
            <div className="edge-chip nodrag nopan" data-testid={`edge-delay-${target}`}>{delayLabel(step)}</div>
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
}

/** Dashed branch from the start to an exit rule: "at any time". */
function ExitEdgeImpl({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition }: EdgeProps<DesignerEdge>) {
  const [path] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  return <BaseEdge id={id} path={path} className="edge-exit" />;
}

export const DelayEdge = memo(DelayEdgeImpl);
export const ExitEdge = memo(ExitEdgeImpl);
