/**
 * Each node package.json lists has its own light and dark icon beside its source: files that exist,
 * differ from every other node's, and are small self-contained SVGs (no raster, script or external reference).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INodeType } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { n8n: { nodes: string[] } };
/** `dist/nodes/<Folder>/<Folder>.node.js` → the folder */
const folders = pkg.n8n.nodes.map((p) => p.split('/')[2]);

async function iconsOf(folder: string): Promise<{ light: string; dark: string }> {
  const mod = (await import(join(ROOT, 'nodes', folder, `${folder}.node.ts`))) as Record<string, new () => INodeType>;
  const icon = new mod[folder]().description.icon as { light: string; dark: string };
  const file = (ref: string) => join(ROOT, 'nodes', folder, ref.replace(/^file:/, ''));
  return { light: file(icon.light), dark: file(icon.dark) };
}

describe('node icons', () => {
  it.each(folders)('%s has a light and a dark SVG of its own, small and self-contained', async (folder) => {
    const { light, dark } = await iconsOf(folder);
    expect(light).not.toBe(dark);
    for (const path of [light, dark]) {
      expect(existsSync(path), path).toBe(true);
      const svg = readFileSync(path, 'utf8');
      expect(svg.length, path).toBeLessThan(3 * 1024);
      expect(svg, path).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 64 64"/);
      expect(svg, path).not.toMatch(/<script|<image|<foreignObject|\son\w+=|xlink:href|href="(?!#)|url\((?!#)/i);
    }
  });

  it('no two nodes share an icon', async () => {
    const icons = await Promise.all(folders.map(iconsOf));
    for (const theme of ['light', 'dark'] as const) {
      const contents = icons.map((i) => readFileSync(i[theme], 'utf8'));
      expect(new Set(contents).size, theme).toBe(folders.length);
    }
  });
});
