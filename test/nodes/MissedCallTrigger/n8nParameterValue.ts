import { Workflow, type INodeTypes } from 'n8n-workflow';
import { MissedCallTrigger } from '../../../nodes/MissedCallTrigger/MissedCallTrigger.node';

const TRIGGER = new MissedCallTrigger();
export const TRIGGER_TYPES = { getByName: () => TRIGGER, getByNameAndVersion: () => TRIGGER, getKnownTypes: () => ({}) } as unknown as INodeTypes;

/** A one-node workflow of the trigger, built by n8n's own Workflow class (which fills defaults and applies noDataExpression). */
export function triggerWorkflow(parameters: Record<string, unknown> = {}): Workflow {
  const node = { id: 'node-1', name: 'Missed Call Trigger', type: 'n8n-nodes-missed-call.missedCallTrigger', typeVersion: 1, position: [0, 0] as [number, number], parameters };
  return new Workflow({ id: 'wf-1', nodes: [node as never], connections: {}, active: true, nodeTypes: TRIGGER_TYPES });
}

const EVALUATOR = triggerWorkflow();

/** What n8n's getNodeParameter makes of a stored value in a webhook: `=` values are evaluated as expressions (may throw). */
export function n8nParameterValue(stored: unknown): unknown {
  if (typeof stored !== 'string' || !stored.startsWith('=')) return stored;
  return EVALUATOR.expression.getParameterValue(stored, null, 0, 0, 'Missed Call Trigger', [], 'webhook', {});
}
