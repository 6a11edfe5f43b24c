import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { hasChromium, launchChromium, serveFreshBuild } from './harness';

const tid = (id: string) => `[data-testid="${id}"]`;
if (!hasChromium() && process.env.CHROMIUM_REQUIRED === '1') throw new Error('CHROMIUM_REQUIRED=1 but /usr/bin/chromium is missing');

/** What a user needs on screen: the toolbar's actions, the canvas, the checklist and the inspector. */
const ESSENTIAL = ['starter-picker', 'undo', 'redo', 'auto-layout', 'import', 'phone-system', 'export-n8n', 'export-n8n-split', 'export-template', 'canvas', 'checklist', 'inspector'];

describe.skipIf(!hasChromium())('designer on a laptop and a phone screen', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveFreshBuild>>;
  const errors: string[] = [];

  beforeAll(async () => {
    server = await serveFreshBuild();
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(width: number, height: number): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height } });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url);
    await page.waitForSelector(tid('node-start'));
    return page;
  }

  /** Each control's box, once scrolled to: inside the page's width, and wide enough to use. */
  async function boxes(page: Page) {
    const out: Record<string, { left: number; right: number; width: number }> = {};
    for (const id of ESSENTIAL) {
      await page.locator(tid(id)).scrollIntoViewIfNeeded();
      const b = (await page.locator(tid(id)).boundingBox())!;
      out[id] = { left: Math.round(b.x), right: Math.round(b.x + b.width), width: Math.round(b.width) };
    }
    return out;
  }

  for (const [width, height, minCanvas] of [[1280, 720, 500], [390, 844, 360]] as const) {
    it(`${width}×${height}: every action within the width, the canvas and the checklist usable, no sideways scrolling`, async () => {
      const page = await open(width, height);
      const found = await boxes(page);
      for (const id of ESSENTIAL) {
        expect(found[id]!.left, id).toBeGreaterThanOrEqual(0);
        expect(found[id]!.right, id).toBeLessThanOrEqual(width);
      }
      expect(found.canvas!.width).toBeGreaterThanOrEqual(minCanvas);
      expect(found.checklist!.width).toBeGreaterThanOrEqual(300);
      expect(found.inspector!.width).toBeGreaterThanOrEqual(300);
      await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(width);
      // the palette's last entry can be reached and used
      await page.locator(tid('palette-final')).scrollIntoViewIfNeeded();
      await page.click(tid('palette-final'));
      await expect(page.locator(tid('inspector-title')).textContent()).resolves.toBe('Final check-in');
      await page.close();
      expect(errors).toEqual([]);
    });
  }
});
