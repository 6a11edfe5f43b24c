import { describe, expect, it } from 'vitest';
import { fourTouch } from '../../shared/templates';
import { departmentForLine, parseSequenceTemplate } from '../../shared/schema';
import { validateSequence } from '../../shared/lint';
import { templateToGraph } from '../../designer/src/graph/templateToGraph';
import { graphToTemplate } from '../../designer/src/graph/graphToTemplate';
import { checkDoc } from '../../designer/src/lib/diagnostics';
import { numberProblem } from '../../shared/lint';
import { checkExportable } from '../../designer/src/export';
import { mentionsPath } from '../../designer/src/lib/mentionsPath';
import { AUTOSAVE_KEY, DEFAULT_REENTRY_DAYS, createDesignerStore, loadAutosave, type KeyValueStorage } from '../../designer/src/store';

const fresh = () => createDesignerStore(templateToGraph(fourTouch));
const exported = (s: ReturnType<typeof createDesignerStore>) => graphToTemplate(s.getState().doc);
const codes = (s: ReturnType<typeof createDesignerStore>) => checkDoc(s.getState().doc).diagnostics.map((d) => d.code);
const errorsOf = (s: ReturnType<typeof createDesignerStore>) => checkDoc(s.getState().doc).diagnostics.filter((d) => d.severity === 'error');

