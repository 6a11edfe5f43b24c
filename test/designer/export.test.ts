import { describe, expect, it } from 'vitest';
import { STARTER_TEMPLATES, fourTouch } from '../../shared/templates';
import { validateSequence } from '../../shared/lint';
import { sequenceTemplateSchema, type SequenceTemplate } from '../../shared/schema';
import {
  EXPORT_PHONE_SYSTEMS,
  N8N_NODE_NAMES,
  N8N_NODE_TYPES,
  N8N_OUTPUTS,
  N8N_RESPOND_TYPE,
  N8N_WEBHOOK_TYPE,
  checkExportable,
  hasOutcomeExits,
  importFailureText,
  importText,
  templateFileName,
  templateFromN8nWorkflow,
  templateToJson,
  templateToN8nWorkflow,
  templateToN8nWorkflows,
  PHONE_SYSTEM_LABELS,
  TEXTING_PHONE_SYSTEMS,
  SMS_PHONE_SYSTEMS,
  TWILIO_REPLY_NODES,
  type N8nWorkflow,
} from '../../designer/src/export';

const starters = STARTER_TEMPLATES.map((t) => [t.id, t] as const);

describe('n8n workflow export', () => {
  it.each(starters)('wires only existing nodes, by name, for %s', (_id, template) => {
    const wf = templateToN8nWorkflow(template);
    const names = new Set(wf.nodes.map((n) => n.name));
    expect(names.size).toBe(wf.nodes.length);
    for (const [source, { main }] of Object.entries(wf.connections)) {
      expect(names.has(source)).toBe(true);
      for (const output of main) for (const c of output) {
        expect(names.has(c.node)).toBe(true);
        expect(c).toMatchObject({ type: 'main', index: 0 });
      }
    }
  });

  it.each(starters)('uses every node type of the pack and leaves no node unwired for %s', (_id, template) => {
    const wf = templateToN8nWorkflow(template);
    const outcome = hasOutcomeExits(template) ? [N8N_WEBHOOK_TYPE, N8N_RESPOND_TYPE] : [];
    expect(new Set(wf.nodes.map((n) => n.type))).toEqual(new Set([...Object.values(N8N_NODE_TYPES), ...outcome]));
    const touched = new Set([...Object.keys(wf.connections), ...Object.values(wf.connections).flatMap((c) => c.main.flat().map((x) => x.node))]);
    expect(wf.nodes.filter((n) => !touched.has(n.name))).toEqual([]);
    expect(new Set(wf.nodes.map((n) => n.id)).size).toBe(wf.nodes.length);
  });

  it.each(starters)('embeds %s in the trigger’s templateJson parameter', (_id, template) => {
    const wf = templateToN8nWorkflow(template);
    const triggers = wf.nodes.filter((n) => n.type === N8N_NODE_TYPES.trigger);
    expect(triggers).toHaveLength(1);
    expect(triggers[0]!.parameters.templateSource).toBe('json');
    expect(JSON.parse(triggers[0]!.parameters.templateJson as string)).toEqual(template);
    expect(templateFromN8nWorkflow(JSON.parse(JSON.stringify(wf)))).toEqual(template);
  });

  it('still imports a workflow exported before the node pack (template in a `template` parameter)', () => {
    const legacy = { nodes: [{ type: N8N_NODE_TYPES.trigger, parameters: { template: templateToJson(fourTouch) } }], connections: {} };
    expect(importText(JSON.stringify(legacy))).toMatchObject({ ok: true, source: 'n8n-workflow', template: fourTouch });
  });

  it.each(starters)('imports %s back from both file kinds', (_id, template) => {
    const fromTemplate = importText(templateToJson(template));
    const fromWorkflow = importText(JSON.stringify(templateToN8nWorkflow(template)));
    expect(fromTemplate).toMatchObject({ ok: true, source: 'template', template });
    expect(fromWorkflow).toMatchObject({ ok: true, source: 'n8n-workflow', template });
  });

  it.each(starters)('imports %s from the first-touch part of a three-workflow export, and names that part when given another', (_id, template) => {
    const parts = templateToN8nWorkflows(template);
    expect(importText(JSON.stringify(parts.firstTouch))).toMatchObject({ ok: true, source: 'n8n-workflow', template });
    for (const other of [parts.sequence, parts.replies]) {
      const r = importText(JSON.stringify(other));
      expect(r).toMatchObject({ ok: false, code: 'NO_TEMPLATE' });
      expect(!r.ok && r.message).toContain('firstTouch.n8n-workflow.json');
    }
  });
});

