// Builds dist/: every n8n node and credential and the CLI, each bundled with esbuild to CommonJS so
// the published package has no runtime dependencies (n8n-workflow stays external: a "*" peer).
// Copies icons, codex files, the JSON Schema and licence notices, and checks package.json's n8n block
// lists exactly what was built.
import { build } from 'esbuild';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  logLevel: 'warning',
  external: ['n8n-workflow'],
  // pg's optional native binding is never used
  alias: {},
  define: { 'process.env.NODE_PG_FORCE_NATIVE': 'undefined' },
};

function walk(dir, match, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, match, out);
    else if (match(name)) out.push(path);
  }
  return out;
}

const nodeEntries = walk(join(root, 'nodes'), (n) => n.endsWith('.node.ts'));
const credentialEntries = walk(join(root, 'credentials'), (n) => n.endsWith('.credentials.ts'));
const entries = [...nodeEntries, ...credentialEntries];
if (entries.length) {
  await build({
    ...common,
    entryPoints: entries,
    outdir: dist,
    outbase: root,
    external: [...common.external, 'pg-native'],
  });
}
// icons and codex files beside the nodes and credentials
for (const asset of [...walk(join(root, 'nodes'), (n) => /\.(svg|png)$|\.node\.json$/.test(n)), ...walk(join(root, 'credentials'), (n) => /\.(svg|png)$/.test(n))]) {
  const target = join(dist, relative(root, asset));
  mkdirSync(dirname(target), { recursive: true });
  cpSync(asset, target);
}

if (existsSync(join(root, 'cli/missed-call.ts'))) {
  const out = join(dist, 'cli/missed-call.js');
  await build({ ...common, external: [], entryPoints: [join(root, 'cli/missed-call.ts')], outfile: out, banner: { js: '#!/usr/bin/env node' } });
  chmodSync(out, 0o755);
}

const schema = join(root, 'shared/schema/sequence-template.schema.json');
if (existsSync(schema)) cpSync(schema, join(dist, 'sequence-template.schema.json'));
for (const f of ['NOTICE', 'LICENSE']) if (existsSync(join(root, f))) cpSync(join(root, f), join(dist, f));

// package.json must list every built node and credential, and nothing else
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const built = (list) => list.map((e) => relative(root, join(dist, relative(root, e))).replace(/\.ts$/, '.js')).sort();
const want = { nodes: built(nodeEntries), credentials: built(credentialEntries) };
for (const key of ['nodes', 'credentials']) {
  const have = [...pkg.n8n[key]].sort();
  if (JSON.stringify(have) !== JSON.stringify(want[key])) {
    console.error(`build: package.json n8n.${key} must be ${JSON.stringify(want[key])}, is ${JSON.stringify(have)}`);
    if (process.argv.includes('--check-package')) process.exit(1);
  }
}
console.log(`build: ${nodeEntries.length} nodes, ${credentialEntries.length} credentials, CLI → dist/`);
