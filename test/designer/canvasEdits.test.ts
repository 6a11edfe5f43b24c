import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasChromium, openStarter, tid, type StarterPage } from './harness';

if (!hasChromium() && process.env.CHROMIUM_REQUIRED === '1') throw new Error('CHROMIUM_REQUIRED=1 but /usr/bin/chromium is missing');

/** Editing on the canvas: connecting, copying and pasting, nudging with the arrow keys, undo. */
describe.skipIf(!hasChromium())('canvas edits in a real browser', () => {
  let session: StarterPage;
  let page: Page;

  beforeAll(async () => {
    session = await openStarter('four-touch', { defaultTimeout: 5000 });
    ({ page } = session);
  }, 120_000);

  afterAll(async () => session?.close());

  const edgeIds = () => page.locator('.react-flow__edge').evaluateAll((els) => els.map((el) => el.getAttribute('data-id')).sort());
  const positionOf = (id: string) => page.locator(`.react-flow__node[data-id="${id}"]`).evaluate((el) => el.style.transform);
  const stepIds = () => page.locator('.react-flow__node').evaluateAll((els) => els.map((el) => el.getAttribute('data-id')!).filter((id) => id !== 'start' && !id.startsWith('exit-')));

  it('refuses to wire a later step back to an earlier one, which would cut the whole chain off the start', async () => {
    const edges = await edgeIds();
    await page.dragAndDrop(tid('handle-out-callback-day-2'), tid('handle-in-sms-first'));
    await expect(edgeIds()).resolves.toEqual(edges);
    await expect(page.locator(tid('checklist')).getAttribute('data-errors')).resolves.toBe('0');
    // wiring forwards still works: the step in between leaves the chain
    await page.dragAndDrop(tid('handle-out-sms-first'), tid('handle-in-callback-day-2'));
    await expect(page.locator(tid('edge-delay-callback-day-2')).count()).resolves.toBe(1);
    await expect(page.locator(`${tid('diag-UNCONNECTED_STEP')}[data-step="email-next-day"]`).count()).resolves.toBe(1);
    await page.keyboard.press('Control+z');
    await expect(edgeIds()).resolves.toEqual(edges);
  });

  it('deletes the selected step with Backspace on the canvas, not while the inspector has the focus', async () => {
    await page.selectOption(tid('starter-picker'), 'four-touch');
    await page.click(tid('palette-sms')); // the new step is selected and the inspector's heading has the focus
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('inspector-title');
    const added = (await stepIds()).length;
    await page.keyboard.press('Backspace');
    await expect(stepIds().then((ids) => ids.length)).resolves.toBe(added);
    await page.click(tid('node-sms-final'));
    await page.keyboard.press('Delete');
    await expect(stepIds()).resolves.not.toContain('sms-final');
    await page.keyboard.press('Control+z');
    await expect(stepIds()).resolves.toContain('sms-final');
  });

  it('pastes each copy beside the last one, not on top of it', async () => {
    await page.selectOption(tid('starter-picker'), 'four-touch');
    await page.click(tid('node-sms-final'));
    await page.keyboard.press('Control+c');
    for (let i = 0; i < 3; i++) await page.keyboard.press('Control+v');
    await expect(stepIds()).resolves.toContain('sms-final-3');
    const spots = await Promise.all(['sms-final', 'sms-final-1', 'sms-final-2', 'sms-final-3'].map(positionOf));
    expect(new Set(spots).size).toBe(4);
  });

  it('leaves Ctrl+C to the browser when text outside the canvas is selected', async () => {
    await page.selectOption(tid('starter-picker'), 'four-touch');
    await page.click(tid('node-email-next-day'));
    await page.keyboard.press('Control+c');
    await page.click(tid('node-sms-first')); // a selected step…
    // after the designer's own key handler (on window, added first): did it take the key from the browser?
    await page.evaluate(() => {
      const w = window as unknown as { copyKeys: boolean[] };
      w.copyKeys = [];
      window.addEventListener('keydown', (e) => { if (e.key === 'c') w.copyKeys.push(e.defaultPrevented); });
    });
    await page.click(`${tid('checklist')} .panel-hint`, { clickCount: 3 }); // …and "All checks pass." selected to copy
    await page.keyboard.press('Control+c');
    await expect(page.evaluate(() => [String(window.getSelection()), ...(window as unknown as { copyKeys: boolean[] }).copyKeys])).resolves.toEqual(['All checks pass.', false]);
    // the step was not copied: a paste brings the one copied before
    await page.click(tid('node-start'));
    await page.keyboard.press('Control+v');
    await expect(stepIds()).resolves.toContain('email-next-day-1');
    await expect(stepIds()).resolves.not.toContain('sms-first-1');
    // clicked on the canvas, Ctrl+C copies the selected step
    await page.click(tid('node-sms-first'));
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await expect(stepIds()).resolves.toContain('sms-first-1');
  });

  it('undoes a nudge with the arrow keys as one step, before the edit made earlier', async () => {
    await page.selectOption(tid('starter-picker'), 'four-touch');
    await page.click(tid('node-sms-final'));
    await page.fill(tid('inspector-name'), 'Last text');
    const at = await positionOf('sms-final');
    await page.click(tid('node-sms-final'));
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    const moved = await positionOf('sms-final');
    expect(moved).not.toBe(at);
    await page.keyboard.press('Control+z');
    await expect(positionOf('sms-final')).resolves.toBe(at);
    await expect(page.locator(tid('inspector-name')).inputValue()).resolves.toBe('Last text');
    await page.keyboard.press('Control+Shift+z');
    await expect(positionOf('sms-final')).resolves.toBe(moved);
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    await expect(page.locator(tid('inspector-name')).inputValue()).resolves.toBe('Final check-in');
    expect(session.errors).toEqual([]);
  });
});
