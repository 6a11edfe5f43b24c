import { describe, expect, it } from 'vitest';
import { fourTouch } from '../../shared/templates';
import { parseSequenceTemplate, type Department } from '../../shared/schema';
import { nextOpeningText } from '../../shared/hours';
import { formatCalledAt } from '../../shared/template';
import { templateToGraph } from '../../designer/src/graph/templateToGraph';
import { graphToTemplate } from '../../designer/src/graph/graphToTemplate';
import { callerZones, sampleCaller } from '../../designer/src/lib/samples';
import { sampleValues } from '../../designer/src/lib/sampleValues';
import { neededLanguages, translationLanguages } from '../../designer/src/lib/translationLanguages';
import { createDesignerStore } from '../../designer/src/store';
import type { TemplateMeta } from '../../designer/src/graph/types';

const fresh = () => createDesignerStore(templateToGraph(fourTouch));
const exported = (s: ReturnType<typeof createDesignerStore>) => graphToTemplate(s.getState().doc);
const withDepartments = (departments: Department[]): TemplateMeta => ({ ...templateToGraph(fourTouch).meta, business: { ...fourTouch.business, departments } });

describe('designer store: first texts in other languages', () => {
  it('sets a Spanish first text per call class in one undo step per field, exports it and removes it when blanked', () => {
    const store = fresh();
    for (const text of ['Gracias', 'Gracias por su mensaje a {{businessName}}. Responda STOP para darse de baja.']) {
      store.dispatch({ type: 'setFirstMessage', callClass: 'voicemail', language: 'es', text, coalesceKey: 'first:es:voicemail' });
    }
    const t = exported(store);
    expect(t.trigger.firstMessageTranslations).toEqual({ es: { voicemail: 'Gracias por su mensaje a {{businessName}}. Responda STOP para darse de baja.' } });
    // the English first texts are left as they were
    expect(t.trigger.firstMessage).toEqual(fourTouch.trigger.firstMessage);
    expect(parseSequenceTemplate(JSON.parse(JSON.stringify(t))).success).toBe(true);
    expect(store.getState().past).toHaveLength(1);

    store.dispatch({ type: 'setFirstMessage', callClass: 'missed', language: 'fr', text: 'Bonjour de {{businessName}}.' });
    store.dispatch({ type: 'setFirstMessage', callClass: 'voicemail', language: 'es', text: ' ' });
    expect(exported(store).trigger.firstMessageTranslations).toEqual({ fr: { missed: 'Bonjour de {{businessName}}.' } });
    store.dispatch({ type: 'setFirstMessage', callClass: 'missed', language: 'fr', text: '' });
    expect('firstMessageTranslations' in exported(store).trigger).toBe(false);

    store.dispatch({ type: 'undo' });
    store.dispatch({ type: 'undo' });
    expect(exported(store).trigger.firstMessageTranslations?.es?.voicemail).toMatch(/^Gracias por su mensaje/);
  });
});

describe('designer: languages to translate into', () => {
  it('needs the languages departments give their callers, not the one the texts are written in', () => {
    const meta = withDepartments([
      { id: 'a', name: 'Ventas', queue: 'a', language: 'es' },
      { id: 'b', name: 'Service', queue: 'b' },
      { id: 'c', name: 'Anglais', queue: 'c', language: 'en' },
    ]);
    expect(neededLanguages(meta)).toEqual(['es']);
    expect(neededLanguages({ ...meta, language: 'es' })).toEqual(['en']);
    // a translation already written is shown too (even one into the texts' own language), in a fixed order
    expect(translationLanguages(meta, ['fr'])).toEqual(['es', 'fr']);
    expect(translationLanguages({ ...meta, language: 'es' }, ['es'], ['fr'])).toEqual(['en', 'es', 'fr']);
  });
});

describe('designer preview values in another language', () => {
  it('words {{nextOpening}} and {{calledAt}} in the language asked for and names a department of its callers', () => {
    const meta = withDepartments([
      { id: 'service', name: 'Service', queue: 's' },
      { id: 'ventas', name: 'Ventas', queue: 'v', language: 'es' },
    ]);
    const miami = sampleCaller('miami');
    const call = Date.parse('2026-12-01T20:45:00-05:00');
    const es = sampleValues(meta, miami, call, call, 'es');
    expect(es.nextOpening).toBe(nextOpeningText(meta.business, call, callerZones(miami), 'es'));
    expect(es.nextOpening).not.toBe(sampleValues(meta, miami, call).nextOpening);
    expect(es.calledAt).toBe(formatCalledAt(call, meta.business.timeZone, callerZones(miami), 'es'));
    expect(es.department).toBe('Ventas');
    expect(sampleValues(meta, miami, call).department).toBe('Service');
    // a template written in Spanish previews its own texts in Spanish
    expect(sampleValues({ ...meta, language: 'es' }, miami, call).nextOpening).toBe(es.nextOpening);
  });
});
