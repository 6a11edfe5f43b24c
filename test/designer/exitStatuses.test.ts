import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasChromium, openStarter, tid, type StarterPage } from './harness';

if (!hasChromium() && process.env.CHROMIUM_REQUIRED === '1') throw new Error('CHROMIUM_REQUIRED=1 but /usr/bin/chromium is missing');

/** The CRM-status exit's list shows what the sequence holds, also after undo and redo. */
describe.skipIf(!hasChromium())('designer: CRM statuses that end the sequence', () => {
  let session: StarterPage;
  let page: Page;

  beforeAll(async () => {
    session = await openStarter('four-touch', { defaultTimeout: 5000 });
    ({ page } = session);
  }, 120_000);

  afterAll(async () => session?.close());

  it('keeps a comma while typing, and shows the list undo and redo bring back', async () => {
    await page.click(tid('node-exit-crm_status'));
    const field = page.locator(tid('inspector-crm-statuses'));
    const before = await field.inputValue();
    await field.fill('');
    await field.pressSequentially('won, ');
    await expect(field.inputValue()).resolves.toBe('won, ');
    await field.pressSequentially('lost');
    await expect(field.inputValue()).resolves.toBe('won, lost');
    await page.click(tid('undo'));
    await expect(field.inputValue()).resolves.toBe(before);
    await page.click(tid('redo'));
    await expect(field.inputValue()).resolves.toBe('won, lost');
    expect(session.errors).toEqual([]);
  });
});
