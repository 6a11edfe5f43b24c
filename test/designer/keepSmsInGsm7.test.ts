import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasChromium, openStarter, tid, type StarterPage } from './harness';

if (!hasChromium() && process.env.CHROMIUM_REQUIRED === '1') throw new Error('CHROMIUM_REQUIRED=1 but /usr/bin/chromium is missing');

/** "Keep texts in the basic SMS alphabet": the counter and the preview show the SMS as it is sent, and the setting is undoable. */
describe.skipIf(!hasChromium())('designer: keep texts in the basic SMS alphabet', () => {
  let session: StarterPage;
  let page: Page;
  const text = (id: string) => page.locator(tid(id)).textContent();
  const settings = () => page.click('.react-flow__pane', { position: { x: 5, y: 5 } });

  beforeAll(async () => {
    session = await openStarter('bilingual', { defaultTimeout: 5000 });
    ({ page } = session);
  }, 120_000);

  afterAll(async () => session?.close());

  it('counts and previews an SMS in plain letters while the setting is on, as written once it is off, and undoes the change', async () => {
    await settings();
    const box = page.locator(tid('template-keep-sms-gsm7'));
    await expect(box.isChecked()).resolves.toBe(true);
    await expect(text('keep-sms-gsm7-hint')).resolves.toContain('160 characters instead of 70');

    await page.click(tid('node-sms-first'));
    await page.fill(tid('inspector-sms-text'), '¿Cómo está, {{callerFirstName}}? {{businessName}} le llamará pronto — responda aquí. Responda STOP para no recibir más mensajes.');
    await expect(text('inspector-sms-counter-encoding')).resolves.toBe('GSM-7');
    await expect(text('inspector-sms-counter-folded')).resolves.toBe('sent as ó→o á→a —→- í→i');
    await expect(text('inspector-preview-text')).resolves.toBe('¿Como esta, Maria? Casa Verde Landscaping le llamara pronto - responda aqui. Responda STOP para no recibir mas mensajes.');
    await expect(text('inspector-preview-segments')).resolves.toBe('Sent as GSM-7: 1 segment.');

    await settings();
    await box.uncheck();
    await expect(page.locator(`${tid('keep-sms-gsm7-diagnostics')} [data-code="SMS_AVOIDABLE_UCS2"]`).count()).resolves.toBe(1);
    await page.click(tid('node-sms-first'));
    await expect(text('inspector-sms-counter-encoding')).resolves.toBe('UCS-2');
    await expect(page.locator(tid('inspector-sms-counter-folded')).count()).resolves.toBe(0);
    await expect(text('inspector-preview-text')).resolves.toContain('¿Cómo está, Maria?');
    await expect(text('inspector-preview-segments')).resolves.toBe('Sent as UCS-2: 2 segments (ó á — í are not GSM-7).');

    // one undo takes the setting back
    await page.click(tid('undo'));
    await settings();
    await expect(box.isChecked()).resolves.toBe(true);
    await expect(page.locator(tid('keep-sms-gsm7-diagnostics')).count()).resolves.toBe(0);
    await page.click(tid('node-sms-first'));
    await expect(text('inspector-sms-counter-encoding')).resolves.toBe('GSM-7');
    await expect(text('inspector-preview-text')).resolves.toContain('¿Como esta, Maria?');
    expect(session.errors).toEqual([]);
  });
});
