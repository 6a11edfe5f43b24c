import { describe, expect, it } from 'vitest';
import { STARTER_TEMPLATES } from '../../shared/templates';
import { parseSequenceTemplate } from '../../shared/schema';
import { templateToGraph } from '../../designer/src/graph/templateToGraph';
import { chainOrder, graphToTemplate } from '../../designer/src/graph/graphToTemplate';
import { START_ID, isExitNode, isStepNode } from '../../designer/src/graph/types';
import { reduce, initialState } from '../../designer/src/store/reducer';

const starters = STARTER_TEMPLATES.map((t) => [t.id, t] as const);

describe('graph ↔ template', () => {
  it.each(starters)('gives back the same template after a round trip of %s', (_id, template) => {
    expect(graphToTemplate(templateToGraph(template))).toEqual(template);
  });

  it.each(starters)('keeps %s valid after a round trip through JSON text', (_id, template) => {
    const json = JSON.parse(JSON.stringify(graphToTemplate(templateToGraph(template))));
    const parsed = parseSequenceTemplate(json);
    expect(parsed.success && parsed.data).toEqual(template);
  });

  it.each(starters)('draws one node per step of %s, chained from the start in template order', (_id, template) => {
    const doc = templateToGraph(template);
    expect(chainOrder(doc).ordered.map((n) => n.id)).toEqual(template.steps.map((s) => s.id));
    expect(doc.edges.filter((e) => e.source === START_ID && e.data?.role === 'chain')).toHaveLength(1);
  });

  it.each(starters)('draws an exit branch for each exit rule of %s', (_id, template) => {
    const kinds = templateToGraph(template).nodes.filter(isExitNode).map((n) => n.data.kind);
    expect(kinds.includes('reply')).toBe(template.exit.onReply);
    expect(kinds.includes('booked')).toBe(template.exit.onBooked);
    expect(kinds.includes('crm_status')).toBe(template.exit.crmStatuses.length > 0);
    expect(kinds).toContain('opt_out');
  });

  it.each(starters)('lays out %s without overlapping cards', (_id, template) => {
    const nodes = templateToGraph(template).nodes;
    const keys = new Set(nodes.map((n) => `${n.position.x},${n.position.y}`));
    expect(keys.size).toBe(nodes.length);
  });

  it('reorders steps when the chain is rewired, and appends floating steps last', () => {
    const [template] = STARTER_TEMPLATES;
    const [a, b, c] = template!.steps.map((s) => s.id);
    let s = initialState(templateToGraph(template!));
    s = reduce(s, { type: 'connect', source: START_ID, target: b! }); // start → b; a now floating
    const out = graphToTemplate(s.doc);
    expect(out.steps[0]!.id).toBe(b);
    expect(out.steps[1]!.id).toBe(c);
    expect(chainOrder(s.doc).floating.map((n) => n.id)).toEqual([a]);
  });

  it('turns an exit rule off when its branch node is deleted, but never the opt-out', () => {
    const template = STARTER_TEMPLATES.find((t) => t.exit.onReply)!;
    let s = initialState(templateToGraph(template));
    s = reduce(s, { type: 'select', ids: ['exit-reply', 'exit-opt_out'] });
    s = reduce(s, { type: 'deleteSelected' });
    const out = graphToTemplate(s.doc);
    expect(out.exit.onReply).toBe(false);
    expect(out.exit.onOptOut).toBe(true);
    expect(s.doc.nodes.some((n) => n.id === 'exit-opt_out')).toBe(true);
  });

  it('heals the chain when a middle step is deleted', () => {
    const template = STARTER_TEMPLATES[0]!;
    const ids = template.steps.map((x) => x.id);
    let s = initialState(templateToGraph(template));
    s = reduce(s, { type: 'select', ids: [ids[1]!] });
    s = reduce(s, { type: 'deleteSelected' });
    expect(chainOrder(s.doc).ordered.map((n) => n.id)).toEqual(ids.filter((_, i) => i !== 1));
    expect(s.doc.nodes.filter(isStepNode)).toHaveLength(ids.length - 1);
  });
});
