import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fourTouch } from '../../shared/templates';
import { hasChromium, openStarter, tid, type StarterPage } from './harness';

if (!hasChromium() && process.env.CHROMIUM_REQUIRED === '1') throw new Error('CHROMIUM_REQUIRED=1 but /usr/bin/chromium is missing');

/** The Simulator shows what the nodes do for the kind of call chosen; a sensitive industry limits what texts say, not who sends them. */
describe.skipIf(!hasChromium())('designer: simulator call class and sensitive industry', () => {
  let session: StarterPage;
  let page: Page;

  beforeAll(async () => {
    session = await openStarter('healthcare-informational', { defaultTimeout: 5000 });
    ({ page } = session);
  }, 120_000);

  afterAll(async () => session?.close());

  const verdicts = () => page.locator(`${tid('sim-table')} tbody tr`).evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-step')}:${r.getAttribute('data-verdict')}`));

  it('sends the healthcare starter’s texts automatically, explains the industry, and flags a health detail in a text', async () => {
    await page.click(tid('tab-simulator'));
    await page.selectOption(tid('sim-caller'), 'new-york');
    await page.fill(tid('sim-at'), '2027-01-12T10:00');
    await page.waitForSelector(tid('sim-row-0'));
    await expect(verdicts()).resolves.toEqual(expect.arrayContaining(['sms-returning-call:send', 'sms-next-day:send']));
    await expect(verdicts()).resolves.not.toContain('sms-returning-call:manual');

    await page.click('.react-flow__pane', { position: { x: 5, y: 5 } });
    await expect(page.locator(tid('business-industry-hint')).textContent()).resolves
      .toBe('Texts must stay free of health, account or case details (the checklist flags them); the Consent Gate’s Sensitive Industry option routes every touch to a person instead.');

    await page.click(tid('tab-checklist'));
    await expect(page.locator(tid('checklist-warnings')).textContent()).resolves.toBe('0 warnings');
    await page.click(tid('node-sms-returning-call'));
    await page.fill(tid('inspector-sms-text'), 'This is {{businessName}}: your lab results are in. Call us at {{callbackNumber}}. Reply STOP to opt out.');
    const diag = page.locator(`${tid('checklist')} ${tid('diag-SENSITIVE_DETAIL')}`);
    await expect(diag.textContent()).resolves.toContain('the message mentions "lab results", a health detail');
    expect(session.errors).toEqual([]);
  });

  it('shows only the steps for the chosen kind of call, and says when the trigger would not start the sequence', async () => {
    const template = {
      ...fourTouch,
      trigger: { ...fourTouch.trigger, classes: ['missed', 'voicemail'] },
      steps: [
        ...fourTouch.steps.slice(0, 1),
        { id: 'sms-voicemail', name: 'About your voicemail', channel: 'sms', delay: { minutes: 90, from: 'call' }, onlyIf: { classes: ['voicemail'] },
          message: { text: 'Hi {{callerFirstName|there}}, {{businessName}} here: we listened to your voicemail and will call you back today. Reply here anytime.' } },
        ...fourTouch.steps.slice(1),
      ],
    };
    await page.setInputFiles(tid('import-input'), { name: 'classes.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(template)) });
    await page.waitForSelector(tid('import-done'));
    await page.click(tid('tab-simulator'));
    await page.fill(tid('sim-at'), '2027-01-12T10:00');
    const steps = () => page.locator(`${tid('sim-table')} tbody tr`).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-step')));

    await expect(page.locator(tid('sim-call-class')).inputValue()).resolves.toBe('missed');
    await expect(steps()).resolves.toEqual(['sms-first', 'email-next-day', 'callback-day-2', 'sms-final']);
    await page.selectOption(tid('sim-call-class'), 'voicemail');
    await expect.poll(steps).toEqual(['sms-first', 'sms-voicemail', 'email-next-day', 'callback-day-2', 'sms-final']);

    await page.selectOption(tid('sim-call-class'), 'abandoned');
    await expect(page.locator(tid('sim-not-enrolled')).textContent()).resolves
      .toBe('This call would not start the sequence: the trigger enrolls only missed or voicemail calls, not abandoned ones.');
    await expect(page.locator(tid('sim-table')).count()).resolves.toBe(0);
    expect(session.errors).toEqual([]);
  });
});
