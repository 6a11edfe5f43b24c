import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { hasChromium, openStarter, tid, type StarterPage } from './harness';

if (!hasChromium() && process.env.CHROMIUM_REQUIRED === '1') throw new Error('CHROMIUM_REQUIRED=1 but /usr/bin/chromium is missing');

/** A user retyping a delay: the unit they see is the unit their number means. */
describe.skipIf(!hasChromium())('designer delay editor in a real browser', () => {
  let session: StarterPage;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    session = await openStarter('four-touch');
    ({ page, errors } = session);
  }, 120_000);

  afterAll(async () => session?.close());

  const amount = () => page.locator(tid('inspector-delay-amount'));
  const unit = () => page.locator(tid('inspector-delay-unit'));

  it('keeps days when the amount is erased and retyped (6 days → 5 days, not 5 minutes)', async () => {
    await page.click(tid('node-sms-final'));
    await expect(amount().inputValue()).resolves.toBe('6');
    await expect(unit().inputValue()).resolves.toBe('d');
    await amount().click();
    await amount().press('End');
    await amount().press('Backspace');
    // an empty field is no edit yet: the step keeps its delay
    await expect(amount().inputValue()).resolves.toBe('');
    await expect(unit().inputValue()).resolves.toBe('d');
    await expect(page.locator(tid('delay-sms-final')).textContent()).resolves.toContain('+6 d after call');
    await amount().pressSequentially('5');
    await expect(unit().inputValue()).resolves.toBe('d');
    await expect(page.locator(tid('delay-sms-final')).textContent()).resolves.toContain('+5 d after call');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(tid('export-template'))]);
    const template = JSON.parse(await readFile((await download.path())!, 'utf8'));
    expect(template.steps.find((s: { id: string }) => s.id === 'sms-final').delay).toEqual({ minutes: 5 * 1440, from: 'call' });
  });

  it('lets a 0 delay pick its unit before the amount is typed', async () => {
    await page.click(tid('palette-notify_agent'));
    await expect(amount().inputValue()).resolves.toBe('0');
    await page.selectOption(tid('inspector-delay-unit'), 'h');
    await expect(unit().inputValue()).resolves.toBe('h');
    await amount().click();
    await amount().press('Control+a');
    await amount().pressSequentially('2');
    await expect(page.locator(tid('delay-notify_agent-1')).textContent()).resolves.toContain('+2 h after previous');
    expect(errors).toEqual([]);
  });

  it('keeps the words written when the step moves to another channel (and back)', async () => {
    await page.click(tid('node-sms-final'));
    const words = 'Last note from {{businessName}}: reply YES and we call you today.';
    await page.fill(tid('inspector-sms-text'), words);
    await page.selectOption(tid('inspector-channel'), 'email');
    await expect(page.locator(tid('inspector-email-text')).inputValue()).resolves.toBe(words);
    await expect(page.locator(tid('inspector-email-subject')).inputValue()).resolves.not.toBe('');
    await page.selectOption(tid('inspector-channel'), 'sms');
    await expect(page.locator(tid('inspector-sms-text')).inputValue()).resolves.toBe(words);
    expect(errors).toEqual([]);
  });
});
