/**
 * n8n's own editor UI in a real Chromium (Debian's /usr/bin/chromium through playwright-core, launched
 * as the designer's browser test does): sign-in through the form, a workflow's canvas nodes, a
 * node's parameter panel (NDV), the node creator's search. Every uncaught page error, console error
 * and failed request is recorded with the phase (set by the test) it happened in.
 * Selectors are n8n 2.40's `data-test-id` attributes.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium } from '../../designer/harness';
import { OWNER } from './n8nProcess';

export interface PageEvent {
  phase: string;
  kind: 'pageerror' | 'console' | 'http';
  text: string;
  url?: string;
  status?: number;
}

export interface IconState {
  src: string;
  /** decoded with a size (a broken or missing image has none) */
  loaded: boolean;
}

export interface CanvasNode {
  name: string;
  type: string;
  text: string;
  /** n8n's "install this node to use it" badge (a type it does not know) */
  notInstalled: boolean;
  icons: IconState[];
}

export interface CreatorItem {
  name: string;
  icons: IconState[];
}

export interface EditorPage {
  page: Page;
  events: PageEvent[];
  /** tags the events that follow */
  phase(name: string): void;
  /** fills and submits n8n's sign-in form; resolves once the editor left /signin */
  signIn(email?: string, password?: string): Promise<void>;
  /** opens `/workflow/<id>` and waits until its canvas nodes and their icons have loaded */
  openWorkflow(id: string): Promise<CanvasNode[]>;
  /** double-clicks a canvas node; resolves with the open panel once it shows parameters (or n8n's unknown-node notice) */
  openNdv(nodeName: string): Promise<Locator>;
  closeNdv(): Promise<void>;
  /** first line of the label n8n renders for parameter `name` in the open panel (null when none) */
  parameterLabel(name: string): Promise<string | null>;
  /** the node type line in the panel's Settings tab ("<display name> node version N (Latest)"); back to Parameters after */
  nodeVersionLine(): Promise<string>;
  /** icons of the open panel's header (the node's own icon) */
  ndvIcons(): Promise<IconState[]>;
  /** opens the node creator (once) and lists the nodes its search shows for `query` */
  searchNodes(query: string): Promise<CreatorItem[]>;
  closeCreator(): Promise<void>;
  /** the open trigger panel's "Webhook URLs" section: the URL under its Test URL and Production URL tabs */
  webhookUrls(): Promise<{ test: string; production: string }>;
  /** clicks the trigger panel's execute button (`trigger-execute-button`); resolves with the text of n8n's listening panel */
  listenForTestEvent(): Promise<string>;
  /** whether the open panel still shows n8n's "Listening for test event" state */
  isListening(): Promise<boolean>;
  /** clicks "Stop Listening" when the panel listens */
  stopListening(): Promise<void>;
  /** waits for the open panel's output to show items; returns its output tabs' text ("Enrolled Branch (1 item)") and the items its JSON view shows for the selected one */
  outputJson(timeoutMs?: number): Promise<{ branches: string; items: unknown[] }>;
  /** the open panel's output pane text (what it shows instead of items, too) */
  outputText(): Promise<string>;
  /** clicks the canvas's "Execute workflow" (`execute-workflow-button`); resolves once n8n waits for the trigger's event */
  executeWorkflow(): Promise<void>;
  /** waits until no execution runs or waits for a trigger event (the canvas's stop buttons are gone) */
  waitForIdle(timeoutMs?: number): Promise<void>;
  /** canvas nodes n8n marks as run successfully (`canvas-node-status-success`), by name */
  succeededNodes(): Promise<string[]>;
  shot(path: string): Promise<void>;
  close(): Promise<void>;
}

const tid = (id: string) => `[data-test-id="${id}"]`;

