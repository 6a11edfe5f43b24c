import type { IConnections } from 'n8n-workflow';
import { PACKAGE, templateToN8nWorkflow } from '../../designer/src/export';
import type { SequenceTemplate } from '../../shared/schema';
import type { TestNode } from './harness';

/**
 * The exported Missed Call Trigger's parameters on the generic provider (JSON `{ call: { id, from, to,
 * status, direction, caller_name } }`, header token `token` in X-Webhook-Token), on `ledger`.
 */
export function genericTriggerParameters(template: SequenceTemplate, o: { ledger: 'embedded' | 'postgres'; token: string }): Record<string, unknown> {
  const trigger = templateToN8nWorkflow(template).nodes.find((n) => n.type === `${PACKAGE}.missedCallTrigger`)!;
  return {
    ...trigger.parameters,
    ledger: o.ledger,
    provider: 'generic',
    genericMapping: JSON.stringify({ callId: 'call.id', from: 'call.from', to: 'call.to', status: 'call.status', direction: 'call.direction', callerName: 'call.caller_name', statusMap: { missed: 'missed' } }),
    genericAuth: 'headerToken',
    genericHeader: 'X-Webhook-Token',
    genericToken: o.token,
  };
}

/**
 * The designer's exported workflow cut to its pack nodes without the CRM Flags (trigger, gates,
 * senders, scheduler, exit), every one on `ledger` at `currentTime`, the senders on Sandbox; the
 * connections between the nodes kept.
 */
export function corePathWorkflow(template: SequenceTemplate, o: { ledger: 'embedded' | 'postgres'; currentTime: string }): { nodes: TestNode[]; connections: IConnections } {
  const wf = templateToN8nWorkflow(template);
  const nodes: TestNode[] = wf.nodes
    .filter((n) => n.type.startsWith(`${PACKAGE}.`) && !n.type.endsWith('.crmFlag'))
    .map((n) => {
      const p: Record<string, unknown> = { ...n.parameters, currentTime: o.currentTime, ledger: o.ledger };
      if (n.type.endsWith('.followUpSender')) Object.assign(p, { smsProvider: 'sandbox', emailProvider: 'sandbox' });
      return { id: n.id, name: n.name, type: n.type, typeVersion: n.typeVersion, position: n.position, parameters: p as never };
    });
  const keep = new Set(nodes.map((n) => n.name));
  const connections: IConnections = {};
  for (const [source, { main }] of Object.entries(wf.connections)) {
    if (keep.has(source)) connections[source] = { main: main.map((targets) => targets.filter((t) => keep.has(t.node))) };
  }
  return { nodes, connections };
}
