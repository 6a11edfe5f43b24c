import { applyEdgeChanges, applyNodeChanges, type EdgeChange, type NodeChange, type XYPosition } from '@xyflow/react';
import type { Step } from '../../../shared/schema';
import { makeChainEdge, makeExitEdge, makeExitNode } from '../graph/templateToGraph';
import { NODE_HEIGHT, layoutDoc } from '../graph/layout';
import { chainOrder } from '../graph/graphToTemplate';
import { closesLoop } from '../graph/closesLoop';
import { channelOfKind, freshStepId, newStep, type PaletteKind } from '../graph/newStep';
import {
  START_ID,
  exitNodeId,
  isExitNode,
  isStepNode,
  type DesignerDoc,
  type DesignerEdge,
  type DesignerNode,
  type ExitKind,
  type StepNode,
  type TemplateMeta,
} from '../graph/types';
import { DEFAULT_SAMPLE, type SampleChoice } from '../lib/samples';
import { META_ACTIONS, editMeta, type MetaAction } from './editMeta';

export type DesignerAction =
  | { type: 'nodesChange'; changes: NodeChange<DesignerNode>[] }
  | { type: 'edgesChange'; changes: EdgeChange<DesignerEdge>[] }
  | { type: 'connect'; source: string; target: string }
  /** swaps a step with the one above (-1) or below (+1) it in the chain */
  | { type: 'moveStep'; id: string; offset: -1 | 1 }
  | { type: 'addStep'; kind: PaletteKind; position?: XYPosition; append?: boolean }
  | { type: 'addExit'; kind: ExitKind; position?: XYPosition }
  | { type: 'toggleExit'; kind: ExitKind; on: boolean }
  | { type: 'updateStep'; id: string; step: Step; coalesceKey?: string }
  | { type: 'updateExitStatuses'; statuses: string[]; coalesceKey?: string }
  | { type: 'updateMeta'; meta: TemplateMeta; coalesceKey?: string }
  | MetaAction
  | { type: 'select'; ids: string[] }
  /** view state: never an undo step, never saved */
  | { type: 'setSample'; sample: Partial<SampleChoice> }
  | { type: 'selectAll' }
  | { type: 'deleteSelected' }
  | { type: 'copy' }
  | { type: 'paste' }
  | { type: 'load'; doc: DesignerDoc }
  | { type: 'layout' }
  | { type: 'undo' }
  | { type: 'redo' };

export interface DesignerState {
  doc: DesignerDoc;
  past: DesignerDoc[];
  future: DesignerDoc[];
  /** key of the last coalescing edit: typing in one field makes one undo step */
  lastKey: string | null;
  /** document before the drag in progress, pushed to `past` when the drag ends */
  gestureBase: DesignerDoc | null;
  clipboard: StepNode[];
  /** the Simulator's sample caller and missed call, which the message previews share */
  sample: SampleChoice;
}

export const HISTORY_LIMIT = 100;

export function initialState(doc: DesignerDoc, sample: SampleChoice = DEFAULT_SAMPLE): DesignerState {
  return { doc, past: [], future: [], lastKey: null, gestureBase: null, clipboard: [], sample };
}

/** Replace the document and record the previous one for undo (or fold into the last edit). */
function commit(s: DesignerState, doc: DesignerDoc, coalesceKey: string | null = null): DesignerState {
  if (doc === s.doc) return s;
  if (coalesceKey !== null && coalesceKey === s.lastKey && s.past.length > 0) return { ...s, doc, future: [] };
  const past = [...s.past, s.doc].slice(-HISTORY_LIMIT);
  return { ...s, doc, past, future: [], lastKey: coalesceKey, gestureBase: null };
}

/** Replace the document without an undo step (selection, measuring, drag frames). */
function transient(s: DesignerState, doc: DesignerDoc): DesignerState {
  return doc === s.doc ? s : { ...s, doc };
}