describe('the outcome entry of the replies (Appointment booked / CRM status exits)', () => {
  const N = N8N_NODE_NAMES;
  const withExit = (exit: Partial<SequenceTemplate['exit']>): SequenceTemplate => ({ ...fourTouch, exit: { ...fourTouch.exit, ...exit } });
  const byName = (t: SequenceTemplate) => new Map(templateToN8nWorkflow(t).nodes.map((n) => [n.name, n]));

  it('is there for a template that leaves its exits at the schema defaults (booking ends the sequence)', () => {
    const { exit: _exit, ...rest } = fourTouch;
    const parsed = sequenceTemplateSchema.parse(JSON.parse(JSON.stringify(rest)));
    expect(parsed.exit).toMatchObject({ onBooked: true, crmStatuses: [] });
    expect(byName(parsed).has(N.outcome)).toBe(true);
  });

  it.each([
    ['booked and CRM statuses', {}, true, true],
    ['booked only', { crmStatuses: [] }, true, false],
    ['CRM statuses only', { onBooked: false }, false, true],
  ])('takes the body of each exit the template has (%s)', (_label, exit, booked, statuses) => {
    const nodes = byName(withExit(exit));
    const notes = `${nodes.get(N.outcome)!.notes} ${nodes.get(N.exitOutcome)!.notes}`;
    expect(notes.includes('{ "phone": "+13055550123", "booked": true }')).toBe(booked);
    expect(notes.includes('{ "phone": "+13055550123", "crmStatus": "booked" }')).toBe(statuses);
    expect(notes.includes('“booked”, “won”, “do_not_contact”')).toBe(statuses);
  });

  it('is left out when neither a booking nor a CRM status ends the sequence', () => {
    const t = withExit({ onBooked: false, crmStatuses: [] });
    const wf = templateToN8nWorkflow(t);
    expect(wf.nodes.map((n) => n.name)).not.toContain(N.outcome);
    expect(wf.nodes.map((n) => n.name)).not.toContain(N.exitOutcome);
    expect(wf.nodes.map((n) => n.name)).not.toContain(N.answerOutcome);
    expect(JSON.stringify(wf)).not.toContain('missed-call-outcomes');
    expect(templateToN8nWorkflows(t).replies.nodes.map((n) => n.name)).toEqual([N.inboundSms, N.exit, N.crmReengaged, N.deliveryStatus, N.exitDelivery]);
  });

  it('is a Basic Auth webhook into Sequence Exit in Check mode reading its body, whose every output goes to the answer', () => {
    const wf = templateToN8nWorkflow(fourTouch);
    const nodes = new Map(wf.nodes.map((n) => [n.name, n]));
    const hook = nodes.get(N.outcome)!;
    expect(hook).toMatchObject({ type: N8N_WEBHOOK_TYPE, typeVersion: 2 });
    expect(hook.parameters).toEqual({
      httpMethod: 'POST',
      path: 'missed-call-outcomes/four-touch',
      authentication: 'basicAuth',
      // answered by its Respond to Webhook node: "When Last Node Finishes" answers only from the last node's first output
      responseMode: 'responseNode',
      options: {},
    });
    expect(templateToN8nWorkflow({ ...fourTouch, id: 'a b/c' }).nodes.find((n) => n.name === N.outcome)!.parameters.path).toBe('missed-call-outcomes/a-b-c');
    const check = nodes.get(N.exitOutcome)!;
    expect(check.type).toBe(N8N_NODE_TYPES.exit);
    expect(check.parameters).toMatchObject({ mode: 'check', phone: '={{ $json.body.phone }}', booked: '={{ $json.body.booked ?? false }}', crmStatus: "={{ $json.body.crmStatus ?? '' }}" });
    // no enrollment id: Check ends every active sequence of the phone
    expect(check.parameters.enrollmentId).toBeUndefined();
    // a body it cannot check (no phone) goes out of n8n's error output, to be answered too
    expect(check.onError).toBe('continueErrorOutput');
    expect(wf.connections[N.outcome]).toEqual({ main: [[{ node: N.exitOutcome, type: 'main', index: 0 }]] });
    const toAnswer = [{ node: N.answerOutcome, type: 'main', index: 0 }];
    expect(wf.connections[N.exitOutcome]!.main).toEqual([toAnswer, toAnswer, toAnswer]);
    expect([N8N_OUTPUTS.checkExit, N8N_OUTPUTS.checkContinue, N8N_OUTPUTS.checkError]).toEqual([0, 1, 2]);
    expect(wf.connections[N.answerOutcome]).toBeUndefined();
    expect(check.notes).toContain(`all go to “${N.answerOutcome}”`);
  });

  it('answers with the verdict, 422 and the reason for a body it cannot check, 500 for other failures', () => {
    const answer = byName(fourTouch).get(N.answerOutcome)!;
    expect(answer).toMatchObject({ type: N8N_RESPOND_TYPE, typeVersion: 1.5, parameters: { respondWith: 'json' } });
    // the expressions as n8n evaluates them (one `{{ }}` each) over the item Sequence Exit put out
    const evaluate = (expr: unknown, $json: Record<string, unknown>) => {
      const m = /^=\{\{(.*)\}\}$/s.exec(String(expr));
      if (!m) throw new Error(`not one expression: ${String(expr)}`);
      return new Function('$json', `return (${m[1]});`)($json) as unknown;
    };
    const status = (j: Record<string, unknown>) => evaluate((answer.parameters.options as { responseCode: string }).responseCode, j);
    const body = (j: Record<string, unknown>) => evaluate(answer.parameters.responseBody, j);
    const ended = { exit: { mode: 'check', exit: true, reason: 'booked', endedEnrollments: ['e1'] } };
    expect([status(ended), body(ended)]).toEqual([200, ended.exit]);
    // no endedEnrollments (nothing reported): there all the same
    const none = { exit: { mode: 'check', exit: false, reason: null } };
    expect([status(none), body(none)]).toEqual([200, { ...none.exit, endedEnrollments: [] }]);
    const invalid = { error: 'The item names no phone or enrollment', details: { invalidItem: true } };
    expect([status(invalid), body(invalid)]).toEqual([422, { exit: false, reason: null, endedEnrollments: [], error: invalid.error }]);
    expect(status({ error: 'SQLITE_BUSY' })).toBe(500);
    // a node-level failure with On Error: Continue passes the webhook's item on untouched
    expect([status({ body: {} }), body({ body: {} })]).toEqual([500, { exit: false, reason: null, endedEnrollments: [], error: 'Sequence Exit failed' }]);
  });

  it('tells the user in the notes what to point at it, with which body and authentication', () => {
    const notes = byName(fourTouch).get(N.outcome)!.notes!;
    for (const s of ['Calendly', 'Cal.com', 'CRM workflow', 'Basic Auth credential', N.exitOutcome, 'Phone, Booked and CRM Status', N.answerOutcome, 'endedEnrollments', '422', '500']) expect(notes).toContain(s);
  });
});

