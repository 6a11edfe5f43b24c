import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
/** Works both under vitest (ESM) and `node --import tsx` (the package is CommonJS). */
const here: string = typeof __dirname === 'string' ? __dirname : import.meta.dirname;
export const ROOT = resolve(here, '../..');
export const DIST = join(ROOT, 'dist/designer');

/**
 * Production build of the designer with Vite's JS API, into `dist/designer` or `outDir` (a test's own
 * folder, so test files running side by side never empty each other's build).
 */
export async function buildDesigner(outDir?: string): Promise<void> {
  process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING = 'true';
  const { build } = await import('vite');
  await build({ configFile: join(ROOT, 'designer/vite.config.ts'), logLevel: 'warn', ...(outDir ? { build: { outDir, emptyOutDir: true } } : {}) });
}

/** Builds the designer into a fresh temporary folder and serves it; `close` removes the folder. */
export async function serveFreshBuild(): Promise<{ url: string; close: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'designer-build-'));
  await buildDesigner(dir);
  const server = await serveDist(dir);
  return { url: server.url, close: async () => { await server.close(); await rm(dir, { recursive: true, force: true }); } };
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml' };

/** Static server of `dist/designer` on 127.0.0.1 with a random port. */
export async function serveDist(dir = DIST): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(dir, path.endsWith('/') ? `${path}index.html` : path);
    if (!file.startsWith(dir)) return void res.writeHead(403).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((ok) => server.close(() => ok())) };
}

export const hasChromium = () => existsSync(CHROMIUM);

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export const tid = (id: string) => `[data-testid="${id}"]`;

export interface StarterPage {
  browser: Browser;
  page: Page;
  /** the served build, for a second page */
  url: string;
  /** uncaught page errors so far */
  errors: string[];
  close(): Promise<void>;
}

/** A fresh build served, Chromium at 1280×720 on it, and a starter loaded: one per test file. */
export async function openStarter(starter = 'four-touch', o: { defaultTimeout?: number } = {}): Promise<StarterPage> {
  const server = await serveFreshBuild();
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, acceptDownloads: true });
  if (o.defaultTimeout) page.setDefaultTimeout(o.defaultTimeout);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url);
  await page.selectOption(tid('starter-picker'), starter);
  return { browser, page, url: server.url, errors, close: async () => { await browser.close(); await server.close(); } };
}