const withNodes = (doc: DesignerDoc, nodes: DesignerNode[]): DesignerDoc => ({ ...doc, nodes });
const withEdges = (doc: DesignerDoc, edges: DesignerEdge[]): DesignerDoc => ({ ...doc, edges });

function stepIds(doc: DesignerDoc): Set<string> {
  return new Set(doc.nodes.map((n) => n.id));
}

/** Removes nodes and their edges; a removed step's predecessor is wired to its successor. */
function removeNodes(doc: DesignerDoc, ids: ReadonlySet<string>): DesignerDoc {
  const removable = new Set([...ids].filter((id) => {
    const n = doc.nodes.find((x) => x.id === id);
    return n !== undefined && n.deletable !== false;
  }));
  if (removable.size === 0) return doc;
  let edges = doc.edges;
  for (const id of removable) {
    const incoming = edges.find((e) => e.target === id && e.data?.role !== 'exit');
    const outgoing = edges.find((e) => e.source === id && e.data?.role !== 'exit');
    edges = edges.filter((e) => e.source !== id && e.target !== id);
    if (incoming && outgoing && incoming.source !== outgoing.target) edges = [...edges, makeChainEdge(incoming.source, outgoing.target)];
  }
  return { ...doc, nodes: doc.nodes.filter((n) => !removable.has(n.id)), edges };
}

/** Keeps the chain linear: one way in and one way out of every node, and no loop. */
function connect(doc: DesignerDoc, source: string, target: string): DesignerDoc {
  const src = doc.nodes.find((n) => n.id === source);
  const tgt = doc.nodes.find((n) => n.id === target);
  if (!src || !tgt || source === target || !isStepNode(tgt) || isExitNode(src) || closesLoop(doc, source, target)) return doc;
  const edges = doc.edges.filter((e) => e.data?.role === 'exit' || (e.source !== source && e.target !== target));
  return withEdges(doc, [...edges, makeChainEdge(source, target)]);
}

/**
 * Swaps a chained step with its neighbour: the chain is rewired start → … in the new order and the
 * two cards trade places. Steps outside the chain (and their edges), and the ends, stay as they are.
 */
function moveInChain(doc: DesignerDoc, id: string, offset: -1 | 1): DesignerDoc {
  const order = chainOrder(doc).ordered.map((n) => n.id);
  const i = order.indexOf(id);
  const j = i + offset;
  if (i < 0 || j < 0 || j >= order.length) return doc;
  [order[i], order[j]] = [order[j]!, order[i]!];
  const chained = new Set([START_ID, ...order]);
  const kept = doc.edges.filter((e) => e.data?.role === 'exit' || !(chained.has(e.source) || chained.has(e.target)));
  const chain = order.map((to, k) => makeChainEdge(k === 0 ? START_ID : order[k - 1]!, to));
  const at = new Map(doc.nodes.map((n) => [n.id, n.position]));
  const swap = new Map([[order[i]!, at.get(order[j]!)!], [order[j]!, at.get(order[i]!)!]]);
  const nodes = doc.nodes.map((n) => (swap.has(n.id) ? { ...n, position: swap.get(n.id)! } : n));
  return { ...doc, nodes, edges: [...kept, ...chain] };
}

function lastInChain(doc: DesignerDoc): string {
  const next = new Map(doc.edges.filter((e) => e.data?.role !== 'exit').map((e) => [e.source, e.target]));
  let at = START_ID;
  const seen = new Set<string>();
  while (next.has(at) && !seen.has(at)) {
    seen.add(at);
    at = next.get(at)!;
  }
  return at;
}

const isMetaAction = (a: DesignerAction): a is MetaAction => META_ACTIONS.has(a.type);

/** `recorded` plus `dates`, sorted and unique; the same array when nothing is new. */
/** The record plus `dates`, sorted and unique; dates before `today` go (the picker offers none of them again). */
function recordOffered(recorded: string[] | undefined, dates: readonly string[] | undefined, today = ''): string[] | undefined {
  const have = new Set(recorded);
  const fresh = (dates ?? []).filter((d) => !have.has(d));
  const stale = recorded?.some((d) => d < today) ?? false;
  if (fresh.length === 0 && !stale) return recorded;
  const next = [...new Set([...have, ...fresh])].filter((d) => d >= today).sort();
  return next.length > 0 ? next : undefined;
}

