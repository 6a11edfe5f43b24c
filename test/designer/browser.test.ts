import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Download, Page } from 'playwright-core';
import { fromZonedTime } from 'date-fns-tz';
import { departmentForLine, holidayClosures, parseSequenceTemplate, type SequenceTemplate } from '../../shared/schema';
import { validateSequence } from '../../shared/lint';
import { simulateSequence } from '../../shared/simulate';
import { formatCalledAt } from '../../shared/template';
import { fourTouch } from '../../shared/templates';
import { sampleCaller } from '../../designer/src/lib/samples';
import { templateToN8nWorkflows } from '../../designer/src/export';
import { exportWorkflowId, withWorkflowId } from '../../designer/src/export/stableWorkflowId';
import { ROOT, buildDesigner, hasChromium, launchChromium, serveDist } from './harness';

const SHOTS = join(ROOT, 'test-artifacts/designer');
const available = hasChromium();
// CI sets CHROMIUM_REQUIRED=1: there a missing browser is a failure, not a skip
if (!available && process.env.CHROMIUM_REQUIRED === '1') throw new Error('CHROMIUM_REQUIRED=1 but /usr/bin/chromium is missing');
if (!available) console.warn('[designer browser test] skipped: /usr/bin/chromium is missing (apt-get install chromium)');

