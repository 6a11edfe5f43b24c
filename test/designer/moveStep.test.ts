import { describe, expect, it } from 'vitest';
import { fourTouch } from '../../shared/templates';
import { templateToGraph } from '../../designer/src/graph/templateToGraph';
import { chainOrder, graphToTemplate } from '../../designer/src/graph/graphToTemplate';
import { createDesignerStore } from '../../designer/src/store';

const order = (s: ReturnType<typeof createDesignerStore>) => graphToTemplate(s.getState().doc).steps.map((st) => st.id);
const position = (s: ReturnType<typeof createDesignerStore>, id: string) => s.getState().doc.nodes.find((n) => n.id === id)!.position;

describe('moving a step in the chain', () => {
  it('swaps it with its neighbour, cards and all, in one undo step; the ends stay put', () => {
    const store = createDesignerStore(templateToGraph(fourTouch));
    const [a, b, c, d] = order(store) as [string, string, string, string];
    const at = { b: position(store, b), c: position(store, c) };
    store.dispatch({ type: 'moveStep', id: c, offset: -1 });
    expect(order(store)).toEqual([a, c, b, d]);
    expect([position(store, b), position(store, c)]).toEqual([at.c, at.b]);
    expect(chainOrder(store.getState().doc).floating).toEqual([]);
    // exits stay wired to the start
    expect(store.getState().doc.edges.filter((e) => e.data?.role === 'exit')).toHaveLength(4);
    const doc = store.getState().doc;
    store.dispatch({ type: 'moveStep', id: a, offset: -1 });
    store.dispatch({ type: 'moveStep', id: d, offset: 1 });
    expect(store.getState().doc).toBe(doc);
    store.dispatch({ type: 'undo' });
    expect(order(store)).toEqual([a, b, c, d]);
  });

  it('leaves a step outside the chain, and its edge to another loose step, alone', () => {
    const store = createDesignerStore(templateToGraph(fourTouch));
    store.dispatch({ type: 'addStep', kind: 'sms', position: { x: 900, y: 0 } });
    store.dispatch({ type: 'addStep', kind: 'email', position: { x: 900, y: 200 } });
    store.dispatch({ type: 'connect', source: 'sms-1', target: 'email-1' });
    const doc = store.getState().doc;
    store.dispatch({ type: 'moveStep', id: 'sms-1', offset: -1 });
    expect(store.getState().doc).toBe(doc);
    store.dispatch({ type: 'moveStep', id: 'sms-final', offset: -1 });
    expect(order(store)).toEqual(['sms-first', 'email-next-day', 'sms-final', 'callback-day-2', 'sms-1', 'email-1']);
    expect(store.getState().doc.edges.some((e) => e.source === 'sms-1' && e.target === 'email-1')).toBe(true);
  });
});
