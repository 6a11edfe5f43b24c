/**
 * What `npm run simulate-reply` prints about one execution of the replies workflow: the Sequence
 * Exit branch, the STOP confirmation or HELP answer it made (the local product sends none: Send
 * Confirmation needs Twilio), and the CRM Flag's outcome on either of its outputs.
 */
import { nodeOutputs, type Execution } from '../../test/e2e/harness/n8nApi';
import { N8N_NODE_NAMES } from '../../designer/src/export/n8nWorkflow';

/** Sequence Exit's outputs in Record mode, in order */
const EXIT_OUTPUTS = ['Opt-out', 'Opt-in', 'Help', 'Re-engaged', 'Auto-reply'];
const REPLY_LABEL: Record<string, string> = { stop_confirmation: 'STOP confirmation', help: 'HELP answer' };

interface ReplyMessage {
  kind: string;
  text: string;
  sent: { ok: boolean; sid?: string; reason?: string } | null;
}
interface CrmResult {
  operation?: string;
  outcome?: string;
  reason?: string;
  message?: string;
}

/** `crmInbox`: where the local CRM inbox's executions are shown */
export function replyReport(exec: Execution, crmInbox: string): string[] {
  const lines: string[] = [];
  const outputs = nodeOutputs(exec, N8N_NODE_NAMES.exit);
  const branch = outputs.findIndex((items) => (items?.length ?? 0) > 0);
  const item = outputs[branch]?.[0] as { exit?: { class?: string; action?: string }; reply?: ReplyMessage | null } | undefined;
  const exit = item?.exit;
  lines.push(`Sequence Exit: ${branch >= 0 ? EXIT_OUTPUTS[branch] : 'no output'}${exit ? ` (class ${exit.class}, ${exit.action})` : ''}`);
  const reply = item?.reply;
  if (reply?.text) {
    const label = REPLY_LABEL[reply.kind] ?? reply.kind;
    const how =
      reply.sent === null ? 'not sent: Send Confirmation is off in this local product, it texts through Twilio' : reply.sent.ok ? `sent, ${reply.sent.sid}` : `not sent: ${reply.sent.reason}`;
    lines.push(`  ${label} (${how}): "${reply.text}"`);
  }

  const [done, retry] = nodeOutputs(exec, N8N_NODE_NAMES.crmReengaged);
  const ok = (done?.[0] as { crm?: CrmResult } | undefined)?.crm;
  const failed = (retry?.[0] as { crm?: CrmResult } | undefined)?.crm;
  if (ok) lines.push(`CRM Flag: ${ok.operation} ${ok.outcome} (posted to the local CRM inbox: ${crmInbox})`);
  if (failed) {
    lines.push(`CRM Flag: ${failed.operation} ${failed.outcome}${failed.reason ? ` (${failed.reason})` : ''} on its Error / Retry output: ${failed.message ?? 'no message'}`);
  }
  return lines;
}
