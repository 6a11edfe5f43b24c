import { describe, expect, it } from 'vitest';
import { fourTouch } from '../../shared/templates';
import { templateToGraph } from '../../designer/src/graph/templateToGraph';
import { graphToTemplate } from '../../designer/src/graph/graphToTemplate';
import { isStepNode, type StepNode } from '../../designer/src/graph/types';
import { AUTOSAVE_KEY, createDesignerStore, loadAutosave, parseSavedDoc, serializeDoc, type KeyValueStorage } from '../../designer/src/store';
import { DEFAULT_SAMPLE } from '../../designer/src/lib/samples';

/** In-memory Storage stand-in that records writes. */
function fakeStorage(): KeyValueStorage & { data: Map<string, string>; writes: number } {
  const data = new Map<string, string>();
  return {
    data,
    writes: 0,
    getItem: (k) => data.get(k) ?? null,
    setItem(k, v) { this.writes++; data.set(k, v); },
    removeItem: (k) => void data.delete(k),
  };
}

const stepIds = (s: ReturnType<typeof createDesignerStore>) => s.getState().doc.nodes.filter(isStepNode).map((n) => n.id);
const firstStep = (s: ReturnType<typeof createDesignerStore>) => s.getState().doc.nodes.find(isStepNode) as StepNode;

describe('designer store', () => {
  it('undoes and redoes adding a step', () => {
    const store = createDesignerStore(templateToGraph(fourTouch));
    const before = stepIds(store);
    store.dispatch({ type: 'addStep', kind: 'email', append: true });
    expect(stepIds(store)).toHaveLength(before.length + 1);
    store.dispatch({ type: 'undo' });
    expect(stepIds(store)).toEqual(before);
    store.dispatch({ type: 'redo' });
    expect(stepIds(store)).toHaveLength(before.length + 1);
    expect(graphToTemplate(store.getState().doc).steps.at(-1)!.channel).toBe('email');
  });

  it('folds keystrokes in one field into one undo step', () => {
    const store = createDesignerStore(templateToGraph(fourTouch));
    const step = firstStep(store).data.step;
    const original = step.channel === 'sms' ? step.message.text : '';
    for (const text of ['a', 'ab', 'abc']) store.dispatch({ type: 'updateStep', id: step.id, step: { ...step, message: { text } } as typeof step, coalesceKey: `${step.id}:text` });
    store.dispatch({ type: 'undo' });
    const after = firstStep(store).data.step;
    expect(after.channel === 'sms' && after.message.text).toBe(original);
    expect(store.canUndo()).toBe(false);
  });

  it('does not record selection changes as undo steps', () => {
    const store = createDesignerStore(templateToGraph(fourTouch));
    store.dispatch({ type: 'selectAll' });
    store.dispatch({ type: 'select', ids: [] });
    expect(store.canUndo()).toBe(false);
  });

  it('keeps the sample caller and missed call as view state: no undo step, not saved, kept across undo and load', () => {
    const storage = fakeStorage();
    const store = createDesignerStore(templateToGraph(fourTouch), { storage, autosaveDelayMs: 0 });
    expect(store.getState().sample).toEqual(DEFAULT_SAMPLE);
    store.dispatch({ type: 'layout' });
    const writes = storage.writes;
    store.dispatch({ type: 'setSample', sample: { callerId: 'honolulu' } });
    store.dispatch({ type: 'setSample', sample: { local: '2026-12-01T20:45' } });
    expect(store.getState().sample).toEqual({ callerId: 'honolulu', local: '2026-12-01T20:45' });
    expect(store.getState().past).toHaveLength(1);
    expect(storage.writes).toBe(writes);
    expect(storage.data.get(AUTOSAVE_KEY)).not.toContain('honolulu');
    // the same choice again is no change at all
    const state = store.getState();
    store.dispatch({ type: 'setSample', sample: { callerId: 'honolulu' } });
    expect(store.getState()).toBe(state);
    // undo takes back the layout, not the choice; a load keeps it too
    store.dispatch({ type: 'undo' });
    expect(store.canUndo()).toBe(false);
    expect(store.getState().sample.callerId).toBe('honolulu');
    store.dispatch({ type: 'load', doc: templateToGraph(fourTouch) });
    expect(store.getState().sample).toEqual({ callerId: 'honolulu', local: '2026-12-01T20:45' });
  });

  it('records a whole drag as one undo step', () => {
    const store = createDesignerStore(templateToGraph(fourTouch));
    const { id, position } = firstStep(store);
    for (const x of [10, 20, 30]) store.dispatch({ type: 'nodesChange', changes: [{ type: 'position', id, position: { x: position.x + x, y: position.y }, dragging: true }] });
    store.dispatch({ type: 'nodesChange', changes: [{ type: 'position', id, dragging: false }] });
    expect(firstStep(store).position.x).toBe(position.x + 30);
    expect(store.getState().past).toHaveLength(1);
    store.dispatch({ type: 'undo' });
    expect(firstStep(store).position).toEqual(position);
  });

  it('pastes copies with fresh ids and keeps the copied chain link', () => {
    const store = createDesignerStore(templateToGraph(fourTouch));
    const [a, b] = fourTouch.steps.map((s) => s.id);
    store.dispatch({ type: 'select', ids: [a!, b!] });
    store.dispatch({ type: 'copy' });
    store.dispatch({ type: 'paste' });
    const ids = stepIds(store);
    expect(ids).toHaveLength(fourTouch.steps.length + 2);
    expect(new Set(ids).size).toBe(ids.length);
    const pasted = ids.slice(-2);
    expect(store.getState().doc.edges.some((e) => e.source === pasted[0] && e.target === pasted[1])).toBe(true);
  });

  it('autosaves each document change under a versioned key and loads it back', () => {
    const storage = fakeStorage();
    const store = createDesignerStore(templateToGraph(fourTouch), { storage, autosaveDelayMs: 0 });
    store.dispatch({ type: 'addStep', kind: 'callback_task', append: true });
    expect(AUTOSAVE_KEY).toMatch(/:v\d+$/);
    const loaded = loadAutosave(storage);
    expect(loaded && graphToTemplate(loaded)).toEqual(graphToTemplate(store.getState().doc));
  });

  it('writes nothing for selection-free no-ops and debounces writes until flushed', () => {
    const storage = fakeStorage();
    const store = createDesignerStore(templateToGraph(fourTouch), { storage, autosaveDelayMs: 60_000 });
    store.dispatch({ type: 'undo' }); // nothing to undo
    store.dispatch({ type: 'layout' });
    store.dispatch({ type: 'layout' });
    expect(storage.writes).toBe(0);
    store.flushAutosave();
    expect(storage.writes).toBe(1);
  });

  it.each([
    ['nothing saved', null],
    ['corrupt JSON', '{oops'],
    ['another version', JSON.stringify({ version: 999, doc: { nodes: [], edges: [], meta: {} } })],
    ['wrong shape', JSON.stringify({ version: 1, doc: { nodes: 'x', edges: [], meta: {} } })],
  ])('ignores an autosave with %s', (_label, text) => {
    expect(parseSavedDoc(text)).toBeNull();
  });

  it('leaves selection and measurements out of the saved document', () => {
    const doc = templateToGraph(fourTouch);
    const noisy = { ...doc, nodes: doc.nodes.map((n) => ({ ...n, selected: true, measured: { width: 1, height: 2 } })) };
    const saved = JSON.parse(serializeDoc(noisy)) as { doc: { nodes: Record<string, unknown>[] } };
    expect(saved.doc.nodes.every((n) => !('selected' in n) && !('measured' in n))).toBe(true);
  });
});
