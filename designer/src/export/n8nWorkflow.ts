import type { SequenceTemplate } from '../../../shared/schema';
import { templateToJson } from './templateFile';

export const PACKAGE = 'n8n-nodes-missed-call';
export const N8N_NODE_TYPES = {
  trigger: `${PACKAGE}.missedCallTrigger`,
  scheduler: `${PACKAGE}.sequenceScheduler`,
  consentGate: `${PACKAGE}.consentGate`,
  sender: `${PACKAGE}.followUpSender`,
  exit: `${PACKAGE}.sequenceExit`,
  crmFlag: `${PACKAGE}.crmFlag`,
} as const;

export interface N8nNode {
  id: string;
  name: string;
  type: string;
  typeVersion: number;
  position: [number, number];
  parameters: Record<string, unknown>;
  notes?: string;
}
export interface N8nConnection {
  node: string;
  type: 'main';
  index: number;
}
export interface N8nWorkflow {
  name: string;
  nodes: N8nNode[];
  /** source node name → per output index, the nodes it feeds */
  connections: Record<string, { main: N8nConnection[][] }>;
  settings: { executionOrder: 'v1' };
  pinData: Record<string, never>;
  meta: { templateId: string; templateSchemaVersion: number; generatedBy: string };
}

/** Node names in the exported workflow (names are n8n's connection keys). */
export const N8N_NODE_NAMES = {
  trigger: 'Missed Call Trigger',
  scheduler: 'Sequence Scheduler',
  gateNow: 'Consent Gate (first touch)',
  gateDue: 'Consent Gate (due touches)',
  senderNow: 'Follow-up Sender (first touch)',
  senderDue: 'Follow-up Sender',
  crmCallback: 'CRM Flag (callback task)',
  exit: 'Sequence Exit',
  crmExit: 'CRM Flag (exit)',
} as const;

/** A deterministic n8n-style node id from the workflow's template id and the node key. */
function nodeId(templateId: string, key: string): string {
  const hash = (seed: number) => {
    let h = seed;
    for (const c of `${templateId}:${key}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
    return h.toString(16).padStart(8, '0');
  };
  const hex = hash(2166136261) + hash(374761393) + hash(668265263) + hash(2246822519);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * An importable n8n workflow that runs `template` with the pack's nodes:
 * trigger → consent gate → sender for the first touch; scheduler → consent gate → sender (consumer
 * touches) or CRM flag (callback tasks) for later ones; inbound replies → sequence exit → CRM flag.
 * The template is embedded as JSON text in the trigger's `template` parameter (the other nodes take
 * it from the ledger enrollment).
 *
 * @example
 * const wf = templateToN8nWorkflow(fourTouch);
 * JSON.parse(wf.nodes[0].parameters.template as string).id // 'four-touch'
 */
export function templateToN8nWorkflow(template: SequenceTemplate): N8nWorkflow {
  const N = N8N_NODE_NAMES;
  const T = N8N_NODE_TYPES;
  const node = (key: keyof typeof N, type: string, position: [number, number], parameters: Record<string, unknown> = {}, notes?: string): N8nNode => ({
    id: nodeId(template.id, key),
    name: N[key],
    type,
    typeVersion: 1,
    position,
    parameters,
    ...(notes ? { notes } : {}),
  });
  const nodes: N8nNode[] = [
    node('trigger', T.trigger, [0, 0], { template: templateToJson(template).trimEnd() }, 'Enrolls each missed call in the embedded sequence template.'),
    node('gateNow', T.consentGate, [260, 0]),
    node('senderNow', T.sender, [520, 0]),
    node('scheduler', T.scheduler, [0, 240], { templateId: template.id }, 'Polls the ledger for due touches.'),
    node('gateDue', T.consentGate, [260, 240]),
    node('senderDue', T.sender, [520, 180]),
    node('crmCallback', T.crmFlag, [520, 320], { action: 'callbackTask' }),
    node('exit', T.exit, [0, 480], { templateId: template.id }, 'Feed inbound SMS / email replies and CRM status changes here.'),
    node('crmExit', T.crmFlag, [260, 480], { action: 'updateStatus' }),
  ];
  const to = (name: string): N8nConnection => ({ node: name, type: 'main', index: 0 });
  const connections: N8nWorkflow['connections'] = {
    [N.trigger]: { main: [[to(N.gateNow)]] },
    [N.gateNow]: { main: [[to(N.senderNow)]] },
    [N.scheduler]: { main: [[to(N.gateDue)]] },
    [N.gateDue]: { main: [[to(N.senderDue), to(N.crmCallback)]] },
    [N.exit]: { main: [[to(N.crmExit)]] },
  };
  return {
    name: `Missed-call follow-up: ${template.name}`,
    nodes,
    connections,
    settings: { executionOrder: 'v1' },
    pinData: {},
    meta: { templateId: template.id, templateSchemaVersion: template.schemaVersion, generatedBy: 'missed-call sequence designer' },
  };
}

export function n8nWorkflowFileName(template: Pick<SequenceTemplate, 'id'>): string {
  return `${template.id.replace(/[^A-Za-z0-9_-]/g, '-') || 'sequence'}.n8n-workflow.json`;
}

/** The raw template a workflow embeds (the first trigger's `template` parameter), or null. */
export function templateFromN8nWorkflow(workflow: unknown): unknown | null {
  const nodes = (workflow as { nodes?: unknown } | null)?.nodes;
  if (!Array.isArray(nodes)) return null;
  const trigger = nodes.find((n) => (n as { type?: unknown })?.type === N8N_NODE_TYPES.trigger) as N8nNode | undefined;
  const raw = trigger?.parameters?.template;
  if (typeof raw === 'string') {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      return null;
    }
  }
  return raw !== null && typeof raw === 'object' ? raw : null;
}