describe('the delivery entry of the replies (Twilio status callbacks)', () => {
  const N = N8N_NODE_NAMES;
  const withExit = (exit: Partial<SequenceTemplate['exit']>): SequenceTemplate => ({ ...fourTouch, exit: { ...fourTouch.exit, ...exit } });

  it.each(starters)('is a Missed Call SMS Trigger like the inbound SMS one into Sequence Exit recording delivery status for %s', (_id, template) => {
    const wf = templateToN8nWorkflow(template);
    const nodes = new Map(wf.nodes.map((n) => [n.name, n]));
    const inbound = nodes.get(N.inboundSms)!;
    const hook = nodes.get(N.deliveryStatus)!;
    expect(inbound).toMatchObject({ type: N8N_NODE_TYPES.smsTrigger, typeVersion: 2, parameters: {} });
    expect(hook).toMatchObject({ type: N8N_NODE_TYPES.smsTrigger, typeVersion: 2, parameters: {} });
    const exit = nodes.get(N.exitDelivery)!;
    expect(exit).toMatchObject({ type: N8N_NODE_TYPES.exit, parameters: { ledger: nodes.get(N.exit)!.parameters.ledger, mode: 'delivery' } });
    expect(Object.keys(exit.parameters).sort()).toEqual(['ledger', 'mode']);
    expect(wf.connections[N.deliveryStatus]).toEqual({ main: [[{ node: N.exitDelivery, type: 'main', index: 0 }]] });
    // Delivered, Undelivered, Other: recorded in the ledger, left for the user to route
    expect(wf.connections[N.exitDelivery]).toBeUndefined();
  });

  it('is there without outcome exits too, in the outcome entry’s place on the canvas', () => {
    const position = (t: SequenceTemplate, name: string) => templateToN8nWorkflow(t).nodes.find((n) => n.name === name)?.position;
    expect(position(fourTouch, N.deliveryStatus)).toEqual([0, 1160]);
    expect(position(fourTouch, N.exitDelivery)).toEqual([300, 1160]);
    const none = withExit({ onBooked: false, crmStatuses: [] });
    expect(position(none, N.deliveryStatus)).toEqual([0, 960]);
    expect(position(none, N.exitDelivery)).toEqual([300, 960]);
    // no two nodes share a spot
    for (const t of [fourTouch, none]) expect(new Set(templateToN8nWorkflow(t).nodes.map((n) => n.position.join())).size).toBe(templateToN8nWorkflow(t).nodes.length);
  });

  it('tells the user to point both senders’ Status Callback URL at it, without guessing the host', () => {
    const wf = templateToN8nWorkflow(fourTouch);
    const nodes = new Map(wf.nodes.map((n) => [n.name, n]));
    for (const sender of [N.senderNow, N.senderDue]) {
      expect(nodes.get(sender)!.notes).toContain(`Status Callback URL to the production URL of the “${N.deliveryStatus}” trigger`);
      expect(nodes.get(sender)!.notes).not.toContain('user:password');
      expect(nodes.get(sender)!.parameters.statusCallback).toBeUndefined();
    }
    const notes = nodes.get(N.deliveryStatus)!.notes!;
    for (const s of ['Status Callback URL', N.senderNow, N.senderDue, 'Missed Call Twilio API', '403']) expect(notes).toContain(s);
    expect(nodes.get(N.exitDelivery)!.notes).toContain('Undelivered');
  });

  it('has both triggers Twilio posts to check its signature, and says with which credential; the Sequence Exits behind them do not check again', () => {
    const nodes = new Map(templateToN8nWorkflow(fourTouch).nodes.map((n) => [n.name, n]));
    for (const name of [N.inboundSms, N.deliveryStatus]) {
      expect(nodes.get(name)!.type).toBe(N8N_NODE_TYPES.smsTrigger);
      for (const s of ['Missed Call Twilio API', 'Auth Token', '403', 'WEBHOOK_URL', 'Signed URL']) expect(nodes.get(name)!.notes).toContain(s);
      expect(nodes.get(name)!.notes).not.toContain('Basic Auth');
    }
    for (const name of [N.exit, N.exitDelivery, N.exitOutcome]) expect(nodes.get(name)!.parameters.verifySignature).toBeUndefined();
    expect(nodes.get(N.exit)!.notes).toContain(`“${N.inboundSms}” has checked Twilio's signature`);
    expect(nodes.get(N.exitDelivery)!.notes).toContain(`“${N.deliveryStatus}” has checked Twilio's signature`);
  });
});

