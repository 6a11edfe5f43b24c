/**
 * Fingerprints of the product's workflows. `npm start` keeps two per workflow it published: the
 * pack's version (packHash of what it sent) and n8n's copy right after publishing (workflowHash of
 * what the public API returned). A later start then tells "the user edited it" (n8n's copy changed)
 * from "this pack makes it differently now" (the pack's version changed).
 */
import { createHash } from 'node:crypto';

export interface WorkflowBody {
  name: string;
  nodes: { name: string; type?: string; parameters?: Record<string, unknown> }[];
  connections: unknown;
  settings?: unknown;
}

/** JSON with sorted object keys (undefined dropped), so equal workflows hash equal whatever their key order. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : canonical(x))).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Hash of a workflow's name, nodes, connections and settings (what the public API stores; not `active`). */
export function workflowHash(w: WorkflowBody): string {
  return sha256(canonical({ name: w.name, nodes: w.nodes, connections: w.connections, settings: w.settings }));
}

/** The local CRM inbox on any port (what setUpWorkflows points the CRM Flags at). */
export const LOCAL_INBOX = /^http:\/\/127\.0\.0\.1:\d+\/webhook\/local-crm-inbox$/;

/** `w` with the local CRM inbox's URL port-free: another N8N_PORT is not another version of the pack. */
function portFree(w: WorkflowBody): WorkflowBody {
  const nodes = w.nodes.map((n) => {
    const url = n.parameters?.webhookUrl;
    return typeof url === 'string' && LOCAL_INBOX.test(url) ? { ...n, parameters: { ...n.parameters, webhookUrl: 'local-crm-inbox' } } : n;
  });
  return { ...w, nodes };
}

/** Hash of the pack's version of a workflow, whatever port n8n runs on. */
export function packHash(w: WorkflowBody): string {
  return workflowHash(portFree(w));
}

/**
 * Whether n8n's copy `stored` is the pack's workflow `pack`: the same node names, each node with the
 * pack's values for every field the pack sets (n8n may add its own), the same connections and name.
 * For a product folder from before the fingerprints: such a workflow is the product's, unedited.
 */
export function isPackVersion(stored: WorkflowBody, pack: WorkflowBody): boolean {
  const byName = new Map(stored.nodes.map((n) => [n.name, n as Record<string, unknown>]));
  if (byName.size !== pack.nodes.length || !pack.nodes.every((n) => byName.has(n.name))) return false;
  const pick = (from: Record<string, unknown> | undefined, like: object) => Object.fromEntries(Object.keys(like).map((k) => [k, from?.[k]]));
  const settings = pack.settings !== null && typeof pack.settings === 'object' ? pick(stored.settings as Record<string, unknown> | undefined, pack.settings) : stored.settings;
  const projected: WorkflowBody = {
    name: stored.name,
    nodes: pack.nodes.map((n) => pick(byName.get(n.name), n) as unknown as WorkflowBody['nodes'][number]),
    connections: stored.connections,
    settings,
  };
  return packHash(projected) === packHash(pack);
}
