/**
 * templateExpressionHint (what `npm run simulate-call` adds to a 500 from the trigger) on the
 * first-touch workflow `npm start` publishes: a pasted template that n8n's editor turned into an
 * expression is named with the way back; the workflow as published gives no hint.
 */
import { describe, expect, it } from 'vitest';
import { fourTouch } from '../../shared/templates';
import { splitN8nWorkflow } from '../../designer/src/export/n8nWorkflow';
import { productWorkflow } from '../../scripts/product/productWorkflow';
import { templateExpressionHint, type WorkflowNodes } from '../../scripts/product/templateExpressionHint';

const cred = { id: 'c', name: 'c' };
function firstTouch(): WorkflowNodes {
  const wf = productWorkflow({ template: fourTouch, creds: { twilio: cred, crm: cred, replyAuth: cred }, smsProvider: 'sandbox', fromNumber: '+15125550142', crmInboxUrl: 'http://127.0.0.1:5678/webhook/local-crm-inbox', seed: 's' });
  return structuredClone(splitN8nWorkflow(wf).firstTouch) as unknown as WorkflowNodes;
}
/** what n8n stores after a paste turned the field into an expression */
function pastedAsExpression(w: WorkflowNodes['nodes']): void {
  const t = w.find((n) => n.name === 'Missed Call Trigger')!;
  t.parameters.templateJson = `=${JSON.stringify(fourTouch, null, 2)}`;
}

describe('templateExpressionHint', () => {
  it('gives no hint for the workflow npm start publishes', () => {
    const w = firstTouch();
    expect(typeof w.nodes.find((n) => n.name === 'Missed Call Trigger')!.parameters.templateJson).toBe('string');
    expect(templateExpressionHint(w)).toBeNull();
  });

  it('names the trigger whose pasted template became an expression, and the way back', () => {
    const w = firstTouch();
    pastedAsExpression(w.nodes);
    const hint = templateExpressionHint(w)!;
    expect(hint).toContain('"Missed Call Trigger" node\'s Sequence Template (JSON) is in Expression mode');
    expect(hint).toContain('click "Fixed"');
    expect(hint).toContain('publish the workflow again');
  });

  it('reads the published version when n8n returns one', () => {
    const draftFixed = firstTouch();
    const published = firstTouch();
    pastedAsExpression(published.nodes);
    expect(templateExpressionHint({ ...draftFixed, activeVersion: { nodes: published.nodes } })).not.toBeNull();
    expect(templateExpressionHint({ ...published, activeVersion: { nodes: draftFixed.nodes } })).toBeNull();
  });
});