describe('the phone system of the n8n export', () => {
  const names = (w: N8nWorkflow) => w.nodes.map((n) => n.name);
  const param = (w: N8nWorkflow, name: string, key: string) => w.nodes.find((n) => n.name === name)!.parameters[key];

  it('is Twilio unless told otherwise', () => {
    expect(templateToN8nWorkflow(fourTouch, { phoneSystem: 'twilio' })).toEqual(templateToN8nWorkflow(fourTouch));
    expect(param(templateToN8nWorkflow(fourTouch), N8N_NODE_NAMES.trigger, 'provider')).toBe('twilio');
  });

  it.each(EXPORT_PHONE_SYSTEMS.filter((p) => p !== 'twilio'))('%s: sets the trigger up for it and names its credential', (phoneSystem) => {
    const wf = templateToN8nWorkflow(fourTouch, { phoneSystem });
    const trigger = wf.nodes.find((n) => n.name === N8N_NODE_NAMES.trigger)!;
    expect(trigger.parameters.provider).toBe(phoneSystem);
    expect(trigger.notes).toContain(PHONE_SYSTEM_LABELS[phoneSystem]);
    const texting = TEXTING_PHONE_SYSTEMS.includes(phoneSystem);
    expect(names(wf).includes(N8N_NODE_NAMES.exitTexts)).toBe(texting);
    // Dialpad, RingCentral and Vonage send the texts too, from the number the caller called; the others text through Twilio
    const sms = (SMS_PHONE_SYSTEMS.includes(phoneSystem) ? phoneSystem : 'twilio') as 'twilio' | 'dialpad' | 'ringcentral' | 'vonage';
    expect(SMS_PHONE_SYSTEMS).toEqual(['dialpad', 'ringcentral', 'vonage']);
    const fromParam = { twilio: 'fromNumber', dialpad: 'dialpadFromNumber', ringcentral: 'ringCentralFromNumber', vonage: 'vonageFromNumber' };
    for (const sender of [N8N_NODE_NAMES.senderNow, N8N_NODE_NAMES.senderDue]) {
      expect(param(wf, sender, 'smsProvider')).toBe(sms);
      for (const [system, key] of Object.entries(fromParam)) expect(param(wf, sender, key)).toBe(system === sms ? '' : undefined);
      expect(wf.nodes.find((n) => n.name === sender)!.notes).toContain({ twilio: 'Missed Call Twilio API', dialpad: 'Missed Call Dialpad API', ringcentral: 'Missed Call RingCentral API', vonage: 'Missed Call Vonage API' }[sms]);
    }
  });

  it.each(EXPORT_PHONE_SYSTEMS)('%s: the replies part\'s Twilio-only nodes are deactivated exactly when the senders text through the phone system', (phoneSystem) => {
    const outcomes = { ...fourTouch, exit: { ...fourTouch.exit, onBooked: true } };
    expect(hasOutcomeExits(outcomes)).toBe(true);
    const wf = templateToN8nWorkflow(outcomes, { phoneSystem });
    const twilioOnly = TWILIO_REPLY_NODES.map((k) => N8N_NODE_NAMES[k]);
    const disabled = wf.nodes.filter((n) => n.disabled).map((n) => n.name);
    expect(disabled).toEqual(SMS_PHONE_SYSTEMS.includes(phoneSystem) ? twilioOnly : []);
    for (const n of wf.nodes.filter((x) => x.disabled)) expect(n.notes).toMatch(new RegExp(`^Deactivated: this export texts through ${PHONE_SYSTEM_LABELS[phoneSystem]}`));
    // the outcome webhook stays on, so the replies workflow can still be published for it
    expect(wf.nodes.find((n) => n.name === N8N_NODE_NAMES.outcome)!.disabled).toBeUndefined();
    const replies = templateToN8nWorkflows(outcomes, { phoneSystem }).replies;
    expect(replies.nodes.filter((n) => n.disabled).map((n) => n.name)).toEqual(disabled);
  });

  it.each(TEXTING_PHONE_SYSTEMS)('%s: its texts go from the trigger\'s Message output to a Sequence Exit and a CRM Flag in the first-touch workflow', (phoneSystem) => {
    const wf = templateToN8nWorkflow(fourTouch, { phoneSystem });
    const to = (node: string) => ({ node, type: 'main', index: 0 });
    expect(wf.connections[N8N_NODE_NAMES.trigger]!.main).toEqual([[to(N8N_NODE_NAMES.gateNow)], [], [to(N8N_NODE_NAMES.exitTexts)]]);
    expect(wf.connections[N8N_NODE_NAMES.exitTexts]!.main[N8N_OUTPUTS.exitReengaged]).toEqual([to(N8N_NODE_NAMES.crmTexts)]);
    expect(param(wf, N8N_NODE_NAMES.exitTexts, 'mode')).toBe('record');
    // the phone system answers its own numbers' STOP and HELP: nothing goes through Twilio
    expect(param(wf, N8N_NODE_NAMES.exitTexts, 'sendConfirmation')).toBe(false);
    const split = templateToN8nWorkflows(fourTouch, { phoneSystem });
    expect(names(split.firstTouch)).toEqual([N8N_NODE_NAMES.trigger, N8N_NODE_NAMES.gateNow, N8N_NODE_NAMES.senderNow, N8N_NODE_NAMES.exitTexts, N8N_NODE_NAMES.crmTexts]);
    expect(templateFromN8nWorkflow(split.firstTouch)).toEqual(JSON.parse(param(wf, N8N_NODE_NAMES.trigger, 'templateJson') as string));
  });
});

