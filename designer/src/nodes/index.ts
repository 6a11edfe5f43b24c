import type { EdgeTypes, NodeTypes } from '@xyflow/react';
import { StartNodeCard } from './StartNodeCard';
import { StepNodeCard } from './StepNodeCard';
import { ExitNodeCard } from './ExitNodeCard';
import { DelayEdge, ExitEdge } from './edges';

/** Registries live at module level (React Flow warns when they change between renders). */
export const nodeTypes: NodeTypes = {
  start: StartNodeCard,
  sms: StepNodeCard,
  email: StepNodeCard,
  callback_task: StepNodeCard,
  notify_agent: StepNodeCard,
  exit: ExitNodeCard,
} as NodeTypes;

export const edgeTypes: EdgeTypes = { delay: DelayEdge, exit: ExitEdge } as EdgeTypes;
