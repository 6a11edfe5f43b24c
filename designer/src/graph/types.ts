import type { Edge, Node } from '@xyflow/react';
import type { SequenceTemplate, Step, StepChannel } from '../../../shared/schema';

/** Sequence-wide exit rules, drawn as branch nodes beside the chain. */
export const EXIT_KINDS = ['reply', 'opt_out', 'booked', 'crm_status'] as const;
export type ExitKind = (typeof EXIT_KINDS)[number];

/** Everything of a template that is not a step or an exit rule (business, trigger, windows…). */
export type TemplateMeta = Omit<SequenceTemplate, 'steps' | 'exit'>;

export type StartNode = Node<{ label: string }, 'start'>;
/** One step of the chain; `step` is the template's own object, kept verbatim for an exact round trip. */
export type StepNode = Node<{ step: Step }, StepChannel>;
export type ExitNode = Node<{ kind: ExitKind; statuses: string[] }, 'exit'>;
export type DesignerNode = StartNode | StepNode | ExitNode;

/** `chain`: step order and delay; `exit`: dashed branch from the start to an exit rule. */
export type DesignerEdge = Edge<{ role: 'chain' | 'exit' }>;

/** The designer's document: what undo/redo and autosave hold. */
export interface DesignerDoc {
  nodes: DesignerNode[];
  edges: DesignerEdge[];
  meta: TemplateMeta;
  /**
   * Designer-only, never exported: holiday dates ('YYYY-MM-DD', sorted) the holiday picker offered
   * and the user decided on (added or left unchecked). One that no closure covers any more was
   * dismissed, so the picker starts it unchecked.
   */
  offeredHolidays?: string[];
}

export const START_ID = 'start';
export const exitNodeId = (kind: ExitKind) => `exit-${kind}`;

export function isStepNode(n: DesignerNode): n is StepNode {
  return n.type === 'sms' || n.type === 'email' || n.type === 'callback_task' || n.type === 'notify_agent';
}
export function isExitNode(n: DesignerNode): n is ExitNode {
  return n.type === 'exit';
}

export const chainEdgeId = (source: string, target: string) => `chain:${source}->${target}`;
export const exitEdgeId = (kind: ExitKind) => `exit:${kind}`;