describe('designer store: business, trigger and re-entry edits', () => {
  it('sets one weekday’s hours, exports them and undoes them in one step per field', () => {
    const store = fresh();
    for (const r of ['08:00-1', '08:00-12:00']) store.dispatch({ type: 'setDayHours', day: 'sat', ranges: [r], coalesceKey: 'hours:sat:0:to' });
    store.dispatch({ type: 'setDayHours', day: 'sun', ranges: ['10:00-14:00', '15:00-24:00'] });
    const t = exported(store);
    expect(t.business.openingHours.sat).toEqual(['08:00-12:00']);
    expect(t.business.openingHours.sun).toEqual(['10:00-14:00', '15:00-24:00']);
    expect(t.business.openingHours.mon).toEqual(fourTouch.business.openingHours.mon);
    expect(validateSequence(t)).toEqual([]);
    expect(store.getState().past).toHaveLength(2);
    store.dispatch({ type: 'undo' });
    store.dispatch({ type: 'undo' });
    expect(exported(store).business.openingHours).toEqual(fourTouch.business.openingHours);
  });

  it('keeps overlapping or backwards hours and reports them as schema errors on that day', () => {
    const store = fresh();
    store.dispatch({ type: 'setDayHours', day: 'mon', ranges: ['09:00-13:00', '12:00-17:00'] });
    store.dispatch({ type: 'setDayHours', day: 'tue', ranges: ['18:00-09:00'] });
    const errors = errorsOf(store);
    expect(errors.some((d) => d.code === 'SCHEMA' && mentionsPath(d.path ?? '', 'business.openingHours.mon'))).toBe(true);
    expect(errors.some((d) => d.code === 'SCHEMA' && mentionsPath(d.path ?? '', 'business.openingHours.tue'))).toBe(true);
    expect(checkExportable(checkDoc(store.getState().doc).diagnostics).ok).toBe(false);
  });

  it('adds a department with a fresh id and a line, and the line identifies it', () => {
    const store = fresh();
    store.dispatch({ type: 'addDepartment' });
    const depts = store.getState().doc.meta.business.departments;
    expect(depts).toHaveLength(fourTouch.business.departments.length + 1);
    const added = depts.at(-1)!;
    expect(new Set(depts.map((d) => d.id)).size).toBe(depts.length);
    expect(added.queue).not.toBe('');
    store.dispatch({ type: 'updateDepartment', index: depts.length - 1, department: { ...added, name: 'Sales', numbers: ['+13055550123'] } });
    const t = exported(store);
    expect(validateSequence(t)).toEqual([]);
    expect(departmentForLine(t.business.departments, '+13055550123')?.name).toBe('Sales');
    expect(parseSequenceTemplate(JSON.parse(JSON.stringify(t))).success).toBe(true);
  });

  it('drops an emptied line list and removes departments; a bad index changes nothing', () => {
    const store = fresh();
    const service = store.getState().doc.meta.business.departments[0]!;
    store.dispatch({ type: 'updateDepartment', index: 0, department: { ...service, numbers: [] } });
    expect('numbers' in exported(store).business.departments[0]!).toBe(false);
    const before = store.getState();
    store.dispatch({ type: 'removeDepartment', index: 9 });
    store.dispatch({ type: 'updateDepartment', index: -1, department: service });
    expect(store.getState()).toBe(before);
    store.dispatch({ type: 'removeDepartment', index: 0 });
    expect(exported(store).business.departments.map((d) => d.id)).toEqual(['billing']);
  });

  it('flags a line the shared phone module rejects even when it matches the schema pattern (shared lint), and blocks export', () => {
    const store = fresh();
    const service = store.getState().doc.meta.business.departments[0]!;
    store.dispatch({ type: 'updateDepartment', index: 0, department: { ...service, numbers: ['+15555550100'] } });
    // the shared lint (what the trigger runs too), not a designer-only check
    expect(validateSequence(exported(store)).map((d) => d.code)).toEqual(['DEPARTMENT_NUMBER']);
    const errors = errorsOf(store);
    expect(errors.map((d) => d.code)).toEqual(['DEPARTMENT_NUMBER']);
    expect(errors[0]).toMatchObject({ path: 'business.departments[0].numbers[0]', message: 'Department 1 "Service", line 1 (+15555550100): Not a valid phone number; use E.164, e.g. +15125550142.' });
    expect(checkExportable(checkDoc(store.getState().doc).diagnostics).ok).toBe(false);
  });

  it('reports a malformed line once, as the schema error', () => {
    const store = fresh();
    const service = store.getState().doc.meta.business.departments[0]!;
    store.dispatch({ type: 'updateDepartment', index: 0, department: { ...service, numbers: ['555-0100'] } });
    const errors = errorsOf(store);
    expect(errors.map((d) => d.code)).toEqual(['SCHEMA']);
    expect(errors[0]).toMatchObject({ path: 'business.departments[0].numbers[0]', message: 'Department 1 "Service": line 1 must be an E.164 number such as "+15125550142".' });
  });

  it('warns when two departments claim the same line', () => {
    const store = fresh();
    const billing = store.getState().doc.meta.business.departments[1]!;
    store.dispatch({ type: 'updateDepartment', index: 1, department: { ...billing, numbers: [fourTouch.business.departments[0]!.numbers![0]!] } });
    expect(codes(store)).toContain('DEPARTMENT_NUMBER_SHARED');
    expect(errorsOf(store)).toEqual([]);
  });

  it('tells how to fix a line through the shared phone module', () => {
    expect(numberProblem('+15125550142')).toBeNull();
    expect(numberProblem('(512) 555-0142')).toEqual({ message: expect.stringContaining('+15125550142'), suggestion: '+15125550142' });
    expect(numberProblem('+15555550100')).toMatchObject({ suggestion: null });
    expect(numberProblem('')).toMatchObject({ suggestion: null });
  });

  it('sets the re-entry policy and days; other policies carry no days', () => {
    const store = fresh();
    store.dispatch({ type: 'setReentry', policy: 'after_days' });
    expect(exported(store).reentry).toEqual({ policy: 'after_days', days: DEFAULT_REENTRY_DAYS });
    store.dispatch({ type: 'setReentry', policy: 'after_days', days: 45, coalesceKey: 'reentry:days' });
    expect(exported(store).reentry).toEqual({ policy: 'after_days', days: 45 });
    expect(validateSequence(exported(store))).toEqual([]);
    store.dispatch({ type: 'setReentry', policy: 'never' });
    expect(exported(store).reentry).toEqual({ policy: 'never' });
  });

  it.each([
    ['blank days', Number.NaN],
    ['zero days', 0],
    ['fractional days', 1.5],
  ])('reports %s as a schema error on reentry', (_label, days) => {
    const store = fresh();
    store.dispatch({ type: 'setReentry', policy: 'after_days', days });
    const errors = errorsOf(store);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((d) => d.code === 'SCHEMA' && mentionsPath(d.path ?? '', 'reentry'))).toBe(true);
  });

  it('sets and clears per-call-class first messages', () => {
    const store = fresh();
    const text = 'Hi {{callerFirstName|there}}, {{businessName}} got your call. Reply here or call {{callbackNumber}}. Reply STOP to opt out.';
    store.dispatch({ type: 'setFirstMessage', callClass: 'abandoned', text });
    expect(exported(store).trigger.firstMessage).toEqual({ ...fourTouch.trigger.firstMessage, abandoned: text });
    expect(validateSequence(exported(store))).toEqual([]);
    store.dispatch({ type: 'setFirstMessage', callClass: 'abandoned', text: '  ' });
    store.dispatch({ type: 'setFirstMessage', callClass: 'voicemail', text: '' });
    expect('firstMessage' in exported(store).trigger).toBe(false);
    expect(validateSequence(exported(store))).toEqual([]);
  });

  it('lints a first message like the first SMS it replaces', () => {
    const store = fresh();
    store.dispatch({ type: 'setFirstMessage', callClass: 'voicemail', text: 'Thanks for your voicemail to {{businessName}}, reply here.' });
    const optOut = errorsOf(store).filter((d) => d.code === 'FIRST_SMS_NO_OPTOUT');
    expect(optOut).toHaveLength(1);
    expect(mentionsPath(optOut[0]!.path ?? '', 'trigger.firstMessage.voicemail')).toBe(true);
    expect(mentionsPath(optOut[0]!.path ?? '', 'trigger.firstMessage.missed')).toBe(false);
    expect(optOut[0]!.message).toMatch(/^The first message for voicemail calls \(it replaces Step 1 "Instant text-back"\) is a first SMS, so it must say how to opt out/);
  });

  it('autosaves business edits', () => {
    const data = new Map<string, string>();
    const storage: KeyValueStorage = { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
    const store = createDesignerStore(templateToGraph(fourTouch), { storage, autosaveDelayMs: 0 });
    store.dispatch({ type: 'setReentry', policy: 'after_days', days: 7 });
    store.dispatch({ type: 'setDayHours', day: 'sun', ranges: ['10:00-12:00'] });
    const saved = loadAutosave(storage, AUTOSAVE_KEY);
    expect(saved?.meta.reentry).toEqual({ policy: 'after_days', days: 7 });
    expect(saved?.meta.business.openingHours.sun).toEqual(['10:00-12:00']);
  });

  it('matches diagnostics to a path without matching a sibling index', () => {
    expect(mentionsPath('business.departments[1].numbers[0]', 'business.departments[1]')).toBe(true);
    expect(mentionsPath('business.departments[10].name', 'business.departments[1]')).toBe(false);
    expect(mentionsPath('reentry.days', 'reentry')).toBe(true);
    expect(mentionsPath('trigger.firstMessage.voicemail', 'trigger.firstMessage.voicemail')).toBe(true);
    expect(mentionsPath('x.reentry', 'reentry')).toBe(false);
  });
});