const tid = (id: string) => `[data-testid="${id}"]`;
/** Today's 'YYYY-MM-DD' in `timeZone`, from the real clock (the designer reads the same one). */
const todayIn = (timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
/** `day` ('YYYY-MM-DD') moved by `days` calendar days. */
const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe.skipIf(!available)('designer in a real browser', () => {
  let browser: Browser;
  let page: Page;
  let server: Awaited<ReturnType<typeof serveDist>>;
  const errors: string[] = [];

  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true });
    await buildDesigner();
    server = await serveDist();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url);
    await page.waitForSelector(tid('node-start'));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });

  it('opens on a starter template with every check passing', async () => {
    await expect(page.locator(tid('checklist')).getAttribute('data-errors')).resolves.toBe('0');
    await expect(page.locator('.react-flow__minimap').count()).resolves.toBe(1);
    await expect(page.locator('.react-flow__controls').count()).resolves.toBe(1);
    await shot('01-starter');
  });

  it('builds a sequence on an empty canvas by drag-and-drop and connecting', async () => {
    await page.selectOption(tid('starter-picker'), '__empty');
    await expect(page.locator('.react-flow__node-sms').count()).resolves.toBe(0);
    // an empty canvas says what to do first; the hint lets the drop through and goes with the first step
    await expect(page.locator(tid('canvas-empty')).isVisible()).resolves.toBe(true);
    const canvas = (await page.locator(tid('canvas')).boundingBox())!;
    await page.dragAndDrop(tid('palette-sms'), tid('canvas'), { targetPosition: { x: canvas.width * 0.35, y: canvas.height * 0.62 } });
    await page.waitForSelector(tid('node-sms-1'));
    await expect(page.locator(tid('canvas-empty')).count()).resolves.toBe(0);
    // connect the missed call to the new step with the mouse
    const from = (await page.locator(tid('handle-out-start')).boundingBox())!;
    const to = (await page.locator(tid('handle-in-sms-1')).boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 8 });
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 8 });
    await page.mouse.up();
    await page.waitForSelector(tid('edge-delay-sms-1'));
    await expect(page.locator(tid('diag-UNCONNECTED_STEP')).count()).resolves.toBe(0);
  });

  it('marks the offending node and refuses export while lint errors remain', async () => {
    await expect(page.locator(tid('badge-sms-1')).getAttribute('data-state')).resolves.toBe('error');
    await expect(page.locator(tid('diag-FIRST_SMS_NO_OPTOUT')).count()).resolves.toBe(1);
    await expect(page.locator(tid('diag-FIRST_TOUCH_LATE')).count()).resolves.toBe(1);
    await page.click(tid('export-template'));
    await page.waitForSelector(tid('export-refused'));
    await shot('02-lint-error');
  });

  it('fixes the errors in the inspector, with placeholder completion and an SMS counter', async () => {
    await page.click(tid('node-sms-1'));
    await page.waitForSelector(tid('inspector-step'));
    await page.selectOption(tid('inspector-delay-unit'), 'm');
    await page.fill(tid('inspector-delay-amount'), '1');
    await page.selectOption(tid('inspector-delay-from'), 'call');
    const text = page.locator(tid('inspector-sms-text'));
    await text.fill('');
    await text.pressSequentially('Hi {{callerF');
    await page.waitForSelector(tid('completion-callerFirstName'));
    await text.press('Enter');
    await text.pressSequentially(', {{businessName}} here. Sorry we missed your call! Reply here or call {{callbackNumber}}. Reply STOP to opt out.');
    await expect(text.inputValue()).resolves.toContain('Hi {{callerFirstName}}, {{businessName}} here.');
    await expect(page.locator(tid('inspector-preview-text')).textContent()).resolves.toContain('Hi Maria, Your Business here.');
    await expect(page.locator(tid('inspector-sms-counter-encoding')).textContent()).resolves.toBe('GSM-7');
    await expect(page.locator(tid('badge-sms-1')).getAttribute('data-state')).resolves.not.toBe('error');
    await expect(page.locator(tid('checklist')).getAttribute('data-errors')).resolves.toBe('0');
    await shot('03-fixed-in-inspector');
  });

  it('undoes and redoes the fix with the keyboard', async () => {
    await page.click(tid('canvas'), { position: { x: 30, y: 30 } }); // leave the text field
    await page.keyboard.press('Control+z');
    await expect(page.locator(tid('diag-FIRST_SMS_NO_OPTOUT')).count()).resolves.toBe(1);
    await page.keyboard.press('Control+Shift+z');
    await expect(page.locator(tid('diag-FIRST_SMS_NO_OPTOUT')).count()).resolves.toBe(0);
    await expect(page.locator(tid('checklist')).getAttribute('data-errors')).resolves.toBe('0');
  });

  it('selects everything with Ctrl+A and copies and pastes steps', async () => {
    await page.keyboard.press('Control+a');
    await expect(page.locator(tid('selection-count')).textContent()).resolves.toMatch(/^\d+ selected$/);
    await page.click(tid('node-sms-1'));
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await page.waitForSelector(tid('node-sms-2'));
    await page.keyboard.press('Delete');
    await expect(page.locator(tid('node-sms-2')).count()).resolves.toBe(0);
  });

  it('simulates a Miami caller at 20:45 local and shows the first touch moved to 08:00', async () => {
    await page.click(tid('tab-simulator'));
    await page.selectOption(tid('sim-caller'), 'miami');
    await page.fill(tid('sim-at'), '2026-12-01T20:45');
    await page.waitForSelector(tid('sim-row-0'));
    await expect(page.locator(tid('sim-planned-0')).textContent()).resolves.toContain('20:46');
    await expect(page.locator(tid('sim-allowed-0')).textContent()).resolves.toContain('2026-12-02 08:00');
    await expect(page.locator(tid('sim-reason-0')).textContent()).resolves.toContain('QUIET_HOURS');
    await shot('04-simulator');
  });

  it('exports a template file that parses with the shared schema', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(tid('export-template'))]);
    expect(download.suggestedFilename()).toBe('my-sequence.v1.sequence.json');
    const json = JSON.parse(await readFile((await download.path())!, 'utf8'));
    const parsed = parseSequenceTemplate(json);
    expect(parsed.success).toBe(true);
    if (!parsed.success) return;
    expect(parsed.data.schemaVersion).toBe(1);
    expect(parsed.data.steps.map((s) => s.id)).toEqual(['sms-1']);
    expect(parsed.data.steps[0]).toMatchObject({ channel: 'sms', delay: { minutes: 1, from: 'call' } });
  });

  it('exports an n8n workflow with the template embedded', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(tid('export-n8n'))]);
    const wf = JSON.parse(await readFile((await download.path())!, 'utf8'));
    const trigger = wf.nodes.find((n: { type: string }) => n.type === 'n8n-nodes-missed-call.missedCallTrigger');
    expect(parseSequenceTemplate(JSON.parse(trigger.parameters.templateJson)).success).toBe(true);
    // `n8n import:workflow` refuses a workflow without an id; the CLI's export gives the same one
    expect(wf.id).toBe(exportWorkflowId(JSON.parse(trigger.parameters.templateJson).id, 'workflow'));
  });

  it('exports the n8n workflow for the phone system chosen beside the buttons, and remembers the choice', async () => {
    expect(await page.locator(tid('phone-system')).inputValue()).toBe('twilio');
    // Dialpad and RingCentral: the trigger for their calls and texts, the senders text through them
    for (const system of ['dialpad', 'ringcentral']) {
      await page.selectOption(tid('phone-system'), system);
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(tid('export-n8n'))]);
      const wf = JSON.parse(await readFile((await download.path())!, 'utf8'));
      const byType = (type: string) => wf.nodes.filter((n: { type: string }) => n.type === `n8n-nodes-missed-call.${type}`);
      expect(byType('missedCallTrigger')[0].parameters.provider).toBe(system);
      expect(byType('followUpSender').map((n: { parameters: { smsProvider: string } }) => n.parameters.smsProvider)).toEqual([system, system]);
      expect(wf.connections['Missed Call Trigger'].main[2]).toEqual([{ node: 'Sequence Exit (phone system texts)', type: 'main', index: 0 }]);
    }
    await page.selectOption(tid('phone-system'), 'twilio');
    // the choice is kept in the browser, and a designer opened later starts with it
    await page.selectOption(tid('phone-system'), 'zoom');
    const key = 'missed-call-designer:phone-system:v1';
    expect(await page.evaluate((k) => localStorage.getItem(k), key)).toBe('zoom');
    await page.selectOption(tid('phone-system'), 'twilio');
    const later = await browser.newContext();
    try {
      await later.addInitScript((k) => localStorage.setItem(k, 'zoom'), key);
      const other = await later.newPage();
      await other.goto(server.url);
      await other.waitForSelector(tid('phone-system'));
      expect(await other.locator(tid('phone-system')).inputValue()).toBe('zoom');
    } finally {
      await later.close();
    }
  });

  it('exports the n8n follow-up as three workflows from one click, the first touch with the template embedded', async () => {
    const downloads: Download[] = [];
    const three = new Promise<void>((ok) => {
      const on = (d: Download) => {
        downloads.push(d);
        if (downloads.length < 3) return;
        page.off('download', on);
        ok();
      };
      page.on('download', on);
    });
    await page.click(tid('export-n8n-split'));
    await three;
    const names = ['my-sequence.firstTouch.n8n-workflow.json', 'my-sequence.sequence.n8n-workflow.json', 'my-sequence.replies.n8n-workflow.json'];
    expect(downloads.map((d) => d.suggestedFilename())).toEqual(names);
    const notice = await page.locator(tid('export-done')).textContent();
    for (const name of names) expect(notice).toContain(name);
    const [firstTouch, sequence, replies] = await Promise.all(downloads.map(async (d) => JSON.parse(await readFile((await d.path())!, 'utf8'))));
    const trigger = firstTouch.nodes.find((n: { type: string }) => n.type === 'n8n-nodes-missed-call.missedCallTrigger');
    const embedded = JSON.parse(trigger.parameters.templateJson);
    const parsed = parseSequenceTemplate(embedded);
    expect(parsed.success).toBe(true);
    if (!parsed.success) return;
    expect(parsed.data.steps.map((s) => s.id)).toEqual(['sms-1']);
    // the files are the export module's three parts of the embedded template (as written: the
    // schema's parse reorders keys), nothing else
    const parts = templateToN8nWorkflows(embedded as SequenceTemplate);
    const id = (embedded as SequenceTemplate).id;
    expect({ firstTouch, sequence, replies }).toEqual({
      firstTouch: withWorkflowId(parts.firstTouch, id, 'firstTouch'),
      sequence: withWorkflowId(parts.sequence, id, 'sequence'),
      replies: withWorkflowId(parts.replies, id, 'replies'),
    });
    expect(new Set([firstTouch.id, sequence.id, replies.id]).size).toBe(3);
  });

  it('switches to dark mode', async () => {
    await page.click(tid('theme-toggle'));
    await expect(page.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe('dark');
    await page.selectOption(tid('starter-picker'), 'four-touch');
    await page.click(tid('node-sms-first'));
    await shot('05-dark');
    expect(errors).toEqual([]);
  });

  it('edits opening hours, a holiday closure, a new department with a line, re-entry days and a voicemail first message, and exports them', async () => {
    await page.selectOption(tid('starter-picker'), 'four-touch');
    await page.click(tid('tab-checklist'));
    await page.click(tid('node-start'));
    await page.waitForSelector(tid('opening-hours'));
    // Saturday 08:00–12:30, Sunday opened and closing at midnight
    await page.fill(tid('hours-sat-0-from'), '08:00');
    await page.fill(tid('hours-sat-0-to'), '12:30');
    await page.check(tid('hours-sun-open'));
    await page.fill(tid('hours-sun-0-to'), '00:00');
    // a department with a line written nationally: inline hint, rewritten as E.164 on blur
    await page.click(tid('departments-add'));
    await page.fill(tid('dept-2-name'), 'Sales');
    await page.fill(tid('dept-2-queue'), 'sales-team');
    await page.click(tid('dept-2-add-number'));
    await page.fill(tid('dept-2-number-0'), '(305) 555-0123');
    await expect(page.locator(tid('dept-2-number-0-error')).textContent()).resolves.toContain('+13055550123');
    await page.locator(tid('dept-2-number-0')).press('Tab');
    await expect(page.locator(tid('dept-2-number-0')).inputValue()).resolves.toBe('+13055550123');
    await expect(page.locator(tid('dept-2-number-0-error')).count()).resolves.toBe(0);
    // a holiday closure: an end before the start is a schema error on that closure until fixed
    await page.click(tid('closures-add'));
    await page.fill(tid('closure-0-from'), '2026-12-24');
    await page.fill(tid('closure-0-to'), '2026-12-23');
    await expect(page.locator(tid('closure-0-diagnostics')).textContent()).resolves.toContain('Closure 1 (2026-12-24): the last closed day must be on or after the first closed day.');
    await page.fill(tid('closure-0-to'), '2026-12-26');
    await page.fill(tid('closure-0-reason'), 'Christmas');
    await expect(page.locator(tid('closure-0-diagnostics')).count()).resolves.toBe(0);
    await page.selectOption(tid('reentry-policy'), 'after_days');
    await page.fill(tid('reentry-days'), '45');
    const voicemail = 'Hi {{callerFirstName|there}}, thanks for your voicemail to {{businessName}}. We will call you back today, or reply here. Reply STOP to opt out.';
    await page.fill(tid('first-message-voicemail'), voicemail);
    await expect(page.locator(tid('first-message-voicemail-counter-encoding')).textContent()).resolves.toBe('GSM-7');
    await expect(page.locator(tid('checklist')).getAttribute('data-errors')).resolves.toBe('0');
    await shot('06-business-editors');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click(tid('export-template'))]);
    const json = JSON.parse(await readFile((await download.path())!, 'utf8'));
    expect(validateSequence(json)).toEqual([]);
    expect(json.business.openingHours.sat).toEqual(['08:00-12:30']);
    expect(json.business.openingHours.sun).toEqual(['09:00-24:00']);
    expect(json.business.departments[2]).toMatchObject({ name: 'Sales', queue: 'sales-team', numbers: ['+13055550123'] });
    expect(departmentForLine(json.business.departments, '+13055550123')?.name).toBe('Sales');
    expect(json.business.closures).toEqual([{ from: '2026-12-24', to: '2026-12-26', reason: 'Christmas' }]);
    expect(json.reentry).toEqual({ policy: 'after_days', days: 45 });
    expect(json.trigger.firstMessage.voicemail).toBe(voicemail);
    // the first SMS step, whose text these replace, edits the same per-class texts
    await page.click(tid('node-sms-first'));
    await expect(page.locator(tid('first-message-voicemail')).inputValue()).resolves.toBe(voicemail);
    await page.click(tid('node-sms-final'));
    await expect(page.locator(tid('first-messages')).count()).resolves.toBe(0);
  });

  it('shows an invalid department line inline and refuses export like any other error', async () => {
    let downloads = 0;
    const count = () => void downloads++;
    page.on('download', count);
    await page.click(tid('node-start'));
    // matches the schema's E.164 pattern but has no real area code: only the phone module catches it
    await page.fill(tid('dept-2-number-0'), '+15555550100');
    await expect(page.locator(tid('dept-2-number-0-error')).textContent()).resolves.toContain('Not a valid phone number');
    await expect(page.locator(`${tid('dept-2-diagnostics')} [data-code="DEPARTMENT_NUMBER"]`).count()).resolves.toBe(1);
    await expect(page.locator(tid('checklist')).getAttribute('data-errors')).resolves.toBe('1');
    await expect(page.locator(tid('diag-DEPARTMENT_NUMBER')).count()).resolves.toBe(1);
    await page.click(tid('export-template'));
    await page.waitForSelector(tid('export-refused'));
    await shot('07-invalid-line');
    // not E.164 at all: the schema's own diagnostic, shown under the department
    await page.fill(tid('dept-2-number-0'), '555-01');
    await expect(page.locator(tid('dept-2-number-0-error')).count()).resolves.toBe(1);
    await expect(page.locator(`${tid('dept-2-diagnostics')} [data-code="SCHEMA"]`).count()).resolves.toBe(1);
    await page.click(tid('export-n8n'));
    await page.waitForSelector(tid('export-refused'));
    // the split export is refused too: the refusal switches back to the checklist, and no file follows
    await page.click(tid('tab-simulator'));
    await page.click(tid('export-n8n-split'));
    await page.waitForSelector(`${tid('tab-checklist')}.active`);
    await expect(page.locator(tid('export-refused')).textContent()).resolves.toMatch(/^Export refused/);
    await expect(page.waitForEvent('download', { timeout: 1500 })).rejects.toThrow();
    expect(downloads).toBe(0);
    // undo (toolbar) brings the valid line back and export works again
    await page.click(tid('undo'));
    await expect(page.locator(tid('dept-2-number-0')).inputValue()).resolves.toBe('+13055550123');
    await expect(page.locator(tid('checklist')).getAttribute('data-errors')).resolves.toBe('0');
    page.off('download', count);
    expect(errors).toEqual([]);
  });

  it('picks public holidays to add in one undoable step and does not offer a dismissed one again', async () => {
    await page.selectOption(tid('starter-picker'), 'four-touch');
    await page.click(tid('node-start'));
    await page.waitForSelector(tid('closures'));
    const closures = page.locator(`${tid('closures')} .closure`);
    const froms = () => page.locator(`${tid('closures')} .closure input[aria-label="Closed from"]`).evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    const hint = page.locator(tid('closures-holidays-hint'));
    const button = page.locator(tid('closures-add-holidays'));
    const picker = page.locator(tid('holiday-picker'));
    const box = (date: string) => page.locator(tid(`holiday-${date}-check`));
    const focusInPicker = () => page.evaluate(() => document.activeElement?.closest('[data-testid="holiday-picker"]') != null);
    const buttonFocused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'closures-add-holidays');
    // four-touch is in America/Chicago: US federal by default, the next 12 months from today there
    const today = todayIn('America/Chicago');
    await expect(page.locator(tid('closures-holiday-calendar')).inputValue()).resolves.toBe('US-FED');
    await expect(page.locator(`${tid('closures-holiday-calendar')} option`).allTextContents()).resolves.toContain('British Columbia');
    const us = holidayClosures('US-FED', today, []);
    const skipped = us[1]!.from;

    // open: every holiday listed and ticked, focus inside; untick the second one with the keyboard
    await button.click();
    await expect(button.getAttribute('aria-expanded')).resolves.toBe('true');
    await expect(page.locator(`${tid('holiday-picker')} input[type="checkbox"]:checked:enabled`).count()).resolves.toBe(us.length);
    await expect(page.locator(tid(`holiday-${us[0]!.from}`)).textContent()).resolves.toContain(us[0]!.reason);
    await expect(focusInPicker()).resolves.toBe(true);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await expect(box(skipped).isChecked()).resolves.toBe(false);
    await expect(page.locator(tid('holiday-picker-add')).textContent()).resolves.toBe(`Add ${us.length - 1} holidays`);
    await shot('08-public-holidays');
    await page.click(tid('holiday-picker-add'));
    await expect(picker.count()).resolves.toBe(0);
    await expect(buttonFocused()).resolves.toBe(true);
    await expect(froms()).resolves.toEqual(us.filter((c) => c.from !== skipped).map((c) => c.from));
    await expect(hint.textContent()).resolves.toBe(`Added ${us.length - 1} holidays.`);
    await expect(page.locator(tid('checklist')).getAttribute('data-errors')).resolves.toBe('0');

    // remove one after adding: reopened, both it and the unticked one start unticked, the rest are already closed
    const removed = us[0]!.from;
    await page.click(tid('closure-0-remove'));
    await button.click();
    await expect(page.locator(`${tid('holiday-picker')} input[type="checkbox"]:enabled`).count()).resolves.toBe(2);
    for (const d of [removed, skipped]) {
      await expect(box(d).isChecked()).resolves.toBe(false);
      await expect(page.locator(tid(`holiday-${d}`)).textContent()).resolves.toContain('left out before');
    }
    await expect(box(us[2]!.from).isChecked()).resolves.toBe(true);
    await expect(box(us[2]!.from).isDisabled()).resolves.toBe(true);
    await expect(page.locator(tid(`holiday-${us[2]!.from}`)).textContent()).resolves.toContain('already closed');
    await expect(page.locator(tid('holiday-picker-add')).isDisabled()).resolves.toBe(true);
    await shot('08-public-holidays-reopened');
    // the calendar select stays and re-lists the picker
    await page.selectOption(tid('closures-holiday-calendar'), 'FR');
    const fr = holidayClosures('FR', today, []);
    await expect(page.locator(`${tid('holiday-picker')} input[type="checkbox"]`).count()).resolves.toBe(fr.length);
    await page.selectOption(tid('closures-holiday-calendar'), 'US-FED');
    // Escape cancels and gives focus back to the button
    await box(removed).focus();
    await page.keyboard.press('Escape');
    await expect(picker.count()).resolves.toBe(0);
    await expect(buttonFocused()).resolves.toBe(true);
    await expect(closures.count()).resolves.toBe(us.length - 2);

    // the toolbar's undo restores the removed day; one Ctrl+Z then takes every added holiday back
    await page.click(tid('undo'));
    await expect(closures.count()).resolves.toBe(us.length - 1);
    await button.focus();
    await page.keyboard.press('Control+z');
    await expect(closures.count()).resolves.toBe(0);
    await expect(hint.count()).resolves.toBe(0);
    // the record went with it: every holiday starts ticked again; Cancel closes
    await button.click();
    await expect(page.locator(`${tid('holiday-picker')} input[type="checkbox"]:checked:enabled`).count()).resolves.toBe(us.length);
    await page.click(tid('holiday-picker-cancel'));
    await expect(picker.count()).resolves.toBe(0);
    await expect(buttonFocused()).resolves.toBe(true);
    expect(errors).toEqual([]);
  });

  it('previews {{nextOpening}} and {{calledAt}} as the Simulator sends the selected step to the chosen sample caller', async () => {
    await page.selectOption(tid('starter-picker'), 'four-touch');
    const text = 'Hi {{callerFirstName}}, we open {{nextOpening}}. You called {{calledAt}}. Reply STOP to opt out.';
    await page.click(tid('node-sms-first'));
    await page.fill(tid('inspector-sms-text'), text);
    await page.click(tid('tab-simulator'));
    const template: SequenceTemplate = { ...fourTouch, steps: fourTouch.steps.map((st) => (st.id === 'sms-first' && st.channel === 'sms' ? { ...st, message: { ...st.message, text } } : st)) };
    // a call at 20:45 today: Miami's quiet hours hold the first SMS to the next morning, New York's do not
    for (const [id, zone, name] of [['miami', 'America/New_York', 'Maria López (Miami)'], ['new-york', 'America/New_York', 'Dana Whitfield (New York)']] as const) {
      await page.selectOption(tid('sim-caller'), id);
      const local = `${todayIn(zone)}T20:45`;
      await page.fill(tid('sim-at'), local);
      const at = fromZonedTime(local, zone).getTime();
      const touch = simulateSequence(template, { to: sampleCaller(id).phone, at }).touches[0]!;
      const row = page.locator(`${tid('sim-table')} tr[data-step="sms-first"] ${tid('sim-next-opening-0')}`);
      await expect(row.textContent()).resolves.toBe(`{{nextOpening}} → ${touch.nextOpening}`);
      const first = id === 'miami' ? 'Maria' : 'Dana';
      await expect(page.locator(tid('inspector-preview-text')).textContent()).resolves
        .toBe(`Hi ${first}, we open ${touch.nextOpening}. You called ${formatCalledAt(at, 'America/Chicago', [zone])}. Reply STOP to opt out.`);
      await expect(page.locator(tid('inspector-preview-next-opening')).textContent()).resolves
        .toBe(`nextOpening and calledAt as sent ${touch.allowedLocal} to ${name}, as in the Simulator.`);
      if (id === 'miami') await shot('09-preview-matches-simulator');
    }
    expect(errors).toEqual([]);
  });

  it('marks closures that ended before today as past and removes only those in one undoable step', async () => {
    await page.selectOption(tid('starter-picker'), 'four-touch');
    await page.click(tid('node-start'));
    await page.waitForSelector(tid('closures'));
    // four-touch is in America/Chicago: "today" is the real date there
    const today = todayIn('America/Chicago');
    const wanted = [
      { from: addDays(today, -30), to: addDays(today, -20), reason: 'Last month', past: true },
      { from: addDays(today, -3), to: today, reason: 'Ends today', past: false },
      { from: addDays(today, -1), to: '', reason: 'Yesterday', past: true },
      { from: addDays(today, 10), to: '', reason: 'Coming up', past: false },
    ];
    for (const [i, c] of wanted.entries()) {
      await page.click(tid('closures-add'));
      await page.fill(tid(`closure-${i}-from`), c.from);
      if (c.to) await page.fill(tid(`closure-${i}-to`), c.to);
      await page.fill(tid(`closure-${i}-reason`), c.reason);
    }
    const closures = page.locator(`${tid('closures')} .closure`);
    const reasons = () => page.locator(`${tid('closures')} .closure input[aria-label="Reason"]`).evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    const pastFlags = () => Promise.all(wanted.map((_, i) => page.locator(tid(`closure-${i}-past`)).count().then((n) => n === 1)));
    await expect(closures.count()).resolves.toBe(4);
    await expect(pastFlags()).resolves.toEqual(wanted.map((c) => c.past));
    await expect(page.locator(tid('closure-0-past')).textContent()).resolves.toBe('past');
    await shot('10-past-closures');

    await page.click(tid('closures-remove-past'));
    await expect(reasons()).resolves.toEqual(['Ends today', 'Coming up']);
    await expect(page.locator(`${tid('closures')} .past-tag`).count()).resolves.toBe(0);
    await expect(page.locator(tid('closures-remove-past')).count()).resolves.toBe(0);

    // one Ctrl+Z brings both back in place
    await page.click(tid('canvas'), { position: { x: 30, y: 30 } }); // leave the text field
    await page.keyboard.press('Control+z');
    await expect(reasons()).resolves.toEqual(wanted.map((c) => c.reason));
    await expect(pastFlags()).resolves.toEqual(wanted.map((c) => c.past));
    await expect(page.locator(tid('closure-2-from')).inputValue()).resolves.toBe(wanted[2]!.from);
    expect(errors).toEqual([]);
  });
});
