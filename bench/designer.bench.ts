/**
 * Designer benchmarks: production JS size (gzip), validateSequence on a 50-step template, and frames
 * per second while panning a 200-node canvas in headless Chromium.
 * Run: bash scripts/run.sh node --import tsx bench/designer.bench.ts — last stdout line is JSON.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { validateSequence } from '../shared/lint';
import { fourTouch } from '../shared/templates';
import type { SequenceTemplate, Step } from '../shared/schema';
import { templateToGraph } from '../designer/src/graph/templateToGraph';
import { AUTOSAVE_KEY, serializeDoc } from '../designer/src/store';
import { DIST, buildDesigner, hasChromium, launchChromium, serveDist } from '../test/designer/harness';

/** `n` steps cycling through the starter's steps, each timed from the previous one. */
function longTemplate(n: number): SequenceTemplate {
  const steps: Step[] = Array.from({ length: n }, (_, i) => {
    const base = fourTouch.steps[i % fourTouch.steps.length]!;
    return { ...base, id: `step-${i + 1}`, delay: i === 0 ? base.delay : { minutes: 30 + i, from: 'previous' } } as Step;
  });
  return { ...fourTouch, id: `long-${n}`, steps };
}

async function jsGzipBytes(): Promise<number> {
  const dir = join(DIST, 'assets');
  let total = 0;
  for (const f of await readdir(dir)) if (f.endsWith('.js')) total += gzipSync(await readFile(join(dir, f)), { level: 9 }).length;
  return total;
}

function lintMs(template: SequenceTemplate): number {
  for (let i = 0; i < 20; i++) validateSequence(template); // warm up
  const runs: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    validateSequence(template);
    runs.push(performance.now() - t0);
  }
  runs.sort((a, b) => a - b);
  return runs[Math.floor(runs.length / 2)]!;
}

async function panFps(nodes: number): Promise<number | null> {
  if (!hasChromium()) return null;
  const server = await serveDist();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const saved = serializeDoc(templateToGraph(longTemplate(nodes)));
    await page.addInitScript(([key, value]) => localStorage.setItem(key, value), [AUTOSAVE_KEY, saved] as const);
    await page.goto(server.url);
    await page.waitForSelector('.react-flow__node-sms');
    await page.waitForTimeout(300);
    const pane = (await page.locator('.react-flow__pane').boundingBox())!;
    const cx = pane.x + pane.width / 2;
    const cy = pane.y + pane.height / 2;
    // a string, not a function: tsx's keepNames helper (__name) does not exist in the page
    await page.evaluate(`(() => {
      window.__frames = 0;
      window.__counting = true;
      const tick = () => { if (!window.__counting) return; window.__frames++; requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
    })()`);
    const viewport = () => page.locator('.react-flow__viewport').getAttribute('style');
    const before = await viewport();
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    const t0 = Date.now();
    let i = 0;
    while (Date.now() - t0 < 3000) {
      i++;
      await page.mouse.move(cx + Math.sin(i / 15) * 300, cy + Math.cos(i / 20) * 250);
    }
    await page.mouse.up();
    const elapsed = (Date.now() - t0) / 1000;
    const frames = (await page.evaluate('(() => { window.__counting = false; return window.__frames; })()')) as number;
    if ((await viewport()) === before) throw new Error('the scripted pan did not move the viewport');
    const rendered = await page.locator('.react-flow__node').count();
    if (rendered < nodes) throw new Error(`only ${rendered} nodes rendered`);
    return Math.round((frames / elapsed) * 10) / 10;
  } finally {
    await browser.close();
    await server.close();
  }
}

async function main() {
  await buildDesigner();
  const gzipBytes = await jsGzipBytes();
  const t50 = longTemplate(50);
  const lint = lintMs(t50);
  const fps = await panFps(200);
  const result = {
    jsGzipKB: Math.round((gzipBytes / 1024) * 10) / 10,
    jsGzipGoalKB: 300,
    validateSequence50StepsMs: Math.round(lint * 1000) / 1000,
    validateGoalMs: 2,
    panFps200Nodes: fps,
    panFpsGoal: 50,
    lintFindings50Steps: validateSequence(t50).length,
  };
  process.stdout.write(`JS ${result.jsGzipKB} KB gzip (goal ≤ 300) · validateSequence(50 steps) ${result.validateSequence50StepsMs} ms median (goal < 2) · pan ${fps ?? 'n/a (no chromium)'} fps with 200 nodes (goal ≥ 50)\n`);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

void main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
