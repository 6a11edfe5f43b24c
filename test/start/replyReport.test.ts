/**
 * replyReport (what `npm run simulate-reply` prints) on executions shaped as n8n stores them: the
 * STOP confirmation and HELP answer the local product does not send are shown, and a CRM Flag on
 * its Error / Retry output is reported with its reason instead of being left out.
 * (test/start/start.test.ts runs simulate-reply once against a real n8n.)
 */
import { describe, expect, it } from 'vitest';
import { helpResponse, stopConfirmation } from '../../shared/optout/confirmations';
import type { Execution } from '../e2e/harness/n8nApi';
import { replyReport } from '../../scripts/product/replyReport';

type Item = { json: Record<string, unknown> };
const INBOX = 'http://127.0.0.1:5678/workflow/inbox/executions';

/** an execution of the replies workflow: Sequence Exit's five outputs and, optionally, the CRM Flag's two */
function execution(exitBranch: number, exitJson: Record<string, unknown>, crm?: { output: 0 | 1; json: Record<string, unknown> }): Execution {
  const exitMain: Item[][] = [[], [], [], [], []];
  exitMain[exitBranch] = [{ json: exitJson }];
  const runData: Record<string, { data: { main: Item[][] } }[]> = { 'Sequence Exit': [{ data: { main: exitMain } }] };
  if (crm) {
    const main: Item[][] = [[], []];
    main[crm.output] = [{ json: { ...exitJson, crm: crm.json } }];
    runData['CRM Flag (re-engaged)'] = [{ data: { main } }];
  }
  return { id: '7', workflowId: 'replies', status: 'success', mode: 'webhook', startedAt: '', stoppedAt: null, data: { resultData: { runData } } };
}

describe('replyReport', () => {
  it('shows the STOP confirmation the local product would text', () => {
    const text = stopConfirmation('Brightside Plumbing');
    const lines = replyReport(execution(0, { exit: { class: 'stop', action: 'opted_out' }, reply: { kind: 'stop_confirmation', text, sent: null } }), INBOX);
    expect(lines[0]).toBe('Sequence Exit: Opt-out (class stop, opted_out)');
    expect(lines[1]).toBe(`  STOP confirmation (not sent: Send Confirmation is off in this local product, it texts through Twilio): "${text}"`);
  });

  it('shows the HELP answer, and whether Twilio took it when it was sent', () => {
    const text = helpResponse({ businessName: 'Brightside Plumbing', supportPhone: '+15125550142', supportEmail: null });
    const lines = replyReport(execution(2, { exit: { class: 'help', action: 'help_answered' }, reply: { kind: 'help', text, sent: { ok: true, sid: 'SM1' } } }), INBOX);
    expect(lines).toEqual(['Sequence Exit: Help (class help, help_answered)', `  HELP answer (sent, SM1): "${text}"`]);
  });

  it('names the local CRM inbox a flag went to', () => {
    const lines = replyReport(execution(3, { exit: { class: 'reply', action: 'reply_recorded' }, reply: null }, { output: 0, json: { operation: 'flagReengaged', outcome: 'done' } }), INBOX);
    expect(lines).toEqual(['Sequence Exit: Re-engaged (class reply, reply_recorded)', `CRM Flag: flagReengaged done (posted to the local CRM inbox: ${INBOX})`]);
  });

  it('reports a CRM Flag that went to Error / Retry, with its reason', () => {
    const message = 'webhook is unavailable after 4 request(s): POST /webhook/local-crm-inbox: connect ECONNREFUSED 127.0.0.1:15678.';
    const lines = replyReport(
      execution(3, { exit: { class: 'reply', action: 'reply_recorded' }, reply: null }, { output: 1, json: { operation: 'flagReengaged', outcome: 'pending', reason: 'CRM_UNAVAILABLE', message } }),
      INBOX,
    );
    expect(lines[1]).toBe(`CRM Flag: flagReengaged pending (CRM_UNAVAILABLE) on its Error / Retry output: ${message}`);
  });
});
