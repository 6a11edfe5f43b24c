import type { SequenceTemplate, Step } from '../../../shared/schema';
import { START_ID, isExitNode, isStepNode, type DesignerDoc, type StepNode } from './types';

/** Key order of an exported template (schema order), so downloads read naturally. */
const KEY_ORDER = ['schemaVersion', 'id', 'name', 'description', 'business', 'language', 'keepSmsInGsm7', 'classification', 'consent', 'trigger', 'steps', 'exit', 'reentry', 'sendWindow', 'meta'];

export interface ChainOrder {
  /** steps reachable from the start, in chain order */
  ordered: StepNode[];
  /** steps not reachable from the start (floating), top to bottom */
  floating: StepNode[];
}

/** Follows chain edges from the start node; stops at a loop. */
export function chainOrder(doc: Pick<DesignerDoc, 'nodes' | 'edges'>): ChainOrder {
  const steps = new Map(doc.nodes.filter(isStepNode).map((n) => [n.id, n]));
  const next = new Map<string, string>();
  for (const e of doc.edges) if (e.data?.role !== 'exit' && !next.has(e.source)) next.set(e.source, e.target);
  const ordered: StepNode[] = [];
  const seen = new Set<string>();
  let at = next.get(START_ID);
  while (at !== undefined && !seen.has(at) && steps.has(at)) {
    seen.add(at);
    ordered.push(steps.get(at)!);
    at = next.get(at);
  }
  const floating = [...steps.values()].filter((n) => !seen.has(n.id)).sort((a, b) => a.position.y - b.position.y || a.position.x - b.position.x);
  return { ordered, floating };
}

/**
 * The template a graph stands for: steps in chain order (floating steps after them, so nothing is
 * lost; the checklist flags them), exit rules from the exit nodes, everything else from `meta`.
 *
 * @example
 * graphToTemplate(templateToGraph(t)) // deep-equals t
 */
export function graphToTemplate(doc: DesignerDoc): SequenceTemplate {
  const { ordered, floating } = chainOrder(doc);
  const steps: Step[] = [...ordered, ...floating].map((n) => n.data.step);
  const exits = doc.nodes.filter(isExitNode);
  const crm = exits.find((n) => n.data.kind === 'crm_status');
  const exit: SequenceTemplate['exit'] = {
    onReply: exits.some((n) => n.data.kind === 'reply'),
    onOptOut: true,
    onBooked: exits.some((n) => n.data.kind === 'booked'),
    crmStatuses: crm ? [...crm.data.statuses] : [],
  };
  const loose: Record<string, unknown> = { ...doc.meta, steps, exit };
  const out: Record<string, unknown> = {};
  for (const k of KEY_ORDER) if (k in loose && loose[k] !== undefined) out[k] = loose[k];
  for (const k of Object.keys(loose)) if (!(k in out) && loose[k] !== undefined) out[k] = loose[k];
  return out as SequenceTemplate;
}
