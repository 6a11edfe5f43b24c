/**
 * The designer's n8n export against the BUILT node pack (dist/, `bash scripts/run.sh node scripts/build.mjs`):
 * node types, parameter names and values, output indexes and credentials must be what the real nodes
 * read, so an imported workflow runs without hand repair.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  NodeHelpers,
  Workflow,
  type INode,
  type INodeProperties,
  type INodePropertyCollection,
  type INodePropertyOptions,
  type INodeTypeDescription,
} from 'n8n-workflow';
import { loadTemplate } from '../../nodes/shared/triggerPipeline/loadTemplate';
import { fourTouch, STARTER_TEMPLATES } from '../../shared/templates';
import {
  EXPORT_PHONE_SYSTEMS,
  N8N_NODE_NAMES,
  N8N_OUTPUTS,
  PACKAGE,
  TEXTING_PHONE_SYSTEMS,
  templateFromN8nWorkflow,
  templateToN8nWorkflow,
  type ExportPhoneSystem,
  type N8nNode,
  type N8nWorkflow,
} from '../../designer/src/export';
import { DELIVERY_OUTPUTS } from '../../nodes/SequenceExit/description';
import { loadHarness, type Harness } from '../nodes/harness';

let h: Harness;
beforeAll(async () => {
  h = await loadHarness();
});

/** every starter for Twilio, and the four-touch starter for each other phone system */
const starters = [
  ...STARTER_TEMPLATES.map((t) => [t.id, t, 'twilio'] as const),
  ...EXPORT_PHONE_SYSTEMS.filter((p) => p !== 'twilio').map((p) => [`${fourTouch.id} for ${p}`, fourTouch, p] as const),
] as const satisfies readonly (readonly [string, typeof fourTouch, ExportPhoneSystem])[];
const isPack = (n: N8nNode) => n.type.startsWith(`${PACKAGE}.`);
const isExpression = (v: unknown) => typeof v === 'string' && v.startsWith('=');
const describeNode = (n: N8nNode): INodeTypeDescription => h.nodeTypes.getByNameAndVersion(n.type, n.typeVersion).description;

