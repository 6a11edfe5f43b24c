import { afterEach, describe, expect, it } from 'vitest';
import { templateToJson } from '../../../designer/src/export/templateFile';
import { missedCallTriggerProperties } from '../../../nodes/MissedCallTrigger/description';
import { pastedTemplateText } from '../../../nodes/MissedCallTrigger/pastedTemplateText';
import { fourTouch } from '../../../shared/templates';
import type { SequenceTemplate } from '../../../shared/schema/sequenceTemplate';
import { BASE_PARAMS, harness, parentNoAnswer, signedTwilio, TWILIO_CREDS, type Harness } from './fakeWebhook';
import { n8nParameterValue, triggerWorkflow } from './n8nParameterValue';

/** A designer export (templateToJson) as n8n's editor stores it once the paste switched the field to Expression mode. */
const asExpression = (t: SequenceTemplate) => `=${templateToJson(t)}`;
const CALLER = '+13055550123';

/** fourTouch with only placeholders n8n evaluates without an error (no space in the fallback). */
const quiet: SequenceTemplate = JSON.parse(
  JSON.stringify(fourTouch)
    .replaceAll('{{department|our team}}', 'our team')
    .replaceAll('{{department|Our team}}', 'Our team')
    .replaceAll('{{agentName|The team}}', 'The team')
    .replaceAll('{{agentName|the team}}', 'the team')
    .replaceAll('{{callerName|missed caller}}', 'a missed caller'),
);
const smsText = (t: unknown) => ((t as SequenceTemplate).steps.find((s) => s.channel === 'sms') as unknown as { message: { text: string } }).message.text;

let h: Harness;
afterEach(async () => {
  await h?.cleanup();
});

describe('n8n 2.40 evaluating a pasted template stored in Expression mode (why the trigger must not)', () => {
  it('throws "invalid syntax" for the designer four-touch template (n8n answers 500 "Workflow could not be started!")', () => {
    expect(() => n8nParameterValue(asExpression(fourTouch))).toThrow(/invalid syntax/);
  });

  it('silently turns placeholders without a spaced fallback into 0 or "" (worse: the texts go out garbled)', () => {
    const evaluated = JSON.parse(n8nParameterValue(asExpression(quiet)) as string);
    expect(smsText(quiet)).toMatch(/^Hi \{\{callerFirstName\|there\}\}, this is \{\{businessName\}\}\./);
    expect(smsText(evaluated)).toMatch(/^Hi 0, this is \. /);
  });
});

describe('Missed Call Trigger: a pasted template stored in Expression mode', () => {
  it('enrolls the call with the template as pasted, placeholders intact', async () => {
    h = harness({ ...BASE_PARAMS, templateJson: asExpression(fourTouch) }, TWILIO_CREDS);
    const { reply, result } = await h.call(signedTwilio(parentNoAnswer('CX1', CALLER)));
    expect(reply.status).toBe(200);
    expect((result.workflowData as { json: unknown }[][])[0]).toHaveLength(1);
    const [enrollment] = await (await h.ledger()).enrollmentsOf(CALLER);
    expect(enrollment!.template).toEqual(fourTouch);
  });

  it('keeps the texts of a template n8n would silently garble', async () => {
    h = harness({ ...BASE_PARAMS, templateJson: asExpression(quiet) }, TWILIO_CREDS);
    await h.call(signedTwilio(parentNoAnswer('CX2', CALLER)));
    const [enrollment] = await (await h.ledger()).enrollmentsOf(CALLER);
    expect(smsText(enrollment!.template)).toBe(smsText(quiet));
  });

  it('still evaluates a real expression (not a JSON object)', async () => {
    // an expression yielding the template text: pretty JSON keeps `}}` out of the expression's own braces
    const literal: Record<string, string> = { businessName: fourTouch.business.name, callbackLink: fourTouch.business.callbackLink!, callbackNumber: fourTouch.business.callbackNumber! };
    const noPlaceholders: SequenceTemplate = JSON.parse(JSON.stringify(quiet).replace(/\{\{(\w+)[^}]*\}\}/g, (_, name: string) => literal[name] ?? 'you'));
    const expression = `={{ ${JSON.stringify(JSON.stringify(noPlaceholders, null, 2))} }}`;
    expect(pastedTemplateText(expression)).toBeUndefined();
    h = harness({ ...BASE_PARAMS, templateJson: expression }, TWILIO_CREDS);
    await h.call(signedTwilio(parentNoAnswer('CX3', CALLER)));
    const [enrollment] = await (await h.ledger()).enrollmentsOf(CALLER);
    expect(enrollment!.template).toEqual(noPlaceholders);
  });

  it.each([['=[1,2]'], ['="text"'], ['=null'], ['{"a":1}'], [{ a: 1 }]])('pastedTemplateText(%j) leaves values that are no `=`+JSON object alone', (v) => {
    expect(pastedTemplateText(v)).toBeUndefined();
  });
});

describe('Sequence Template (JSON) takes no expressions (noDataExpression)', () => {
  it('is declared so: n8n\'s editor then never shows the field in Expression mode', () => {
    expect(missedCallTriggerProperties.find((p) => p.name === 'templateJson')?.noDataExpression).toBe(true);
  });

  it('n8n strips the `=` of a workflow saved in Expression mode when it loads it', () => {
    const wf = triggerWorkflow({ templateSource: 'json', templateJson: asExpression(fourTouch) });
    expect(wf.getNode('Missed Call Trigger')!.parameters.templateJson).toBe(asExpression(fourTouch).slice(1));
  });
});
