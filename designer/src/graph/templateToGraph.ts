import type { SequenceTemplate } from '../../../shared/schema';
import {
  START_ID,
  chainEdgeId,
  exitEdgeId,
  exitNodeId,
  type DesignerDoc,
  type DesignerEdge,
  type DesignerNode,
  type ExitKind,
  type TemplateMeta,
} from './types';
import { layoutDoc } from './layout';

/** Exit kinds a template's `exit` block turns on, in drawing order. */
export function exitKindsOf(exit: SequenceTemplate['exit']): ExitKind[] {
  const kinds: ExitKind[] = [];
  if (exit.onReply) kinds.push('reply');
  kinds.push('opt_out'); // always on
  if (exit.onBooked) kinds.push('booked');
  if (exit.crmStatuses.length > 0) kinds.push('crm_status');
  return kinds;
}

/** A new exit node (positions are filled in by the layout). */
export function makeExitNode(kind: ExitKind, statuses: string[] = [], position = { x: 0, y: 0 }): DesignerNode {
  return { id: exitNodeId(kind), type: 'exit', position, data: { kind, statuses }, deletable: kind !== 'opt_out' };
}

export function makeExitEdge(kind: ExitKind): DesignerEdge {
  return {
    id: exitEdgeId(kind),
    source: START_ID,
    sourceHandle: 'exits',
    target: exitNodeId(kind),
    type: 'exit',
    data: { role: 'exit' },
    deletable: false,
    selectable: false,
  };
}

export function makeChainEdge(source: string, target: string): DesignerEdge {
  return { id: chainEdgeId(source, target), source, target, type: 'delay', data: { role: 'chain' } };
}

/**
 * A template as a graph: a "Missed call" start node, one node per step chained in template order
 * (each edge carries the delay of the step it enters), and one branch node per exit rule.
 * Step objects are kept verbatim, so `graphToTemplate(templateToGraph(t))` equals `t`.
 *
 * @example
 * const doc = templateToGraph(fourTouch); // nodes: start, 4 steps, exits; auto-laid out
 */
export function templateToGraph(template: SequenceTemplate): DesignerDoc {
  const { steps, exit, ...meta } = template;
  const nodes: DesignerNode[] = [{ id: START_ID, type: 'start', position: { x: 0, y: 0 }, data: { label: 'Missed call' }, deletable: false }];
  const edges: DesignerEdge[] = [];
  let previous = START_ID;
  for (const step of steps) {
    nodes.push({ id: step.id, type: step.channel, position: { x: 0, y: 0 }, data: { step } } as DesignerNode);
    edges.push(makeChainEdge(previous, step.id));
    previous = step.id;
  }
  for (const kind of exitKindsOf(exit)) {
    nodes.push(makeExitNode(kind, kind === 'crm_status' ? [...exit.crmStatuses] : []));
    edges.push(makeExitEdge(kind));
  }
  return layoutDoc({ nodes, edges, meta: meta as TemplateMeta });
}
