import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { SequenceTemplate, Step } from '../../shared/schema';
import { fourTouch } from '../../shared/templates';
import { FIT_MIN_ZOOM } from '../../designer/src/graph/viewport';
import { templateToGraph } from '../../designer/src/graph/templateToGraph';
import { AUTOSAVE_KEY, serializeDoc } from '../../designer/src/store';
import { hasChromium, openStarter, tid, type StarterPage } from './harness';

if (!hasChromium() && process.env.CHROMIUM_REQUIRED === '1') throw new Error('CHROMIUM_REQUIRED=1 but /usr/bin/chromium is missing');

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (a: Box, b: Box) => a.x >= b.x && a.y >= b.y && a.x + a.width <= b.x + b.width && a.y + a.height <= b.y + b.height;

/** `n` steps cycling through the four-touch starter's, each timed from the one before. */
function longTemplate(n: number): SequenceTemplate {
  const steps: Step[] = Array.from({ length: n }, (_, i) => {
    const base = fourTouch.steps[i % fourTouch.steps.length]!;
    return { ...base, id: `step-${i + 1}`, delay: i === 0 ? base.delay : { minutes: 30 + i, from: 'previous' } } as Step;
  });
  return { ...fourTouch, id: `long-${n}`, name: `Long, ${n} steps`, steps };
}

/** Fitting the canvas to its content: a resized window, a template too long to fit whole. */
describe.skipIf(!hasChromium())('canvas fit in a real browser', () => {
  let session: StarterPage;
  let page: Page;

  beforeAll(async () => {
    session = await openStarter('four-touch', { defaultTimeout: 5000 });
    ({ page } = session);
  }, 120_000);

  afterAll(async () => session?.close());

  const transform = (p: Page) => p.locator('.react-flow__viewport').evaluate((el) => getComputedStyle(el).transform);
  /** Resolves once the viewport has stopped moving (a fit or a pan has landed). */
  async function settled(p = page): Promise<string> {
    let last = '';
    for (let same = 0; same < 3;) {
      await p.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
      const now = await transform(p);
      same = now === last ? same + 1 : 0;
      last = now;
    }
    return last;
  }
  const zoomOf = (matrix: string) => Number(/^matrix\(([^,]+),/.exec(matrix)![1]);
  const box = async (selector: string) => (await page.locator(selector).boundingBox())!;
  /** What a fit from the zoom controls gives now. */
  async function fitFromControls(): Promise<string> {
    await page.click('.react-flow__controls-fitview');
    return settled();
  }

  it('fits again when the window is resized, unless the user has moved the canvas since', async () => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.selectOption(tid('starter-picker'), 'four-touch');
    const small = await settled();

    await page.setViewportSize({ width: 1920, height: 1080 });
    const large = await settled();
    expect(zoomOf(large)).toBeGreaterThan(zoomOf(small)); // more room: the cards grew
    await expect(fitFromControls()).resolves.toBe(large); // exactly what a fit gives at this size
    const canvas = await box(tid('canvas'));
    for (const id of await page.locator('.react-flow__node').evaluateAll((els) => els.map((el) => el.getAttribute('data-id')!))) {
      const node = await box(`.react-flow__node[data-id="${id}"]`);
      expect(inside(node, canvas), `${id} on the canvas`).toBe(true);
      expect(overlaps(node, await box('.react-flow__minimap')), `${id} under the minimap`).toBe(false);
    }

    await page.setViewportSize({ width: 1280, height: 720 });
    await expect(settled()).resolves.toBe(small); // and back

    // panned by hand: a resize leaves the canvas where the user put it
    const pane = await box('.react-flow__pane');
    await page.mouse.move(pane.x + 120, pane.y + 300);
    await page.mouse.down();
    await page.mouse.move(pane.x + 220, pane.y + 200, { steps: 6 });
    await page.mouse.up();
    const panned = await settled();
    expect(panned).not.toBe(small);
    await page.setViewportSize({ width: 1440, height: 900 });
    await expect(settled()).resolves.toBe(panned);
  });

  it('fits a long template no smaller than a readable zoom, from its start', async () => {
    await page.setViewportSize({ width: 1280, height: 720 });
    const template = longTemplate(24);
    await page.setInputFiles(tid('import-input'), { name: 'long.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(template)) });
    await page.waitForSelector(tid('import-done'));
    await page.waitForSelector(tid('node-step-24'), { state: 'attached' });
    const fitted = await settled();
    expect(zoomOf(fitted)).toBeCloseTo(FIT_MIN_ZOOM, 6); // held at the minimum, not shrunk to React Flow's 0.1

    // the sequence's start is in view, clear of the overlays; its end is a pan away
    const canvas = await box(tid('canvas'));
    for (const id of ['node-start', 'node-step-1']) {
      const card = await box(tid(id));
      expect(inside(card, canvas), `${id} on the canvas`).toBe(true);
      expect(overlaps(card, await box('.react-flow__minimap')), `${id} under the minimap`).toBe(false);
      expect(overlaps(card, await box('.react-flow__controls')), `${id} under the controls`).toBe(false);
      expect(overlaps(card, await box(tid('import-done'))), `${id} under the notice`).toBe(false);
    }
    expect(inside(await box(tid('node-step-24')), canvas)).toBe(false);

    // the zoom controls' fit does the same; a resize keeps it too
    await expect(fitFromControls()).resolves.toBe(fitted);
    await page.setViewportSize({ width: 1440, height: 900 });
    const larger = await settled();
    expect(zoomOf(larger)).toBeCloseTo(FIT_MIN_ZOOM, 6);
    expect(inside(await box(tid('node-start')), await box(tid('canvas')))).toBe(true);
    await expect(fitFromControls()).resolves.toBe(larger);
  });

  it('opens a long saved canvas the same way', async () => {
    const p = await session.browser.newPage({ viewport: { width: 1280, height: 720 } });
    try {
      await p.addInitScript(([key, value]) => localStorage.setItem(key, value), [AUTOSAVE_KEY, serializeDoc(templateToGraph(longTemplate(30)))] as const);
      await p.goto(session.url);
      await p.waitForSelector(tid('node-step-1'));
      const matrix = await settled(p);
      expect(zoomOf(matrix)).toBeCloseTo(FIT_MIN_ZOOM, 6);
      const canvas = (await p.locator(tid('canvas')).boundingBox())!;
      expect(inside((await p.locator(tid('node-start')).boundingBox())!, canvas)).toBe(true);
      expect(inside((await p.locator(tid('node-step-30')).boundingBox())!, canvas)).toBe(false);
    } finally {
      await p.close();
    }
  });
});
