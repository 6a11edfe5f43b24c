import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { hasChromium, openStarter, tid, type StarterPage } from './harness';

if (!hasChromium() && process.env.CHROMIUM_REQUIRED === '1') throw new Error('CHROMIUM_REQUIRED=1 but /usr/bin/chromium is missing');

/** Keyboard-only use: find a step, read what is wrong with it, reorder it, export; and a failed import. */
describe.skipIf(!hasChromium())('designer by keyboard in a real browser', () => {
  let session: StarterPage;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    session = await openStarter('four-touch', { defaultTimeout: 5000 });
    ({ page, errors } = session);
  }, 120_000);

  afterAll(async () => session?.close());

  const focused = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid ?? document.activeElement?.id ?? null);

  it('shows where the focus is on a canvas step reached with Tab, and Enter opens it', async () => {
    await page.focus(tid('palette-final'));
    for (let i = 0; i < 40 && (await focused()) !== 'rf__node-email-next-day'; i++) await page.keyboard.press('Tab');
    await expect(focused()).resolves.toBe('rf__node-email-next-day');
    const outline = await page.locator(tid('node-email-next-day')).evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.press('Enter');
    await expect(page.locator(tid('inspector-title')).textContent()).resolves.toBe('Next-day email with booking link');
  });

  it('opens the step a checklist finding is about from the keyboard, with the finding at the top of the inspector', async () => {
    await page.click(tid('node-sms-first'));
    const text = await page.inputValue(tid('inspector-sms-text'));
    await page.fill(tid('inspector-sms-text'), text.replace('Reply STOP to opt out.', ''));
    await page.click(tid('node-start'));
    await page.selectOption(tid('template-classification'), 'marketing');
    await page.locator(tid('inspector')).evaluate((el) => { el.scrollTop = 2000; });

    await page.locator(`${tid('diag-FIRST_SMS_NO_OPTOUT')} button`).focus();
    await page.keyboard.press('Enter');
    await expect(page.locator(tid('inspector-step')).getAttribute('data-step-id')).resolves.toBe('sms-first');
    await expect(page.waitForFunction(() => document.activeElement?.id === 'inspector-title')).resolves.toBeTruthy();
    const finding = page.locator(`${tid('inspector-diagnostics')} [data-code="FIRST_SMS_NO_OPTOUT"]`);
    const box = (await finding.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(720);

    // a finding about the sequence opens its settings, where the finding stands under the policy
    await page.locator(`${tid('diag-MARKETING_NO_WRITTEN_CONSENT')} button`).focus();
    await page.keyboard.press('Enter');
    await expect(page.locator(tid('inspector-title')).textContent()).resolves.toBe('Sequence settings');
    await expect(page.locator(`${tid('policy-diagnostics')} [data-code="MARKETING_NO_WRITTEN_CONSENT"]`).count()).resolves.toBe(1);
    await page.selectOption(tid('template-consent'), 'written');
    await expect(page.locator(tid('policy-diagnostics')).count()).resolves.toBe(0);
    await page.click(tid('undo'));
    await page.click(tid('undo'));
    await page.click(tid('undo'));
    await expect(page.locator(tid('checklist')).getAttribute('data-errors')).resolves.toBe('0');
  });

  it('moves a step up and down with the keyboard, exports the new order and undoes it', async () => {
    // another step opens at the top of the inspector, where its checks and order are
    await page.click(tid('node-sms-final'));
    await page.locator(tid('inspector')).evaluate((el) => { el.scrollTop = 2000; });
    await page.click(tid('node-email-next-day'));
    await expect(page.locator(tid('inspector')).evaluate((el) => el.scrollTop)).resolves.toBe(0);
    await expect(page.locator(tid('inspector-order')).textContent()).resolves.toContain('Step 2 of 4');
    await page.focus(tid('inspector-move-up'));
    await page.keyboard.press('Enter');
    await expect(page.locator(tid('inspector-order')).textContent()).resolves.toContain('Step 1 of 4');
    // the pressed button is disabled at the top: the focus moved on to "Move down"
    await expect(page.waitForFunction(() => (document.activeElement as HTMLElement | null)?.dataset.testid === 'inspector-move-down')).resolves.toBeTruthy();
    await expect(page.locator(tid('edge-delay-email-next-day')).count()).resolves.toBe(1);
    // timed from the call, the first SMS now lands before the email above it
    await expect(page.locator(`${tid('diag-DELAY_ORDER')}[data-step="sms-first"]`).count()).resolves.toBe(1);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await expect(page.locator(tid('inspector-order')).textContent()).resolves.toContain('Step 3 of 4');
    await expect(page.locator(tid('diag-DELAY_ORDER')).count()).resolves.toBe(1);
    await page.keyboard.press('Control+z'); // focus is on a button: the designer's undo
    await expect(page.locator(tid('inspector-order')).textContent()).resolves.toContain('Step 2 of 4');
    await page.keyboard.press('Shift+Tab'); // Move up
    await page.keyboard.press('Enter');
    await page.click(tid('export-n8n')); // DELAY_ORDER refuses the export
    await page.waitForSelector(tid('export-refused'));
    // swap the timings too (the email within a minute, the SMS the next day): then it exports
    await page.click(tid('node-email-next-day'));
    await page.selectOption(tid('inspector-delay-unit'), 'm');
    await page.click(tid('node-sms-first'));
    await page.selectOption(tid('inspector-delay-unit'), 'd');
    await expect(page.locator(tid('checklist')).getAttribute('data-errors')).resolves.toBe('0');
    const [file] = await Promise.all([page.waitForEvent('download'), page.click(tid('export-template'))]);
    const template = JSON.parse(await readFile((await file.path())!, 'utf8'));
    expect(template.steps.map((s: { id: string }) => s.id)).toEqual(['email-next-day', 'sms-first', 'callback-day-2', 'sms-final']);
    expect(errors).toEqual([]);
  });

  it('keeps a failed import\'s message until it is closed', async () => {
    const p = await session.browser.newPage({ viewport: { width: 1280, height: 720 } });
    p.on('pageerror', (e) => errors.push(e.message));
    await p.clock.install();
    await p.goto(session.url);
    await p.waitForSelector(tid('node-start'));
    await p.setInputFiles(tid('import-input'), { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"schemaVersion": 1, "steps": [') });
    await expect(p.locator(tid('import-failed')).textContent()).resolves.toContain('Not JSON');
    await p.clock.runFor(30_000);
    await expect(p.locator(tid('import-failed')).count()).resolves.toBe(1);
    await p.focus(tid('notice-close'));
    await p.keyboard.press('Enter');
    await expect(p.locator(tid('import-failed')).count()).resolves.toBe(0);
    // other notices still fade
    await p.selectOption(tid('starter-picker'), 'four-touch');
    await expect(p.locator(tid('notice-loaded')).count()).resolves.toBe(1);
    await p.clock.runFor(7_000);
    await expect(p.locator(tid('notice-loaded')).count()).resolves.toBe(0);
    await p.close();
    expect(errors).toEqual([]);
  });

  it('explains a file that is no template in plain words, and shows a too-close touch as a warning on its step', async () => {
    const p = await session.browser.newPage({ viewport: { width: 1280, height: 720 } });
    p.on('pageerror', (e) => errors.push(e.message));
    await p.goto(session.url);
    await p.waitForSelector(tid('node-start'));
    await p.setInputFiles(tid('import-input'), { name: 'list.json', mimeType: 'application/json', buffer: Buffer.from('[]') });
    await expect(p.locator(tid('import-failed')).textContent()).resolves.toContain('The file is not a sequence template: it is a list, not a JSON object.');
    await expect(p.locator(tid('import-failed')).textContent()).resolves.not.toContain('(root)');
    await p.click(tid('notice-close'));

    await p.selectOption(tid('starter-picker'), 'four-touch');
    await p.click(tid('node-email-next-day'));
    await p.selectOption(tid('inspector-delay-unit'), 'm'); // 1 day → 1 minute: with the first SMS
    await p.fill(tid('inspector-delay-amount'), '2');
    const finding = p.locator(`${tid('diag-TOUCHES_TOO_CLOSE')}[data-step="email-next-day"]`);
    await expect(finding.textContent()).resolves.toContain('Step 2 "Next-day email with booking link" lands 1 min after Step 1 "Instant text-back"');
    await expect(p.locator(tid('checklist')).getAttribute('data-warnings')).resolves.toBe('1');
    await expect(p.locator(tid('checklist')).getAttribute('data-errors')).resolves.toBe('0');
    await expect(p.locator(tid('badge-email-next-day')).getAttribute('data-state')).resolves.toBe('warning');
    await expect(p.locator(`${tid('inspector-diagnostics')} [data-code="TOUCHES_TOO_CLOSE"]`).count()).resolves.toBe(1);
    await p.fill(tid('inspector-delay-amount'), '61');
    await expect(finding.count()).resolves.toBe(0);
    await p.close();
    expect(errors).toEqual([]);
  });
});
