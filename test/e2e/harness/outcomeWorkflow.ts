/**
 * The replies part's outcome entry as the designer exports it (designer/src/export/n8nWorkflow.ts):
 * Webhook "Booked or CRM Status" (Basic Auth) → Sequence Exit in Check mode, reading phone / booked /
 * crmStatus from the webhook's body → "Answer (outcome)" (Respond to Webhook: the verdict, or why
 * nothing was ended). Test settings on top: the
 * webhook's credential and id, Sequence Exit's "Current Time" from the webhook's `at` query
 * parameter (time is driven, not waited for), the Postgres ledger in queue mode.
 */
import { randomUUID } from 'node:crypto';
import type { SequenceTemplate } from '../../../shared/schema';
import { N8N_NODE_NAMES as N, templateToN8nWorkflow } from '../../../designer/src/export/n8nWorkflow';
import type { Creds, Node } from './workflows';

type CredRef = { id: string; name: string };

export interface OutcomeWorkflow {
  name: string;
  nodes: Node[];
  connections: Record<string, unknown>;
  /** the webhook path after /webhook/ (the export's `missed-call-outcomes/<template id>`) */
  path: string;
}

/** The export's outcome nodes and their wiring, with `basicAuth` on the webhook. */
export function outcomeWorkflow(o: { name: string; template: SequenceTemplate; creds: Creds; basicAuth: CredRef }): OutcomeWorkflow {
  const wf = templateToN8nWorkflow(o.template);
  const take = (name: string) => {
    const n = wf.nodes.find((x) => x.name === name);
    if (!n) throw new Error(`the export has no node "${name}"`);
    return { ...n, id: randomUUID() };
  };
  const hook = take(N.outcome);
  const check = take(N.exitOutcome);
  const answer = take(N.answerOutcome);
  const ledger = o.creds.postgres ? { parameters: { ledger: 'postgres' }, credentials: { missedCallPostgresLedgerApi: o.creds.postgres } } : { parameters: {}, credentials: undefined };
  return {
    name: o.name,
    path: String(hook.parameters.path),
    nodes: [
      { ...hook, webhookId: randomUUID(), credentials: { httpBasicAuth: o.basicAuth } },
      {
        ...check,
        parameters: { ...check.parameters, ...ledger.parameters, currentTime: `={{ $('${N.outcome}').first().json.query.at }}` },
        ...(ledger.credentials ? { credentials: ledger.credentials } : {}),
      },
      answer,
    ],
    // the export's own wiring: webhook → Sequence Exit (Check) → Exit, Continue and errors → the answer
    connections: { [N.outcome]: wf.connections[N.outcome], [N.exitOutcome]: wf.connections[N.exitOutcome] },
  };
}
