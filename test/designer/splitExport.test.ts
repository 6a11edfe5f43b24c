import { describe, expect, it } from 'vitest';
import type { SequenceTemplate } from '../../shared/schema';
import { STARTER_TEMPLATES, fourTouch } from '../../shared/templates';
import {
  PHONE_SYSTEM_TEXT_NODES,
  N8N_NODE_NAMES,
  N8N_NODE_TYPES,
  N8N_RESPOND_TYPE,
  N8N_WEBHOOK_TYPE,
  N8N_WORKFLOW_PARTS,
  n8nWorkflowFileName,
  splitN8nWorkflow,
  templateFromN8nWorkflow,
  templateToN8nWorkflow,
  templateToN8nWorkflows,
  type N8nWorkflowPart,
} from '../../designer/src/export';

/** The starters (all with a booked and a CRM-status exit) and fourTouch without the one or both. */
const starters: [string, SequenceTemplate][] = [
  ...STARTER_TEMPLATES.map((t): [string, SequenceTemplate] => [t.id, t]),
  ['four-touch, no outcome exits', { ...fourTouch, id: 'no-outcome', exit: { ...fourTouch.exit, onBooked: false, crmStatuses: [] } }],
  ['four-touch, CRM statuses only', { ...fourTouch, id: 'crm-only', exit: { ...fourTouch.exit, onBooked: false } }],
];
const PARTS = Object.keys(N8N_WORKFLOW_PARTS) as N8nWorkflowPart[];
/** whether the replies get the outcome webhook: the template ends on a booking or on CRM statuses */
const hasOutcomeExits = (t: SequenceTemplate) => t.exit.onBooked || t.exit.crmStatuses.length > 0;
/** Every wire of a workflow as 'from → output → to', one string each. */
const wires = (connections: Record<string, { main: { node: string; type: string; index: number }[][] }>) =>
  Object.entries(connections).flatMap(([from, { main }]) => main.flatMap((out, i) => out.map((c) => `${from} → ${i} → ${c.node} (${c.type} ${c.index})`)));

