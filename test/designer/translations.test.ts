import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { fromZonedTime } from 'date-fns-tz';
import { parseSequenceTemplate } from '../../shared/schema';
import { nextOpeningText } from '../../shared/hours';
import { fourTouch } from '../../shared/templates';
import { callerZones, sampleCaller } from '../../designer/src/lib/samples';
import { hasChromium, openStarter, tid, type StarterPage } from './harness';

if (!hasChromium() && process.env.CHROMIUM_REQUIRED === '1') throw new Error('CHROMIUM_REQUIRED=1 but /usr/bin/chromium is missing');

const SPANISH = 'Hola {{callerFirstName}}, somos {{businessName}}. Abrimos {{nextOpening}}. Responda aquí o llame al {{callbackNumber}}. Responda STOP para no recibir más mensajes.';

/** A designer giving a Spanish line its own texts: write, preview, undo, export and import them. */
describe.skipIf(!hasChromium())('designer: texts in several languages', () => {
  let session: StarterPage;
  let page: Page;
  let exportedText = '';

  beforeAll(async () => {
    session = await openStarter('four-touch', { defaultTimeout: 5000 });
    ({ page } = session);
    // the previews follow the Simulator's sample: Maria in Miami calls on Tuesday 2026-12-01 at 20:45
    await page.click(tid('tab-simulator'));
    await page.selectOption(tid('sim-caller'), 'miami');
    await page.fill(tid('sim-at'), '2026-12-01T20:45');
    await page.waitForSelector(tid('sim-row-0'));
    await page.click(tid('tab-checklist'));
  }, 120_000);

  afterAll(async () => session?.close());

  const missingFor = (stepId: string) => page.locator(`${tid('checklist')} ${tid('diag-MISSING_TRANSLATION')}[data-step="${stepId}"]`);
  const download = async () => {
    const [d] = await Promise.all([page.waitForEvent('download'), page.click(tid('export-template'))]);
    return readFile((await d.path())!, 'utf8');
  };

  it('keeps the translations collapsed until a department’s callers need one', async () => {
    await page.click(tid('node-sms-first'));
    await expect(page.locator(tid('inspector-translations')).getAttribute('open')).resolves.toBeNull();
    await expect(page.locator(tid('translation-es')).isVisible()).resolves.toBe(false);
    await expect(page.locator(tid('inspector-translations-summary')).textContent()).resolves.toBe('none');
  });

  it('shows a Spanish editor on the SMS step once a department’s callers speak Spanish, and the checklist warns', async () => {
    await page.click('.react-flow__pane', { position: { x: 5, y: 5 } });
    await expect(page.locator(tid('template-language')).inputValue()).resolves.toBe('en');
    await page.selectOption(tid('dept-0-language'), 'es');
    await page.click(tid('node-sms-first'));
    await expect(page.locator(tid('inspector-translations')).getAttribute('open')).resolves.not.toBeNull();
    await expect(page.locator(tid('translation-es')).isVisible()).resolves.toBe(true);
    await expect(page.locator(tid('translation-es-text')).inputValue()).resolves.toBe('');
    await expect(page.locator(tid('inspector-translations-summary')).textContent()).resolves.toBe('Spanish (to write)');
    // not French: no department's callers get it
    await expect(page.locator(tid('translation-fr')).count()).resolves.toBe(0);
    await expect(missingFor('sms-first').count()).resolves.toBe(1);
    await expect(page.locator(`${tid('translation-es-diagnostics')} [data-code="MISSING_TRANSLATION"]`).count()).resolves.toBe(1);
  });

  it('previews the Spanish text in Spanish, and the warning for the step goes', async () => {
    await page.fill(tid('translation-es-text'), SPANISH);
    await expect(missingFor('sms-first').count()).resolves.toBe(0);
    // the other steps still lack theirs
    await expect(missingFor('sms-final').count()).resolves.toBe(1);
    await expect(page.locator(`${tid('translation-es-diagnostics')} [data-code="MISSING_TRANSLATION"]`).count()).resolves.toBe(0);
    await expect(page.locator(tid('translation-es-counter')).isVisible()).resolves.toBe(true);
    // the first text is held by Florida's quiet hours to 08:00 the next morning (07:00 in Chicago)
    await expect(page.locator(tid('translation-es-preview-next-opening')).textContent()).resolves.toContain('as sent 2026-12-02 08:00');
    const sentAt = fromZonedTime('2026-12-02T08:00:00', 'America/New_York').getTime();
    const zones = callerZones(sampleCaller('miami'));
    const opening = nextOpeningText(fourTouch.business, sentAt, zones, 'es');
    expect(opening).not.toBe(nextOpeningText(fourTouch.business, sentAt, zones, 'en'));
    await expect(page.locator(tid('translation-es-preview-text')).textContent()).resolves
      .toBe(`Hola Maria, somos Brightside Plumbing. Abrimos ${opening}. Responda aquí o llame al (512) 555-0142. Responda STOP para no recibir más mensajes.`);
    // the step's own preview stays English
    await expect(page.locator(tid('inspector-preview-text')).textContent()).resolves.toMatch(/^Hi Maria, this is Brightside Plumbing\./);
    // the card on the canvas says the step has a Spanish text
    await expect(page.locator(tid('languages-sms-first')).textContent()).resolves.toBe('ES');
    await expect(page.locator(tid('languages-sms-final')).count()).resolves.toBe(0);
  });

  it('undoes the Spanish text in one step, and redoes it', async () => {
    await page.click(tid('undo'));
    await expect(page.locator(tid('translation-es-text')).inputValue()).resolves.toBe('');
    await expect(page.locator(tid('translation-es-preview')).count()).resolves.toBe(0);
    await expect(missingFor('sms-first').count()).resolves.toBe(1);
    await page.click(tid('redo'));
    await expect(page.locator(tid('translation-es-text')).inputValue()).resolves.toBe(SPANISH);
  });

  it('undoes the department’s language', async () => {
    await page.click('.react-flow__pane', { position: { x: 5, y: 5 } });
    await page.selectOption(tid('dept-1-language'), 'fr');
    await expect(page.locator(tid('dept-1-language')).inputValue()).resolves.toBe('fr');
    await page.click(tid('undo'));
    await expect(page.locator(tid('dept-1-language')).inputValue()).resolves.toBe('');
    await expect(page.locator(tid('dept-0-language')).inputValue()).resolves.toBe('es');
  });

  it('writes the Spanish first text for voicemails, previewed in Spanish', async () => {
    const text = 'Gracias por su mensaje de voz a {{businessName}}. Le llamamos {{nextOpening}}. Responda STOP para darse de baja.';
    await page.fill(tid('first-message-voicemail-es'), text);
    await expect(page.locator(tid('first-message-voicemail-es-preview-text')).textContent()).resolves.toMatch(/^Gracias por su mensaje de voz a Brightside Plumbing\. Le llamamos .+\. Responda STOP/);
    await expect(page.locator(tid('first-message-missed-es')).inputValue()).resolves.toBe('');
    await page.click(tid('undo'));
    await expect(page.locator(tid('first-message-voicemail-es')).inputValue()).resolves.toBe('');
    await page.click(tid('redo'));
    await expect(page.locator(tid('first-message-voicemail-es')).inputValue()).resolves.toBe(text);
  });

  it('exports the translation and the department’s language', async () => {
    exportedText = await download();
    const json = JSON.parse(exportedText);
    expect(parseSequenceTemplate(json).success).toBe(true);
    expect(json.language).toBe('en');
    expect(json.business.departments[0]).toMatchObject({ id: 'service', language: 'es' });
    expect('language' in json.business.departments[1]).toBe(false);
    expect(json.steps[0].message.translations).toEqual({ es: { text: SPANISH } });
    expect(json.trigger.firstMessageTranslations.es.voicemail).toMatch(/^Gracias por su mensaje de voz/);
    expect(session.errors).toEqual([]);
  });

  it('imports that file back as it was', async () => {
    await page.selectOption(tid('starter-picker'), 'after-hours');
    await page.setInputFiles(tid('import-input'), { name: 'translated.json', mimeType: 'application/json', buffer: Buffer.from(exportedText) });
    await page.waitForSelector(tid('import-done'));
    await page.click(tid('node-sms-first'));
    await expect(page.locator(tid('translation-es-text')).inputValue()).resolves.toBe(SPANISH);
    await page.click('.react-flow__pane', { position: { x: 5, y: 5 } });
    await expect(page.locator(tid('dept-0-language')).inputValue()).resolves.toBe('es');
    expect(JSON.parse(await download())).toEqual(JSON.parse(exportedText));
  });

  it('adds and removes a French email translation with its subject, and a template written in Spanish', async () => {
    await page.click(tid('node-email-next-day'));
    await expect(page.locator(tid('translation-fr')).count()).resolves.toBe(0);
    await page.selectOption(tid('inspector-add-translation'), 'fr');
    await page.fill(tid('translation-fr-subject'), 'Votre appel à {{businessName}}');
    await page.fill(tid('translation-fr-text'), 'Bonjour, rappel {{nextOpening}}.');
    await expect(page.locator(tid('translation-fr-preview-text')).textContent()).resolves.toMatch(/^Votre appel à Brightside Plumbing\n\nBonjour, rappel .+\.$/);
    // no department's callers get French: the lint says so next to it
    await expect(page.locator(`${tid('translation-fr-diagnostics')} [data-code="TRANSLATION_UNUSED"]`).count()).resolves.toBe(1);
    await page.click(tid('translation-fr-remove'));
    await expect(page.locator(tid('translation-fr')).count()).resolves.toBe(0);
    await page.click(tid('undo'));
    await expect(page.locator(tid('translation-fr-subject')).inputValue()).resolves.toBe('Votre appel à {{businessName}}');

    await page.click('.react-flow__pane', { position: { x: 5, y: 5 } });
    await page.selectOption(tid('template-language'), 'es');
    await expect(page.locator(tid('dept-1-language')).locator('option').first().textContent()).resolves.toBe('same as the texts (Spanish)');
    await page.click(tid('undo'));
    await expect(page.locator(tid('template-language')).inputValue()).resolves.toBe('en');
    expect(session.errors).toEqual([]);
  });
});
