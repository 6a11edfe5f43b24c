import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
// npm pack lists what would be published, from the dist/ that `npm test` built before vitest
const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' })) as [
  { files: { path: string; size: number }[]; entryCount: number; size: number; unpackedSize: number },
];
const files = packed.files.map((f) => f.path);
const sizeOf = new Map(packed.files.map((f) => [f.path, f.size]));
/** The chunk every node (and credential that shares code) requires: one copy of the shared code and its state per process. */
const RUNTIME = 'dist/nodes/runtime/missedCallRuntime.js';
/** Node and credential bundles: what n8n loads into one process. */
const loaded = files.filter((f) => /^dist\/(nodes|credentials)\/.*\.js$/.test(f));
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const requireBuilt = createRequire(__filename);
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
      // the light and dark icons the built node declares, beside it
      const { description } = new (requireBuilt(join(ROOT, node)) as Record<string, new () => { description: { icon: { light: string; dark: string } } }>)[posix.basename(dir)]!();
      for (const ref of [description.icon.light, description.icon.dark]) expect(files).toContain(`${dir}/${ref.replace(/^file:/, '')}`);
    }
  });

  it('ships the CLI, the JSON Schema and the licence notices, and no sources, tests or designer build', () => {
    expect(files).toEqual(expect.arrayContaining(['dist/cli/missed-call.js', 'dist/sequence-template.schema.json', 'NOTICE', 'LICENSE', 'package.json']));
    expect(files.filter((f) => /\.ts$|^test\/|^designer\/|^dist\/designer\/|node_modules/.test(f))).toEqual([]);
  });

  it('bundles its libraries: built files require only Node built-ins, n8n-workflow and files of the package', () => {
    const outside = new Set<string>();
    for (const f of files.filter((x) => x.endsWith('.js'))) {
      const code = readFileSync(join(ROOT, f), 'utf8');
      for (const m of code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)) {
        const name = m[1]!;
        if (name.startsWith('.')) {
          if (!files.includes(posix.join(posix.dirname(f), name))) outside.add(`${f}: ${name}`);
        } else if (!BUILTIN.has(name) && name !== 'n8n-workflow' && !BUILTIN.has(name.split('/')[0]!)) outside.add(`${f}: ${name}`);
      }
    }
    // pg's optional native binding is referenced but never loaded (the JS driver is bundled)
    expect([...outside].filter((x) => !x.endsWith(': pg-native'))).toEqual([]);
  });

  it('puts the shared code in one runtime chunk that every node requires relatively, and no source in two loaded files', () => {
    expect(files).toContain(RUNTIME);
    for (const node of pkg.n8n.nodes as string[]) {
      const code = readFileSync(join(ROOT, node), 'utf8');
      const rel = posix.relative(posix.dirname(node), RUNTIME);
      expect(code, node).toContain(`require(${JSON.stringify(rel)})`);
    }
    // esbuild heads each bundled source with `// <path>`: a module (and its state) bundled twice shows up twice
    const where = new Map<string, string[]>();
    for (const f of loaded) {
      const sources = new Set(readFileSync(join(ROOT, f), 'utf8').match(/^\/\/ (?:nodes|shared|credentials|node_modules)\/\S+$/gm) ?? []);
      for (const src of sources) where.set(src, [...(where.get(src) ?? []), f]);
    }
    expect(where.get('// nodes/shared/ledgerFor.ts')).toEqual([RUNTIME]);
    expect(where.get('// nodes/shared/CredentialCache.ts')).toEqual([RUNTIME]);
    expect([...where].filter(([, fs]) => fs.length > 1)).toEqual([]);
  });

  it('is much smaller: thin node bundles beside one chunk (sizes reported)', () => {
    const nodes = pkg.n8n.nodes as string[];
    const rows = [...loaded, 'dist/cli/missed-call.js'].map((f) => `${kb(sizeOf.get(f)!).padStart(10)}  ${f}`);
    const total = loaded.reduce((sum, f) => sum + sizeOf.get(f)!, 0);
    console.log(`${rows.join('\n')}\n${kb(total).padStart(10)}  nodes + credentials + chunk\n${kb(packed.unpackedSize).padStart(10)}  unpacked package (${kb(packed.size)} packed)`);
    // each node once inlined ~1 MB of libraries (7 MB for the nodes); now only its own folder's code
    for (const node of nodes) expect(sizeOf.get(node), node).toBeLessThan(100 * 1024);
    expect(total).toBeLessThan(2.5 * 1024 * 1024);
    expect(packed.unpackedSize).toBeLessThan(4 * 1024 * 1024);
  });
});