describe('n8n export in three workflows', () => {
  it('has exactly the three parts, first touch first (the order the designer downloads them)', () => {
    expect(PARTS).toEqual(['firstTouch', 'sequence', 'replies']);
  });

  it.each(starters)('splits %s into the single export’s nodes and connections, nothing lost, nothing added', (_id, template) => {
    const single = templateToN8nWorkflow(template);
    const parts = templateToN8nWorkflows(template);
    expect(Object.keys(parts)).toEqual(PARTS);
    const nodes = PARTS.flatMap((p) => parts[p].nodes);
    // the same nodes (position aside), each in exactly one part
    const withoutPosition = ({ position: _p, ...rest }: (typeof nodes)[number]) => rest;
    expect(nodes.map(withoutPosition).sort((a, b) => a.id.localeCompare(b.id))).toEqual(single.nodes.map(withoutPosition).sort((a, b) => a.id.localeCompare(b.id)));
    // the same wires, output indexes included
    expect(PARTS.flatMap((p) => wires(parts[p].connections)).sort()).toEqual(wires(single.connections).sort());
    expect(Object.assign({}, ...PARTS.map((p) => parts[p].connections))).toEqual(single.connections);
  });

  it.each(starters)('keeps each part of %s to its own nodes, wired inside the part', (_id, template) => {
    const parts = templateToN8nWorkflows(template);
    for (const p of PARTS) {
      const names = parts[p].nodes.map((n) => n.name);
      // the outcome entry only when the template has an outcome exit; the phone system's texts only for one that reports them (not Twilio)
      const keys = N8N_WORKFLOW_PARTS[p].filter((k) => (hasOutcomeExits(template) || !['outcome', 'exitOutcome', 'answerOutcome'].includes(k)) && !(PHONE_SYSTEM_TEXT_NODES as readonly string[]).includes(k));
      expect(new Set(names)).toEqual(new Set(keys.map((k) => N8N_NODE_NAMES[k])));
      for (const [from, { main }] of Object.entries(parts[p].connections)) {
        expect(names).toContain(from);
        for (const c of main.flat()) expect(names).toContain(c.node);
      }
      // no node is left unwired in its part
      const touched = new Set([...Object.keys(parts[p].connections), ...Object.values(parts[p].connections).flatMap((c) => c.main.flat().map((x) => x.node))]);
      expect(names.filter((n) => !touched.has(n))).toEqual([]);
    }
  });

  it('keeps the phone system\'s texts in the first-touch part, wired inside it', () => {
    const parts = templateToN8nWorkflows(fourTouch, { phoneSystem: 'zoom' });
    const names = parts.firstTouch.nodes.map((n) => n.name);
    expect(new Set(names)).toEqual(new Set(N8N_WORKFLOW_PARTS.firstTouch.map((k) => N8N_NODE_NAMES[k])));
    for (const c of Object.values(parts.firstTouch.connections).flatMap((x) => x.main.flat())) expect(names).toContain(c.node);
  });

  it.each(starters)('puts the trigger with %s embedded in the first touch, the scheduler in the later touches and the webhook in the replies', (_id, template) => {
    const { firstTouch, sequence, replies } = templateToN8nWorkflows(template);
    const types = (w: typeof firstTouch) => w.nodes.map((n) => n.type);
    expect(types(firstTouch)).toEqual([N8N_NODE_TYPES.trigger, N8N_NODE_TYPES.consentGate, N8N_NODE_TYPES.sender]);
    expect(types(sequence)).toContain(N8N_NODE_TYPES.scheduler);
    expect(types(sequence)).not.toContain(N8N_NODE_TYPES.trigger);
    const outcome = hasOutcomeExits(template) ? [N8N_WEBHOOK_TYPE, N8N_NODE_TYPES.exit, N8N_RESPOND_TYPE] : [];
    // the delivery entry (Twilio status callbacks) after the rest
    expect(types(replies)).toEqual([N8N_NODE_TYPES.smsTrigger, N8N_NODE_TYPES.exit, N8N_NODE_TYPES.crmFlag, ...outcome, N8N_NODE_TYPES.smsTrigger, N8N_NODE_TYPES.exit]);
    expect(replies.nodes.map((n) => n.name)).toContain(N8N_NODE_NAMES.deliveryStatus);
    expect(replies.connections[N8N_NODE_NAMES.deliveryStatus]!.main[0]!.map((c) => c.node)).toEqual([N8N_NODE_NAMES.exitDelivery]);
    expect(templateFromN8nWorkflow(JSON.parse(JSON.stringify(firstTouch)))).toEqual(template);
    expect(templateFromN8nWorkflow(sequence)).toBeNull();
    expect(templateFromN8nWorkflow(replies)).toBeNull();
  });

  it.each(starters)('names each part of %s after the workflow and the part, moves it to the top and keeps the settings', (_id, template) => {
    const single = templateToN8nWorkflow(template);
    const parts = templateToN8nWorkflows(template);
    const titles = { firstTouch: 'first touch', sequence: 'later touches', replies: 'replies' };
    for (const p of PARTS) {
      expect(parts[p].name).toBe(`${single.name} (${titles[p]})`);
      expect(Math.min(...parts[p].nodes.map((n) => n.position[1]))).toBe(0);
      // x stays, y moves by the same amount for every node of the part
      const shifts = new Set(parts[p].nodes.map((n) => {
        const original = single.nodes.find((o) => o.id === n.id)!;
        expect(n.position[0]).toBe(original.position[0]);
        return original.position[1] - n.position[1];
      }));
      expect(shifts.size).toBe(1);
      expect(parts[p].settings).toEqual(single.settings);
      expect(parts[p].meta).toEqual(single.meta);
      expect(parts[p].pinData).toEqual({});
    }
  });

  it('does not change the workflow it splits', () => {
    const single = templateToN8nWorkflow(fourTouch);
    const before = JSON.parse(JSON.stringify(single));
    splitN8nWorkflow(single);
    expect(single).toEqual(before);
  });

  it('refuses to split a workflow with a node the export does not make', () => {
    const single = templateToN8nWorkflow(fourTouch);
    const extra = { ...single.nodes[0]!, id: 'x', name: 'My Slack Node', type: 'n8n-nodes-base.slack' };
    expect(() => splitN8nWorkflow({ ...single, nodes: [...single.nodes, extra] })).toThrow(/My Slack Node/);
  });

  it('refuses to split a workflow wired across two parts', () => {
    const single = templateToN8nWorkflow(fourTouch);
    const N = N8N_NODE_NAMES;
    const crossed = { ...single.connections, [N.senderNow]: { main: [[{ node: N.crmCallback, type: 'main' as const, index: 0 }]] } };
    expect(() => splitN8nWorkflow({ ...single, connections: crossed })).toThrow(/another part/);
  });

  it('names the files after the template id and the part', () => {
    expect(n8nWorkflowFileName(fourTouch)).toBe('four-touch.n8n-workflow.json');
    expect(PARTS.map((p) => n8nWorkflowFileName(fourTouch, p))).toEqual([
      'four-touch.firstTouch.n8n-workflow.json',
      'four-touch.sequence.n8n-workflow.json',
      'four-touch.replies.n8n-workflow.json',
    ]);
    expect(n8nWorkflowFileName({ id: 'a b/c' }, 'replies')).toBe('a-b-c.replies.n8n-workflow.json');
  });
});
