import { describe, expect, it } from 'vitest';
import { fourTouch } from '../../shared/templates';
import { holidayClosures } from '../../shared/schema';
import { templateToGraph } from '../../designer/src/graph/templateToGraph';
import { graphToTemplate } from '../../designer/src/graph/graphToTemplate';
import { templateToJson } from '../../designer/src/export';
import { holidayChoices } from '../../designer/src/lib/holidayChoices';
import { createDesignerStore, parseSavedDoc, serializeDoc } from '../../designer/src/store';

const TODAY = '2026-11-30';
const fresh = () => createDesignerStore(templateToGraph(fourTouch));
const closuresOf = (s: ReturnType<typeof createDesignerStore>) => s.getState().doc.meta.business.closures ?? [];

describe('holiday picker: choices', () => {
  it('lists the next 12 months with weekday, marks closed days and dismissed ones', () => {
    const all = holidayClosures('US-FED', TODAY, []);
    const closures = [{ from: '2026-12-24', to: '2026-12-26', reason: 'Christmas break' }];
    // Christmas is closed; New Year was offered and is closed no more; MLK day was never offered
    const choices = holidayChoices('US-FED', TODAY, closures, ['2026-12-25', '2027-01-01']);
    expect(choices.map((c) => c.date)).toEqual(all.map((c) => c.from));
    const byDate = new Map(choices.map((c) => [c.date, c]));
    expect(byDate.get('2026-12-25')).toEqual({ date: '2026-12-25', name: 'Christmas Day', weekday: 'Fri', closed: true, dismissed: false });
    expect(byDate.get('2027-01-01')).toMatchObject({ weekday: 'Fri', closed: false, dismissed: true });
    expect(byDate.get('2027-01-18')).toMatchObject({ name: 'Birthday of Martin Luther King, Jr.', weekday: 'Mon', closed: false, dismissed: false });
    expect(choices.filter((c) => c.closed || c.dismissed).map((c) => c.date)).toEqual(['2026-12-25', '2027-01-01']);
  });
});

describe('holiday picker: store', () => {
  it('adds the ticked days and records every offered day in one undo step', () => {
    const store = fresh();
    const before = store.getState().doc;
    const offered = holidayClosures('US-FED', TODAY, []);
    const ticked = offered.filter((c) => c.from !== '2026-12-25');
    store.dispatch({ type: 'addClosures', closures: ticked, offered: offered.map((c) => c.from).reverse() });
    expect(closuresOf(store)).toEqual(ticked);
    expect(store.getState().doc.offeredHolidays).toEqual(offered.map((c) => c.from));
    expect(store.getState().past).toHaveLength(1);
    // the unticked day, and one removed after adding, start unticked next time; the rest are closed
    const idx = closuresOf(store).findIndex((c) => c.from === '2027-01-01');
    store.dispatch({ type: 'removeClosure', index: idx });
    const next = holidayChoices('US-FED', TODAY, closuresOf(store), store.getState().doc.offeredHolidays);
    expect(next.filter((c) => !c.closed).map((c) => [c.date, c.dismissed])).toEqual([['2026-12-25', true], ['2027-01-01', true]]);
    // one undo takes the removal back, the next one the closures and the record together
    store.dispatch({ type: 'undo' });
    store.dispatch({ type: 'undo' });
    expect(store.getState().doc).toBe(before);
    expect(holidayChoices('US-FED', TODAY, closuresOf(store), store.getState().doc.offeredHolidays).some((c) => c.dismissed || c.closed)).toBe(false);
    store.dispatch({ type: 'redo' });
    expect(store.getState().doc.offeredHolidays).toHaveLength(offered.length);
  });

  it('merges later offers sorted and unique; nothing new is no edit; a load forgets the record', () => {
    const store = fresh();
    store.dispatch({ type: 'addClosures', closures: [{ from: '2027-07-05', reason: 'Independence Day (observed)' }], offered: ['2027-07-05', '2027-05-31'] });
    store.dispatch({ type: 'addClosures', closures: [], offered: ['2027-01-01', '2027-05-31', '2027-01-01'] });
    expect(store.getState().doc.offeredHolidays).toEqual(['2027-01-01', '2027-05-31', '2027-07-05']);
    expect(store.getState().past).toHaveLength(2);
    const state = store.getState();
    store.dispatch({ type: 'addClosures', closures: [], offered: ['2027-05-31'] });
    store.dispatch({ type: 'addClosures', closures: [] });
    expect(store.getState()).toBe(state);
    store.dispatch({ type: 'load', doc: templateToGraph(fourTouch) });
    expect(store.getState().doc.offeredHolidays).toBeUndefined();
  });

  it('drops recorded days before today when the picker records a new offer', () => {
    const store = fresh();
    store.dispatch({ type: 'addClosures', closures: [], offered: ['2025-12-25', '2026-11-26', '2026-12-25'], today: '2025-12-01' });
    expect(store.getState().doc.offeredHolidays).toEqual(['2025-12-25', '2026-11-26', '2026-12-25']);
    // a year on: the days already past leave the record, today's stays
    store.dispatch({ type: 'addClosures', closures: [], offered: ['2027-01-01'], today: '2026-11-26' });
    expect(store.getState().doc.offeredHolidays).toEqual(['2026-11-26', '2026-12-25', '2027-01-01']);
    // nothing new but stale days: still pruned; all gone: no record at all
    store.dispatch({ type: 'addClosures', closures: [], offered: [], today: '2026-12-26' });
    expect(store.getState().doc.offeredHolidays).toEqual(['2027-01-01']);
    store.dispatch({ type: 'addClosures', closures: [], offered: [], today: '2027-06-01' });
    expect(store.getState().doc.offeredHolidays).toBeUndefined();
  });

  it('keeps the record out of the export, byte for byte', () => {
    const store = fresh();
    const closures = holidayClosures('FR', TODAY, []);
    store.dispatch({ type: 'addClosures', closures });
    const plain = templateToJson(graphToTemplate(store.getState().doc));
    store.dispatch({ type: 'undo' });
    store.dispatch({ type: 'addClosures', closures, offered: [...closures.map((c) => c.from), '2027-12-26'] });
    expect(store.getState().doc.offeredHolidays).toHaveLength(closures.length + 1);
    expect(templateToJson(graphToTemplate(store.getState().doc))).toBe(plain);
    expect(plain).not.toContain('offered');
  });

  it('autosaves the record with the document and drops a malformed one on load', () => {
    const doc = { ...templateToGraph(fourTouch), offeredHolidays: ['2026-12-25', '2027-01-01'] };
    expect(parseSavedDoc(serializeDoc(doc))?.offeredHolidays).toEqual(['2026-12-25', '2027-01-01']);
    // none recorded: the save is what it was before the record existed
    const { offeredHolidays: _none, ...plain } = doc;
    expect(serializeDoc(plain)).not.toContain('offeredHolidays');
    expect(serializeDoc({ ...plain, offeredHolidays: [] })).toBe(serializeDoc(plain));
    for (const bad of ['2026-12-25', [25], ['Dec 25']]) {
      const saved = JSON.parse(serializeDoc(plain)) as { doc: Record<string, unknown> };
      saved.doc.offeredHolidays = bad;
      const loaded = parseSavedDoc(JSON.stringify(saved));
      expect(loaded).not.toBeNull();
      expect(loaded && 'offeredHolidays' in loaded).toBe(false);
      expect(loaded && graphToTemplate(loaded)).toEqual(graphToTemplate(plain));
    }
  });
});