export function reduce(s: DesignerState, a: DesignerAction): DesignerState {
  const { doc } = s;
  if (isMetaAction(a)) {
    const meta = editMeta(doc.meta, a);
    const offered = a.type === 'addClosures' ? recordOffered(doc.offeredHolidays, a.offered, a.today) : doc.offeredHolidays;
    if (meta === doc.meta && offered === doc.offeredHolidays) return s;
    const next = offered === doc.offeredHolidays ? { ...doc, meta } : { ...doc, meta, offeredHolidays: offered };
    return commit(s, next, 'coalesceKey' in a ? (a.coalesceKey ?? null) : null);
  }
  switch (a.type) {
    case 'nodesChange': {
      const removed = new Set(a.changes.flatMap((c) => (c.type === 'remove' ? [c.id] : [])));
      const rest = a.changes.filter((c) => c.type !== 'remove');
      let next = rest.length ? withNodes(doc, applyNodeChanges(rest, doc.nodes)) : doc;
      if (removed.size) return commit(s, removeNodes(next, removed));
      const dragging = rest.some((c) => c.type === 'position' && c.dragging === true);
      const dropped = rest.filter((c) => c.type === 'position' && c.dragging === false).map((c) => (c as { id: string }).id);
      if (dragging) return { ...transient(s, next), gestureBase: s.gestureBase ?? doc };
      if (dropped.length && s.gestureBase) {
        const base = s.gestureBase;
        return { ...s, doc: next, past: [...s.past, base].slice(-HISTORY_LIMIT), future: [], lastKey: null, gestureBase: null };
      }
      // moved without a drag: arrow keys on selected nodes; one undo step per run of presses
      if (dropped.length) return commit(s, next, `nudge:${dropped.join(',')}`);
      return transient(s, next);
    }
    case 'edgesChange': {
      const removed = a.changes.some((c) => c.type === 'remove');
      const next = withEdges(doc, applyEdgeChanges(a.changes, doc.edges));
      return removed ? commit(s, next) : transient(s, next);
    }
    case 'connect':
      return commit(s, connect(doc, a.source, a.target));
    case 'moveStep':
      return commit(s, moveInChain(doc, a.id, a.offset));
    case 'addStep': {
      const id = freshStepId(channelOfKind(a.kind), stepIds(doc));
      const tail = lastInChain(doc);
      const tailNode = doc.nodes.find((n) => n.id === tail);
      const position = a.position ?? { x: tailNode?.position.x ?? 0, y: (tailNode?.position.y ?? 0) + NODE_HEIGHT + 70 };
      const node = { id, type: channelOfKind(a.kind), position, data: { step: newStep(a.kind, id) }, selected: true } as DesignerNode;
      const nodes = [...doc.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), node];
      const next = withNodes(doc, nodes);
      return commit(s, a.append ? connect(next, tail, id) : next);
    }
    case 'addExit': {
      if (doc.nodes.some((n) => n.id === exitNodeId(a.kind))) return s;
      const exits = doc.nodes.filter(isExitNode);
      const start = doc.nodes.find((n) => n.id === START_ID);
      const below = exits.length ? exits.reduce((m, n) => (n.position.y > m.position.y ? n : m)) : null;
      const position = a.position ?? (below ? { x: below.position.x, y: below.position.y + 80 } : { x: (start?.position.x ?? 0) + 400, y: start?.position.y ?? 0 });
      const node = makeExitNode(a.kind, a.kind === 'crm_status' ? ['won'] : [], position);
      return commit(s, { ...doc, nodes: [...doc.nodes, node], edges: [...doc.edges, makeExitEdge(a.kind)] });
    }
    case 'toggleExit': {
      const present = doc.nodes.some((n) => n.id === exitNodeId(a.kind));
      if (a.on === present) return s;
      return a.on ? reduce(s, { type: 'addExit', kind: a.kind }) : commit(s, removeNodes(doc, new Set([exitNodeId(a.kind)])));
    }
    case 'updateStep': {
      const nodes = doc.nodes.map((n) => (n.id === a.id && isStepNode(n) ? ({ ...n, type: a.step.channel, data: { ...n.data, step: a.step } } as DesignerNode) : n));
      return commit(s, withNodes(doc, nodes), a.coalesceKey ?? null);
    }
    case 'updateExitStatuses': {
      const nodes = doc.nodes.map((n) => (isExitNode(n) && n.data.kind === 'crm_status' ? { ...n, data: { ...n.data, statuses: a.statuses } } : n));
      return commit(s, withNodes(doc, nodes), a.coalesceKey ?? null);
    }
    case 'updateMeta':
      return commit(s, { ...doc, meta: a.meta }, a.coalesceKey ?? null);
    case 'select': {
      const ids = new Set(a.ids);
      return transient(s, { ...doc, nodes: doc.nodes.map((n) => (Boolean(n.selected) === ids.has(n.id) ? n : { ...n, selected: ids.has(n.id) })), edges: doc.edges.map((e) => (e.selected ? { ...e, selected: false } : e)) });
    }
    case 'setSample': {
      const sample = { ...s.sample, ...a.sample };
      return sample.callerId === s.sample.callerId && sample.local === s.sample.local ? s : { ...s, sample };
    }
    case 'selectAll':
      return transient(s, { ...doc, nodes: doc.nodes.map((n) => (n.selected ? n : { ...n, selected: true })) });
    case 'deleteSelected': {
      const ids = new Set(doc.nodes.filter((n) => n.selected).map((n) => n.id));
      const afterNodes = removeNodes(doc, ids);
      const edges = afterNodes.edges.filter((e) => !(e.selected && e.deletable !== false));
      const next = edges.length === afterNodes.edges.length ? afterNodes : withEdges(afterNodes, edges);
      return commit(s, next);
    }
    case 'copy': {
      const clipboard = doc.nodes.filter((n): n is StepNode => isStepNode(n) && Boolean(n.selected));
      return clipboard.length ? { ...s, clipboard } : s;
    }
    case 'paste': {
      if (!s.clipboard.length) return s;
      // each paste lands 40 px further on, not on top of the previous one
      const occupied = new Set(doc.nodes.map((n) => `${n.position.x},${n.position.y}`));
      let shift = 40;
      while (s.clipboard.some((n) => occupied.has(`${n.position.x + shift},${n.position.y + shift}`))) shift += 40;
      const taken = stepIds(doc);
      const rename = new Map<string, string>();
      const pasted = s.clipboard.map((n) => {
        const id = freshStepId(n.data.step.id.replace(/-\d+$/, ''), taken);
        taken.add(id);
        rename.set(n.id, id);
        return { ...n, id, selected: true, position: { x: n.position.x + shift, y: n.position.y + shift }, data: { step: { ...n.data.step, id } } } as StepNode;
      });
      const innerEdges = doc.edges
        .filter((e) => rename.has(e.source) && rename.has(e.target))
        .map((e) => makeChainEdge(rename.get(e.source)!, rename.get(e.target)!));
      return commit(s, { ...doc, nodes: [...doc.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), ...pasted], edges: [...doc.edges, ...innerEdges] });
    }
    case 'load':
      return commit(s, a.doc);
    case 'layout':
      return commit(s, layoutDoc(doc));
    case 'undo': {
      const prev = s.past[s.past.length - 1];
      if (!prev) return s;
      return { ...s, doc: prev, past: s.past.slice(0, -1), future: [s.doc, ...s.future], lastKey: null, gestureBase: null };
    }
    case 'redo': {
      const [next, ...future] = s.future;
      if (!next) return s;
      return { ...s, doc: next, past: [...s.past, s.doc], future, lastKey: null, gestureBase: null };
    }
  }
}