/** Problems of `values` against `properties` (recursing into collections), as readable strings. */
function parameterProblems(values: Record<string, unknown>, properties: INodeProperties[], at: string, shown?: (p: INodeProperties) => boolean): string[] {
  const out: string[] = [];
  for (const [name, value] of Object.entries(values)) {
    const path = `${at}.${name}`;
    const candidates = properties.filter((p) => p.name === name);
    if (candidates.length === 0) {
      out.push(`${path}: no such parameter`);
      continue;
    }
    const visible = shown ? candidates.filter(shown) : candidates;
    if (visible.length === 0) {
      out.push(`${path}: hidden for these settings (the node never reads it)`);
      continue;
    }
    const p = visible[0]!;
    if (p.type === 'notice') out.push(`${path}: a notice takes no value`);
    if (isExpression(value)) continue;
    const allowed = () => ((p.options ?? []) as INodePropertyOptions[]).map((o) => o.value);
    switch (p.type) {
      case 'options':
        if (!allowed().includes(value as string)) out.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(allowed())}`);
        break;
      case 'multiOptions':
        if (!Array.isArray(value)) out.push(`${path}: not a list`);
        else for (const v of value) if (!allowed().includes(v)) out.push(`${path}: ${JSON.stringify(v)} is not one of ${JSON.stringify(allowed())}`);
        break;
      case 'collection':
        if (typeof value !== 'object' || value === null) out.push(`${path}: not an object`);
        else out.push(...parameterProblems(value as Record<string, unknown>, p.options as INodeProperties[], path));
        break;
      case 'fixedCollection': {
        const groups = p.options as INodePropertyCollection[];
        for (const [group, entries] of Object.entries((value ?? {}) as Record<string, unknown>)) {
          const g = groups.find((x) => x.name === group);
          if (!g) {
            out.push(`${path}.${group}: no such group`);
            continue;
          }
          const list = Array.isArray(entries) ? entries : [entries];
          if (Array.isArray(entries) !== (p.typeOptions?.multipleValues === true)) out.push(`${path}.${group}: list-ness does not match multipleValues`);
          list.forEach((e, i) => out.push(...parameterProblems(e as Record<string, unknown>, g.values, `${path}.${group}[${i}]`)));
        }
        break;
      }
      case 'json':
        if (typeof value !== 'string') out.push(`${path}: JSON parameters are stored as text`);
        else
          try {
            JSON.parse(value);
          } catch {
            out.push(`${path}: not valid JSON`);
          }
        break;
      case 'number':
        if (typeof value !== 'number') out.push(`${path}: not a number`);
        break;
      case 'boolean':
        if (typeof value !== 'boolean') out.push(`${path}: not a boolean`);
        break;
      case 'string':
      case 'dateTime':
        if (typeof value !== 'string') out.push(`${path}: not text`);
        break;
    }
  }
  return out;
}

/** A Workflow of the exported pack nodes, for n8n's own output evaluation (Sequence Exit's expression). */
function packWorkflow(wf: N8nWorkflow): Workflow {
  return new Workflow({
    nodes: wf.nodes.filter(isPack) as unknown as INode[],
    connections: {},
    active: false,
    nodeTypes: h.nodeTypes,
  });
}

/** Output names of a pack node as n8n computes them for its parameters. */
function outputNames(workflow: Workflow, n: N8nNode): string[] {
  const node = workflow.getNode(n.name)!;
  const outs = NodeHelpers.getNodeOutputs(workflow, node, describeNode(n));
  const names = describeNode(n).outputNames;
  return outs.map((o, i) => (typeof o === 'string' ? (names?.[i] ?? `output ${i}`) : (o.displayName ?? names?.[i] ?? `output ${i}`)));
}

describe.each(starters)('the n8n export of %s against the built nodes', (_id, template, phoneSystem) => {
  const wf = templateToN8nWorkflow(template, { phoneSystem });
  const pack = wf.nodes.filter(isPack);
  const byName = new Map(wf.nodes.map((n) => [n.name, n]));

  it('uses only node types and versions the package has', () => {
    expect(pack.length).toBeGreaterThan(0);
    for (const n of pack) {
      expect(Object.keys(h.loader.known.nodes)).toContain(n.type.slice(PACKAGE.length + 1));
      const version = describeNode(n).version;
      expect(Array.isArray(version) ? version : [version]).toContain(n.typeVersion);
    }
  });

  it('sets only parameters the nodes have and shows for the chosen settings, with allowed option values', () => {
    const problems = pack.flatMap((n) => {
      const d = describeNode(n);
      const node = { ...n, parameters: NodeHelpers.getNodeParameters(d.properties, n.parameters as never, true, false, n as never, d) } as unknown as INode;
      const shown = (p: INodeProperties) => NodeHelpers.displayParameter(node.parameters, p, node, d);
      return parameterProblems(n.parameters, d.properties, n.name, shown);
    });
    expect(problems).toEqual([]);
  });

  it('wires every connection from an output the source node has, into a node that takes input', () => {
    const workflow = packWorkflow(wf);
    const problems: string[] = [];
    for (const [source, { main }] of Object.entries(wf.connections)) {
      const from = byName.get(source);
      if (!from) {
        problems.push(`${source}: no such node`);
        continue;
      }
      const count = isPack(from) ? outputNames(workflow, from).length : 1;
      main.forEach((targets, index) => {
        if (targets.length > 0 && index >= count) problems.push(`${source} output ${index}: the node has ${count} output(s)`);
        for (const t of targets) {
          const to = byName.get(t.node);
          if (!to) problems.push(`${source} → ${t.node}: no such node`);
          else if (isPack(to) && (describeNode(to).inputs as unknown[]).length <= t.index) problems.push(`${source} → ${t.node}: no input ${t.index}`);
        }
      });
    }
    expect(problems).toEqual([]);
  });

  it('connects the outputs that carry work: Enrolled, Send, Re-engaged and the scheduler’s touches', () => {
    const workflow = packWorkflow(wf);
    const used = Object.entries(wf.connections).flatMap(([source, { main }]) => {
      const from = byName.get(source)!;
      if (!isPack(from)) return [];
      const names = outputNames(workflow, from);
      const nameOf = (n: N8nNode) => (isPack(n) ? describeNode(n).name : n.type);
      return main.flatMap((targets, i) => targets.map((t) => `${describeNode(from).name}:${names[i]} → ${nameOf(byName.get(t.node)!)}`));
    });
    expect(new Set(used)).toEqual(
      new Set([
        'missedCallTrigger:Enrolled → consentGate',
        'consentGate:Send → followUpSender',
        'sequenceScheduler:output 0 → consentGate',
        'consentGate:Send → crmFlag',
        'sequenceExit:Re-engaged → crmFlag',
        // inbound texts and status callbacks: Twilio's signature checked by the trigger
        'missedCallSmsTrigger:output 0 → sequenceExit',
        // the outcome webhook's answer: the verdict (Exit, Continue) or why nothing was ended (Error)
        'sequenceExit:Exit → n8n-nodes-base.respondToWebhook',
        'sequenceExit:Continue → n8n-nodes-base.respondToWebhook',
        'sequenceExit:Error → n8n-nodes-base.respondToWebhook',
        // texts to the phone system's numbers
        ...(TEXTING_PHONE_SYSTEMS.includes(phoneSystem) ? ['missedCallTrigger:Message → sequenceExit'] : []),
      ]),
    );
  });

  it('feeds the outcome webhook into Sequence Exit in Check mode: outputs Exit and Continue (and n8n\'s Error), booked / CRM status parameters shown', () => {
    const check = byName.get(N8N_NODE_NAMES.exitOutcome)!;
    const names = outputNames(packWorkflow(wf), check);
    expect(names).toEqual(['Exit', 'Continue', 'Error']);
    expect([names[N8N_OUTPUTS.checkExit], names[N8N_OUTPUTS.checkContinue], names[N8N_OUTPUTS.checkError]]).toEqual(['Exit', 'Continue', 'Error']);
    const d = describeNode(check);
    const params = NodeHelpers.getNodeParameters(d.properties, check.parameters as never, true, false, check as never, d)!;
    const shown = d.properties.filter((p) => NodeHelpers.displayParameter(params, p, check as unknown as INode, d)).map((p) => p.name);
    expect(shown).toEqual(expect.arrayContaining(['phone', 'booked', 'crmStatus']));
    expect(byName.get(N8N_NODE_NAMES.outcome)!.type).toBe('n8n-nodes-base.webhook');
  });

  it('records Twilio status callbacks with Sequence Exit in Delivery mode: outputs Delivered, Undelivered and Other, left unconnected', () => {
    const delivery = byName.get(N8N_NODE_NAMES.exitDelivery)!;
    expect(outputNames(packWorkflow(wf), delivery)).toEqual([...DELIVERY_OUTPUTS]);
    expect(wf.connections[N8N_NODE_NAMES.exitDelivery]).toBeUndefined();
    expect(byName.get(N8N_NODE_NAMES.deliveryStatus)!.type).toBe(`${PACKAGE}.missedCallSmsTrigger`);
    expect(wf.connections[N8N_NODE_NAMES.deliveryStatus]!.main[N8N_OUTPUTS.webhook]).toEqual([{ node: delivery.name, type: 'main', index: 0 }]);
  });

  it('embeds the template so the trigger loads it and the designer imports it back', async () => {
    const triggers = pack.filter((n) => n.type === `${PACKAGE}.missedCallTrigger`);
    expect(triggers).toHaveLength(1);
    const p = triggers[0]!.parameters;
    expect(p.templateSource ?? 'json').toBe('json');
    const loaded = await loadTemplate({ kind: 'json', text: p.templateJson as string }, async () => null, (s) => s);
    expect(loaded).toMatchObject({ ok: true, template });
    expect(templateFromN8nWorkflow(JSON.parse(JSON.stringify(wf)))).toEqual(template);
  });

  it('names in each node’s notes every credential and every required setting left for the user', () => {
    const missing: string[] = [];
    for (const n of pack) {
      const d = describeNode(n);
      const params = NodeHelpers.getNodeParameters(d.properties, n.parameters as never, true, false, n as never, d)!;
      const node = { ...n, parameters: params } as unknown as INode;
      for (const c of d.credentials ?? []) {
        if (c.displayOptions && !NodeHelpers.displayParameter(params, c as never, node, d)) continue;
        const label = h.loader.credentialTypes[c.name]!.type.displayName;
        if (!n.notes?.includes(label)) missing.push(`${n.name}: credential “${label}”`);
      }
      const issues = NodeHelpers.getNodeParametersIssues(d.properties, node, d)?.parameters ?? {};
      for (const name of Object.keys(issues)) {
        const label = d.properties.find((x) => x.name === name)?.displayName ?? name;
        if (!n.notes?.includes(label)) missing.push(`${n.name}: parameter “${label}”`);
      }
    }
    expect(missing).toEqual([]);
  });
});
