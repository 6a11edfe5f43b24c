import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasChromium, openStarter, tid, type StarterPage } from './harness';

if (!hasChromium() && process.env.CHROMIUM_REQUIRED === '1') throw new Error('CHROMIUM_REQUIRED=1 but /usr/bin/chromium is missing');

/** "Send during business hours only" is what the timeline shows: later touches wait for opening time, the first does not. */
describe.skipIf(!hasChromium())('designer: send during business hours only', () => {
  let session: StarterPage;
  let page: Page;

  beforeAll(async () => {
    session = await openStarter('after-hours', { defaultTimeout: 5000 });
    ({ page } = session);
  }, 120_000);

  afterAll(async () => session?.close());

  it('holds the last check-in (due Tuesday 18:30, after closing) to Wednesday in the timeline, and not once unticked', async () => {
    await page.click(tid('tab-simulator'));
    // El Paso shares the shop's Mountain time; Friday 18:30, after the 17:30 closing
    await page.selectOption(tid('sim-caller'), 'el-paso');
    await page.fill(tid('sim-at'), '2027-01-15T18:30');
    await page.waitForSelector(tid('sim-row-3'));
    // the first text answers the call at once, though the shop is closed
    await expect(page.locator(tid('sim-allowed-0')).textContent()).resolves.toContain('2027-01-15 18:31');
    await expect(page.locator(tid('sim-allowed-3')).textContent()).resolves.toContain('2027-01-20 09:00');
    await expect(page.locator(tid('sim-reason-3')).textContent()).resolves.toContain('BUSINESS_HOURS');

    await page.click('.react-flow__pane', { position: { x: 5, y: 5 } });
    const box = page.locator(tid('template-business-hours-only'));
    await expect(box.isChecked()).resolves.toBe(true);
    await expect(page.locator(tid('business-hours-only-hint')).textContent()).resolves.toContain('after the first');
    await box.uncheck();
    await expect(box.isChecked()).resolves.toBe(false);
    await expect(page.locator(tid('sim-allowed-3')).textContent()).resolves.toContain('2027-01-19 18:30');
    await expect(page.locator(tid('sim-reason-3')).textContent()).resolves.not.toContain('BUSINESS_HOURS');
    await expect(page.locator(tid('sim-allowed-0')).textContent()).resolves.toContain('2027-01-15 18:31');
    expect(session.errors).toEqual([]);
  });

  it('holds the first text too with "Hold the first text until opening too", and warns when that does nothing', async () => {
    const bho = page.locator(tid('template-business-hours-only'));
    const hold = page.locator(tid('template-hold-first-touch'));
    await bho.check();
    await expect(hold.isChecked()).resolves.toBe(false);
    await hold.check();
    // Friday 18:30 in El Paso: the shop opens Saturday at 09:00
    await expect(page.locator(tid('sim-allowed-0')).textContent()).resolves.toContain('2027-01-16 09:00');
    await expect(page.locator(tid('sim-reason-0')).textContent()).resolves.toContain('BUSINESS_HOURS');
    await expect(page.locator(tid('business-hours-only-hint')).textContent()).resolves.toContain('the first text too');
    await expect(page.locator(tid('send-window-diagnostics')).count()).resolves.toBe(0);

    // business hours off: the held first text is moot, the designer says so and lets it be unticked
    await bho.uncheck();
    await expect(page.locator(tid('sim-allowed-0')).textContent()).resolves.toContain('2027-01-15 18:31');
    await expect(page.locator(`${tid('send-window-diagnostics')} [data-code="HOLD_FIRST_TOUCH_UNUSED"]`).count()).resolves.toBe(1);
    await expect(hold.isEnabled()).resolves.toBe(true);
    await hold.uncheck();
    await expect(hold.isEnabled()).resolves.toBe(false);
    await expect(page.locator(tid('send-window-diagnostics')).count()).resolves.toBe(0);
    expect(session.errors).toEqual([]);
  });
});
