import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasChromium, openStarter, tid, type StarterPage } from './harness';

if (!hasChromium() && process.env.CHROMIUM_REQUIRED === '1') throw new Error('CHROMIUM_REQUIRED=1 but /usr/bin/chromium is missing');

interface DrawnIcon { where: string; drawn: string; css: string }

/**
 * Every icon on the canvas's cards (background images, not inline SVG): its stroke colour and the
 * CSS colour an inline icon would take there (`currentColor`), both normalised to #rrggbb.
 */
const canvasIcons = (page: Page) => page.evaluate((): DrawnIcon[] => {
  const ctx = document.createElement('canvas').getContext('2d')!;
  const norm = (c: string) => { ctx.fillStyle = '#000'; ctx.fillStyle = c; return String(ctx.fillStyle); };
  return Array.from(document.querySelectorAll<HTMLElement>('.react-flow__node .icon')).map((el) => {
    const svg = decodeURIComponent(/url\("data:image\/svg\+xml,(.*)"\)/.exec(getComputedStyle(el).backgroundImage)?.[1] ?? '');
    const stroke = /stroke="([^"]+)"/.exec(svg)?.[1] ?? 'none';
    const card = el.closest('.react-flow__node')!.getAttribute('data-id');
    return { where: `${card} ${el.parentElement!.className}`, drawn: norm(stroke), css: norm(getComputedStyle(el).color) };
  });
});

describe.skipIf(!hasChromium())('canvas card icons in a real browser', () => {
  let session: StarterPage;
  let page: Page;

  beforeAll(async () => {
    session = await openStarter('four-touch', { defaultTimeout: 5000 });
    ({ page } = session);
  }, 120_000);

  afterAll(async () => session?.close());

  it('draws each card icon in the colour of its place (channel, exit, badge, chip), in both themes', async () => {
    // a warning and an error badge next to the ok ones
    await page.click(tid('node-email-next-day'));
    await page.selectOption(tid('inspector-delay-unit'), 'm');
    await page.fill(tid('inspector-delay-amount'), '2');
    await page.click(tid('node-sms-first'));
    const text = await page.inputValue(tid('inspector-sms-text'));
    await page.fill(tid('inspector-sms-text'), text.replace('Reply STOP to opt out.', ''));
    await page.waitForSelector(`${tid('badge-sms-first')}[data-state="error"]`);
    await page.waitForSelector(`${tid('badge-email-next-day')}[data-state="warning"]`);

    const startTheme = await page.evaluate(() => document.documentElement.dataset.theme);
    for (const theme of [startTheme, startTheme === 'dark' ? 'light' : 'dark']) {
      if (theme !== startTheme) await page.click(tid('theme-toggle'));
      await expect(page.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe(theme);
      const icons = await canvasIcons(page);
      expect(icons.length).toBeGreaterThan(12);
      for (const kind of ['node-icon', 'badge-ok', 'badge-warning', 'badge-error', 'chip-delay']) {
        expect(icons.some((i) => i.where.includes(kind)), `${theme}: a ${kind} icon`).toBe(true);
      }
      for (const icon of icons) expect(icon.drawn, `${theme}: ${icon.where}`).toBe(icon.css);
    }
    // the themes draw different colours (the check above is not trivially true)
    const now = await canvasIcons(page);
    await page.click(tid('theme-toggle'));
    const back = await canvasIcons(page);
    expect(back.find((i) => i.where.startsWith('sms-first node-icon'))!.drawn).not.toBe(now.find((i) => i.where.startsWith('sms-first node-icon'))!.drawn);
  });
});
