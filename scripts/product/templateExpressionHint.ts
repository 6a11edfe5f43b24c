/**
 * Why a published Missed Call Trigger may answer 500 ("Workflow could not be started!") in the
 * local product: its pasted Sequence Template (JSON) became an n8n expression. n8n's editor turns a
 * field into an expression when pasted text holds `{{`, and a template's placeholders
 * (`{{callerFirstName|there}}`) are no n8n expressions, so every call then fails to start.
 */
const TRIGGER_TYPE = 'n8n-nodes-missed-call.missedCallTrigger';

export interface WorkflowNodes {
  nodes: { name: string; type: string; parameters: Record<string, unknown> }[];
  /** n8n 2.x: the published version, when there is one */
  activeVersion?: { nodes: WorkflowNodes['nodes'] } | null;
}

/** What to do when the published trigger's pasted template is an expression; null otherwise. */
export function templateExpressionHint(w: WorkflowNodes): string | null {
  const nodes = w.activeVersion?.nodes ?? w.nodes;
  for (const n of nodes) {
    if (n.type !== TRIGGER_TYPE || (n.parameters.templateSource ?? 'json') !== 'json') continue;
    const text = n.parameters.templateJson;
    if (typeof text === 'string' && text.startsWith('=')) {
      return (
        `the "${n.name}" node's Sequence Template (JSON) is in Expression mode (n8n's editor switches a field to Expression when pasted text contains {{ }}), ` +
        'so n8n reads the template\'s {{placeholders}} as expressions and cannot start the workflow. ' +
        'Open the node, click "Fixed" above the field (keep the pasted template), and publish the workflow again.'
      );
    }
  }
  return null;
}
