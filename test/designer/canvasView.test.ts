import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { STARTER_TEMPLATES } from '../../shared/templates';
import { hasChromium, openStarter, tid, type StarterPage } from './harness';

if (!hasChromium() && process.env.CHROMIUM_REQUIRED === '1') throw new Error('CHROMIUM_REQUIRED=1 but /usr/bin/chromium is missing');

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (a: Box, b: Box) => a.x >= b.x && a.y >= b.y && a.x + a.width <= b.x + b.width && a.y + a.height <= b.y + b.height;

/** What the canvas shows: where it is, what it is zoomed and panned to, and where the user can click. */
describe.skipIf(!hasChromium())('the canvas view in a real browser', () => {
  let session: StarterPage;
  let page: Page;

  beforeAll(async () => {
    session = await openStarter('four-touch', { defaultTimeout: 5000 });
    ({ page } = session);
  }, 120_000);

  afterAll(async () => session?.close());

  const transform = () => page.locator('.react-flow__viewport').evaluate((el) => getComputedStyle(el).transform);
  /** Resolves once the viewport has stopped moving (a fit or a pan has landed). */
  async function settled(): Promise<string> {
    let last = '';
    for (let same = 0; same < 3;) {
      await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
      const now = await transform();
      same = now === last ? same + 1 : 0;
      last = now;
    }
    return last;
  }
  const box = async (selector: string) => (await page.locator(selector).boundingBox())!;
  const nodeIds = () => page.locator('.react-flow__node').evaluateAll((els) => els.map((el) => el.getAttribute('data-id')!));
  /** The node's card is what the pointer hits at its centre (no notice, minimap or control above it). */
  const hitAtCentre = (id: string) => page.locator(`.react-flow__node[data-id="${id}"]`).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return el.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2));
  });

  for (const [width, height] of [[1280, 720], [1440, 900], [1920, 1080]] as const) {
    it(`${width}×${height}: opening each starter leaves every node clear of the minimap and the controls, and every exit clickable`, async () => {
      await page.setViewportSize({ width, height });
      for (const t of STARTER_TEMPLATES) {
        await page.selectOption(tid('starter-picker'), t.id);
        await page.waitForSelector(tid('notice-loaded'));
        await settled();
        const canvas = await box(tid('canvas'));
        const minimap = await box('.react-flow__minimap');
        const controls = await box('.react-flow__controls');
        const ids = await nodeIds();
        expect(ids.filter((id) => id.startsWith('exit-')).length).toBeGreaterThan(0);
        for (const id of ids) {
          const node = await box(`.react-flow__node[data-id="${id}"]`);
          expect(inside(node, canvas), `${t.id} ${id} on the canvas`).toBe(true);
          expect(overlaps(node, minimap), `${t.id} ${id} under the minimap`).toBe(false);
          expect(overlaps(node, controls), `${t.id} ${id} under the controls`).toBe(false);
          await expect(hitAtCentre(id), `${t.id} ${id} covered`).resolves.toBe(true);
        }
        for (const id of ids.filter((x) => x.startsWith('exit-'))) {
          await page.locator(tid(`node-${id}`)).click({ timeout: 1000 });
          await expect(page.locator(tid('inspector-title')).textContent()).resolves.toMatch(/^Exit: /);
        }
      }
    });
  }

  it('fits the view from the zoom controls as a load does: never past 100 %, clear of the minimap', async () => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.selectOption(tid('starter-picker'), '__empty');
    const loaded = await settled();
    await page.click('.react-flow__controls-fitview');
    await expect(settled()).resolves.toBe(loaded);
    expect(Number(/^matrix\(([^,]+),/.exec(loaded)![1])).toBeLessThanOrEqual(1);
  });

  it('brings a step added from the palette into view, selected, with its inspector focused, also past 20 steps', async () => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.selectOption(tid('starter-picker'), 'four-touch');
    await settled();
    for (let i = 0; i < 3; i++) await page.click('.react-flow__controls-zoomin');
    await settled();
    const canvas = await box(tid('canvas'));
    expect(inside(await box(tid('node-sms-final')), canvas)).toBe(false); // the chain's end is off-screen

    const added: string[] = [];
    for (let i = 1; i <= 20; i++) {
      await page.click(tid(i % 2 ? 'palette-sms' : 'palette-email'));
      added.push(i % 2 ? `sms-${(i + 1) / 2}` : `email-${i / 2}`);
    }
    // and one by keyboard
    await page.focus(tid('palette-callback_task'));
    await page.keyboard.press('Enter');
    added.push('callback_task-1');
    await settled();
    const last = await box(tid('node-callback_task-1'));
    expect(inside(last, canvas)).toBe(true);
    expect(overlaps(last, await box('.react-flow__minimap'))).toBe(false);
    await expect(page.locator('.react-flow__node.selected').evaluateAll((els) => els.map((el) => el.getAttribute('data-id')))).resolves.toEqual(['callback_task-1']);
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('inspector-title');
    await expect(page.locator(tid('inspector-title')).textContent()).resolves.toBe('Call back');
    expect((await nodeIds()).filter((id) => added.includes(id))).toHaveLength(21);

    // an exit from the palette: in view and open in the inspector too
    const pane = await box('.react-flow__pane');
    await page.mouse.click(pane.x + 60, pane.y + 40); // nothing selected: the sequence settings
    await page.uncheck(tid('template-exit-crm_status'));
    await expect(page.locator(tid('node-exit-crm_status')).count()).resolves.toBe(0);
    await page.click(tid('palette-exit-crm_status'));
    await settled();
    expect(inside(await box(tid('node-exit-crm_status')), canvas)).toBe(true);
    await expect(page.locator(tid('inspector-title')).textContent()).resolves.toBe('Exit: CRM status');
  });

  it('moves the canvas for a checklist finding only when its step is off-screen', async () => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.selectOption(tid('starter-picker'), 'four-touch');
    await page.click(tid('node-email-next-day'));
    await page.selectOption(tid('inspector-delay-unit'), 'm'); // 1 day → 2 minutes: right after the first SMS
    await page.fill(tid('inspector-delay-amount'), '2');
    const finding = `${tid('diag-TOUCHES_TOO_CLOSE')}[data-step="email-next-day"] button`;
    await page.waitForSelector(finding);
    const before = await settled();
    const canvas = await box(tid('canvas'));
    expect(inside(await box(tid('node-email-next-day')), canvas)).toBe(true);
    await page.click(tid('node-start'));
    await page.click(finding);
    await expect(settled()).resolves.toBe(before);
    await expect(page.locator(tid('inspector-step')).getAttribute('data-step-id')).resolves.toBe('email-next-day');

    // panned away: the pick brings the step back
    const pane = await box('.react-flow__pane');
    await page.mouse.move(pane.x + 120, pane.y + 380);
    await page.mouse.down();
    await page.mouse.move(pane.x + 120, pane.y + 20, { steps: 8 });
    await page.mouse.up();
    await settled();
    expect(inside(await box(tid('node-email-next-day')), canvas)).toBe(false);
    await page.click(finding);
    await settled();
    expect(inside(await box(tid('node-email-next-day')), canvas)).toBe(true);
  });

  it('wraps a long step name without spaces instead of widening the inspector and the checklist', async () => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.selectOption(tid('starter-picker'), 'four-touch');
    await page.click(tid('node-sms-first'));
    await page.fill(tid('inspector-name'), 'follow_up_for_callers_who_missed_the_front_desk_and_want_a_call_back');
    const text = await page.inputValue(tid('inspector-sms-text'));
    await page.fill(tid('inspector-sms-text'), text.replace('Reply STOP to opt out.', '')); // a finding that names the step
    await page.waitForSelector(tid('diag-FIRST_SMS_NO_OPTOUT'));
    const overflow = (id: string) => page.locator(tid(id)).evaluate((el) => el.scrollWidth - el.clientWidth);
    await expect(overflow('inspector')).resolves.toBe(0);
    await expect(overflow('checklist')).resolves.toBe(0);
  });
});
