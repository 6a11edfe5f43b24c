import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
// npm pack lists what would be published, from the dist/ that `npm test` built before vitest
const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' })) as [
  { files: { path: string }[]; entryCount: number },
];
const files = packed.files.map((f) => f.path);
const BUILTIN = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

describe('the published package', () => {
  it('has no runtime dependencies and n8n-workflow as its only, "*" peer', () => {
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
    expect(pkg.keywords).toContain('n8n-community-node-package');
  });

  it('ships every node and credential package.json lists, with their icons and codex files', () => {
    const listed = [...pkg.n8n.nodes, ...pkg.n8n.credentials];
    expect(pkg.n8n.nodes.length).toBeGreaterThanOrEqual(7);
    for (const f of listed) expect(files).toContain(f);
    for (const node of pkg.n8n.nodes as string[]) {
      const dir = node.slice(0, node.lastIndexOf('/'));
      expect(files).toContain(node.replace(/\.js$/, '.json'));
      expect(files.filter((f) => f.startsWith(dir) && f.endsWith('.svg')).length).toBeGreaterThanOrEqual(2);
    }
  });

  it('ships the CLI, the JSON Schema and the licence notices, and no sources, tests or designer build', () => {
    expect(files).toEqual(expect.arrayContaining(['dist/cli/missed-call.js', 'dist/sequence-template.schema.json', 'NOTICE', 'LICENSE', 'package.json']));
    expect(files.filter((f) => /\.ts$|^test\/|^designer\/|^dist\/designer\/|node_modules/.test(f))).toEqual([]);
  });

  it('bundles its libraries: built files require only Node built-ins and n8n-workflow', () => {
    const outside = new Set<string>();
    for (const f of files.filter((x) => x.endsWith('.js'))) {
      const code = readFileSync(join(ROOT, f), 'utf8');
      for (const m of code.matchAll(/\brequire\(\s*["']([^"'./][^"']*)["']\s*\)/g)) {
        const name = m[1]!;
        if (!BUILTIN.has(name) && name !== 'n8n-workflow' && !BUILTIN.has(name.split('/')[0]!)) outside.add(`${f}: ${name}`);
      }
    }
    // pg's optional native binding is referenced but never loaded (the JS driver is bundled)
    expect([...outside].filter((x) => !x.endsWith(': pg-native'))).toEqual([]);
  });
});