describe('template files', () => {
  it('names the file after the template id and its schemaVersion', () => {
    expect(templateFileName(fourTouch)).toBe('four-touch.v1.sequence.json');
  });

  it.each([
    ['not JSON', '{', 'INVALID_JSON'],
    ['a workflow without the trigger', JSON.stringify({ nodes: [], connections: {} }), 'NO_TEMPLATE'],
    ['an invalid template', JSON.stringify({ schemaVersion: 1, id: 'x' }), 'SCHEMA'],
  ])('refuses to import %s', (_label, text, code) => {
    expect(importText(text)).toMatchObject({ ok: false, code });
  });

  it('explains a failed import in plain sentences, not zod paths', () => {
    const fail = (text: string) => {
      const r = importText(text);
      if (r.ok) throw new Error('expected a failed import');
      return r;
    };
    expect(importFailureText(fail('[]'))).toBe('The file is not a valid sequence template (1 problem). The file is not a sequence template: it is a list, not a JSON object.');
    const broken = fail(JSON.stringify({ ...fourTouch, steps: fourTouch.steps.map((s, i) => (i === 2 ? { ...s, delay: { minutes: '5' } } : s)), colour: 'red' }));
    expect(broken.issues.map((i) => i.path)).toEqual(['steps[2].delay.minutes', '']);
    expect(importFailureText(broken)).toBe(
      'The file is not a valid sequence template (2 problems). Step 3 "Agent callback": the delay must be a whole number of minutes, not "5". The sequence has a setting the template format does not know: "colour"; remove it or check the spelling.',
    );
    expect(importFailureText(fail('{}'))).toMatch(/^The file is not a valid sequence template \(5 problems\)\. .* \(2 more\)$/);
  });

  it('refuses export while a lint error remains, and allows it with warnings only', () => {
    const broken = { ...fourTouch, steps: fourTouch.steps.map((s, i) => (i === 0 ? { ...s, delay: { minutes: 90, from: 'call' as const } } : s)) };
    expect(checkExportable(validateSequence(broken)).ok).toBe(false);
    expect(checkExportable([{ code: 'TOO_FEW_TOUCHES', severity: 'warning', stepId: null, message: '' }]).ok).toBe(true);
  });
});
