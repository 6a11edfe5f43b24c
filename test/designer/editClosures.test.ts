import { describe, expect, it } from 'vitest';
import { fourTouch } from '../../shared/templates';
import { holidayClosures, parseSequenceTemplate, pastClosures } from '../../shared/schema';
import { templateToGraph } from '../../designer/src/graph/templateToGraph';
import { graphToTemplate } from '../../designer/src/graph/graphToTemplate';
import { checkDoc } from '../../designer/src/lib/diagnostics';
import { checkExportable } from '../../designer/src/export';
import { mentionsPath } from '../../designer/src/lib/mentionsPath';
import { createDesignerStore, editMeta } from '../../designer/src/store';
import { blankDoc } from '../../designer/src/lib/blankDoc';

const fresh = () => createDesignerStore(templateToGraph(fourTouch));
const exported = (s: ReturnType<typeof createDesignerStore>) => graphToTemplate(s.getState().doc);
const errorsOf = (s: ReturnType<typeof createDesignerStore>) => checkDoc(s.getState().doc).diagnostics.filter((d) => d.severity === 'error');

describe('designer store: business closures', () => {
  it('adds, edits and removes closures; they export and parse; each edit undoes in one step', () => {
    const store = fresh();
    store.dispatch({ type: 'addClosure', closure: { from: '2026-12-24' } });
    for (const to of ['2026-12-2', '2026-12-26']) store.dispatch({ type: 'updateClosure', index: 0, closure: { from: '2026-12-24', to }, coalesceKey: 'closure:0:to' });
    store.dispatch({ type: 'updateClosure', index: 0, closure: { from: '2026-12-24', to: '2026-12-26', reason: 'Christmas' } });
    store.dispatch({ type: 'addClosure', closure: { from: '2027-01-01', to: '', reason: ' ' } });
    const t = exported(store);
    expect(t.business.closures).toEqual([{ from: '2026-12-24', to: '2026-12-26', reason: 'Christmas' }, { from: '2027-01-01' }]);
    expect(errorsOf(store)).toEqual([]);
    expect(parseSequenceTemplate(JSON.parse(JSON.stringify(t))).success).toBe(true);
    expect(store.getState().past).toHaveLength(4);

    store.dispatch({ type: 'removeClosure', index: 0 });
    expect(exported(store).business.closures).toEqual([{ from: '2027-01-01' }]);
    store.dispatch({ type: 'undo' });
    expect(exported(store).business.closures).toHaveLength(2);
  });

  it('adds a calendar\'s public holidays in one undo step, after the closures already there', () => {
    const store = fresh();
    store.dispatch({ type: 'addClosure', closure: { from: '2026-12-24', to: '2026-12-26', reason: 'Christmas break' } });
    const before = store.getState().doc;
    const holidays = holidayClosures('US-FED', '2026-11-30', before.meta.business.closures);
    expect(holidays.length).toBeGreaterThan(5);
    store.dispatch({ type: 'addClosures', closures: holidays });
    const t = exported(store);
    expect(t.business.closures).toEqual([{ from: '2026-12-24', to: '2026-12-26', reason: 'Christmas break' }, ...holidays]);
    expect(t.business.closures.filter((c) => c.from === '2026-12-25')).toHaveLength(0);
    expect(errorsOf(store)).toEqual([]);
    expect(parseSequenceTemplate(JSON.parse(JSON.stringify(t))).success).toBe(true);
    expect(store.getState().past).toHaveLength(2);
    // pressing again finds nothing new: no edit, no undo step
    const again = holidayClosures('US-FED', '2026-11-30', store.getState().doc.meta.business.closures);
    expect(again).toEqual([]);
    const state = store.getState();
    store.dispatch({ type: 'addClosures', closures: again });
    expect(store.getState()).toBe(state);
    // one undo removes every added holiday; redo brings them back
    store.dispatch({ type: 'undo' });
    expect(store.getState().doc).toBe(before);
    store.dispatch({ type: 'redo' });
    expect(exported(store).business.closures).toHaveLength(1 + holidays.length);
  });

  it('removes every past closure in one undo step, keeping the rest in order; none past changes nothing', () => {
    const store = fresh();
    const all = [
      { from: '2026-01-01', reason: 'New Year' },
      { from: '2026-06-01', to: '2026-06-20', reason: 'ends today' },
      { from: '2026-05-30', to: '2026-06-19', reason: 'ended yesterday' },
      { from: '2026-12-24', to: '2026-12-26', reason: 'Christmas' },
    ];
    store.dispatch({ type: 'addClosures', closures: all });
    const before = store.getState().doc;
    const depth = store.getState().past.length;
    expect(pastClosures(all, '2026-06-20')).toEqual([all[0], all[2]]);
    store.dispatch({ type: 'removePastClosures', today: '2026-06-20' });
    expect(exported(store).business.closures).toEqual([all[1], all[3]]);
    expect(store.getState().past).toHaveLength(depth + 1);
    // again: nothing left to remove, no edit, no undo step
    const state = store.getState();
    store.dispatch({ type: 'removePastClosures', today: '2026-06-20' });
    expect(store.getState()).toBe(state);
    // one undo brings both back, where they were; redo removes them again
    store.dispatch({ type: 'undo' });
    expect(store.getState().doc).toBe(before);
    expect(exported(store).business.closures).toEqual(all);
    store.dispatch({ type: 'redo' });
    expect(exported(store).business.closures).toEqual([all[1], all[3]]);
  });

  it('keeps a backwards or impossible closure and reports it as a schema error on that closure', () => {
    const store = fresh();
    store.dispatch({ type: 'addClosure', closure: { from: '2026-12-26', to: '2026-12-24' } });
    store.dispatch({ type: 'addClosure', closure: { from: '2027-02-29' } });
    const errors = errorsOf(store);
    expect(errors.some((d) => d.code === 'SCHEMA' && mentionsPath(d.path ?? '', 'business.closures[0].to'))).toBe(true);
    expect(errors.some((d) => d.code === 'SCHEMA' && mentionsPath(d.path ?? '', 'business.closures[1].from'))).toBe(true);
    expect(checkExportable(checkDoc(store.getState().doc).diagnostics).ok).toBe(false);
  });

  it('leaves the meta unchanged for an index out of range and tolerates a meta without closures', () => {
    const meta = blankDoc().meta;
    expect(editMeta(meta, { type: 'removeClosure', index: 0 })).toBe(meta);
    expect(editMeta(meta, { type: 'updateClosure', index: 3, closure: { from: '2026-12-25' } })).toBe(meta);
    expect(editMeta(meta, { type: 'removePastClosures', today: '2026-12-25' })).toBe(meta);
    const { closures: _none, ...business } = meta.business;
    const old = { ...meta, business: business as typeof meta.business };
    expect(editMeta(old, { type: 'addClosure', closure: { from: '2026-12-25' } }).business.closures).toEqual([{ from: '2026-12-25' }]);
    expect(editMeta(old, { type: 'removePastClosures', today: '2026-12-25' })).toBe(old);
  });
});