/** Waits until every image under `scope` finished loading (or failed), then reports each. */
async function iconStates(page: Page, scope: string): Promise<IconState[]> {
  await page.waitForFunction((sel) => Array.from(document.querySelectorAll(`${sel} img`)).every((i) => (i as HTMLImageElement).complete), scope, { timeout: 10_000 });
  return page.locator(`${scope} img`).evaluateAll((imgs) =>
    imgs.map((i) => ({ src: (i as HTMLImageElement).getAttribute('src') ?? '', loaded: (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0 })),
  );
}

export async function openEditor(baseUrl: string): Promise<EditorPage> {
  const browser: Browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const events: PageEvent[] = [];
  let phase = 'start';
  page.on('pageerror', (e) => events.push({ phase, kind: 'pageerror', text: `${e.name}: ${e.message}`, url: e.stack?.split('\n')[1]?.trim() }));
  page.on('console', (m) => {
    if (m.type() === 'error') events.push({ phase, kind: 'console', text: m.text(), url: m.location().url });
  });
  page.on('response', (r) => {
    if (r.status() >= 400) events.push({ phase, kind: 'http', text: `${r.request().method()} ${r.status()}`, url: r.url(), status: r.status() });
  });
  const ndv = page.locator(tid('ndv'));
  let creatorOpen = false;

  return {
    page,
    events,
    phase(name) {
      phase = name;
    },
    async signIn(email = OWNER.email, password = OWNER.password) {
      await page.goto(`${baseUrl}/signin`);
      await page.locator(`${tid('signin-form')} ${tid('emailOrLdapLoginId')} input`).fill(email);
      await page.locator(`${tid('signin-form')} ${tid('password')} input`).fill(password);
      await page.locator(`${tid('signin-form')} ${tid('form-submit-button')}`).click();
      await page.waitForURL((u) => !u.pathname.startsWith('/signin'), { timeout: 20_000 });
    },
    async openWorkflow(id) {
      creatorOpen = false;
      await page.goto(`${baseUrl}/workflow/${id}`);
      await page.locator(tid('canvas-node')).first().waitFor({ timeout: 30_000 });
      await iconStates(page, tid('canvas-node'));
      const nodes = await page.locator(tid('canvas-node')).evaluateAll((els) =>
        els.map((e) => ({
          name: e.getAttribute('data-node-name') ?? '',
          type: e.getAttribute('data-node-type') ?? '',
          text: (e as HTMLElement).innerText,
          notInstalled: e.querySelector('[data-test-id="node-not-installed"]') !== null,
        })),
      );
      return Promise.all(nodes.map(async (n) => ({ ...n, icons: await iconStates(page, `${tid('canvas-node')}[data-node-name="${n.name}"]`) })));
    },
    async openNdv(nodeName) {
      await page.locator(`${tid('canvas-node')}[data-node-name="${nodeName}"]`).dblclick();
      // a node type n8n does not know gets an "install this node" notice instead of parameters
      await ndv.locator(tid('node-parameters')).or(ndv.getByText(/not currently installed|Install this node/i)).first().waitFor({ timeout: 10_000 });
      return ndv;
    },
    async closeNdv() {
      await ndv.locator(tid('ndv-close-button')).click();
      await ndv.waitFor({ state: 'hidden' });
    },
    async parameterLabel(name) {
      const label = ndv.locator(`${tid('node-parameters')} label[for="${name}"]`).first();
      if ((await label.count()) === 0) return null;
      return (await label.innerText()).split('\n')[0]!.trim();
    },
    async nodeVersionLine() {
      await ndv.locator(tid('tab-settings')).click();
      const line = (await ndv.locator(tid('node-version')).innerText()).trim();
      await ndv.locator(tid('tab-params')).click();
      return line;
    },
    ndvIcons: () => iconStates(page, `${tid('ndv')} header:has(${tid('node-title-container')})`),
    async searchNodes(query) {
      if (!creatorOpen) {
        await page.locator(tid('node-creator-plus-button')).click();
        await page.locator(tid('node-creator')).waitFor();
        creatorOpen = true;
      }
      const search = page.locator(tid('node-creator-search-bar'));
      await search.fill('');
      await search.fill(query);
      // the list filters as you type: settled once it names the query (or says nothing matched) and stays put for 300 ms
      // a node with operations (the Ledger) is not a `node-creator-node-item`: take every listed entry that names a node
      const item = page.locator(`${tid('node-creator')} ${tid('item-iterator-item')}:has(${tid('node-creator-item-name')})`);
      const names = () => item.evaluateAll((els) => els.map((e) => (e as HTMLElement).innerText.trim()).join('\n'));
      const deadline = Date.now() + 10_000;
      let last = '';
      for (;;) {
        await page.waitForTimeout(300);
        const now = await names();
        const answered = now.toLowerCase().includes(query.toLowerCase()) || (await page.locator(tid('node-creator-no-results')).count()) > 0;
        if ((answered && now === last) || Date.now() > deadline) break;
        last = now;
      }
      await iconStates(page, tid('node-creator'));
      return item.evaluateAll((els) =>
        els.map((e) => ({
          name: (e.querySelector('[data-test-id="node-creator-item-name"]') as HTMLElement | null)?.innerText.trim() ?? '',
          icons: Array.from(e.querySelectorAll('img')).map((i) => ({ src: i.getAttribute('src') ?? '', loaded: i.complete && i.naturalWidth > 0 })),
        })),
      );
    },
    async closeCreator() {
      if (!creatorOpen) return;
      await page.keyboard.press('Escape');
      await page.locator(tid('node-creator')).waitFor({ state: 'hidden' });
      creatorOpen = false;
    },
    async webhookUrls() {
      const section = ndv.locator('.webhooks');
      // collapsed for most node types: the headline toggles it
      if ((await section.locator('.webhook-url').count()) === 0) await section.locator('.headline').click();
      const read = async (tab: 'test' | 'production') => {
        await section.locator(tid(`radio-button-${tab}`)).click();
        return (await section.locator('.webhook-url').first().innerText()).trim();
      };
      const production = await read('production');
      const test = await read('test');
      return { test, production };
    },
    async listenForTestEvent() {
      await ndv.locator(tid('trigger-execute-button')).click();
      const listening = ndv.locator(tid('trigger-listening'));
      await listening.waitFor({ timeout: 15_000 });
      return (await listening.innerText()).trim();
    },
    isListening: async () => (await ndv.locator(tid('trigger-listening')).count()) > 0,
    async stopListening() {
      if ((await ndv.locator(tid('trigger-listening')).count()) === 0) return;
      await ndv.locator(`${tid('trigger-listening')} ${tid('trigger-execute-button')}`).click();
      await ndv.locator(tid('trigger-listening')).waitFor({ state: 'hidden', timeout: 10_000 });
    },
    async outputJson(timeoutMs = 15_000) {
      const out = ndv.locator(tid('output-panel'));
      await out
        .locator(tid('ndv-run-data-display-mode'))
        .waitFor({ timeout: timeoutMs })
        .catch(async () => {
          throw new Error(`the panel shows no output within ${timeoutMs} ms: ${(await out.innerText()).replace(/\s+/g, ' ')}`);
        });
      const branches = await out.locator(tid('branches')).innerText({ timeout: 2_000 }).catch(() => '');
      await out.locator(`${tid('ndv-run-data-display-mode')} ${tid('radio-button-json')}`).click();
      // the JSON view puts every token on a line of its own: joined back it is the items' JSON (once it has
      // rendered). It renders only the lines in view (virtual scrolling), so the page is made tall enough
      // for the whole item while it is read.
      const viewport = page.viewportSize();
      await page.setViewportSize({ width: viewport?.width ?? 1440, height: 6_000 });
      const container = out.locator(tid('ndv-data-container'));
      const deadline = Date.now() + 5_000;
      try {
        for (;;) {
          const text = (await container.innerText({ timeout: 5_000 })).replace(/\s*\n\s*/g, '');
          try {
            return { branches, items: JSON.parse(text) as unknown[] };
          } catch (e) {
            if (Date.now() > deadline) throw new Error(`the output's JSON view does not read as JSON: ${(e as Error).message}\n${text.slice(0, 2000)}`);
          }
          await page.waitForTimeout(200);
        }
      } finally {
        if (viewport) await page.setViewportSize(viewport);
      }
    },
    outputText: () => ndv.locator(tid('output-panel')).innerText(),
    async executeWorkflow() {
      await page.locator(tid('execute-workflow-button')).click();
      await page.locator(tid('stop-execution-waiting-for-webhook-button')).waitFor({ timeout: 15_000 });
    },
    async waitForIdle(timeoutMs = 20_000) {
      await page.locator(`${tid('stop-execution-waiting-for-webhook-button')}, ${tid('stop-execution-button')}`).first().waitFor({ state: 'hidden', timeout: timeoutMs });
    },
    succeededNodes: () =>
      page.locator(`${tid('canvas-node')}:has(${tid('canvas-node-status-success')})`).evaluateAll((els) => els.map((e) => e.getAttribute('data-node-name') ?? '')),
    shot: (path) => page.screenshot({ path }).then(() => undefined),
    close: () => browser.close(),
  };
}
