// Builds dist/: every n8n node and credential and the CLI, bundled with esbuild to CommonJS so the
// published package has no runtime dependencies (n8n-workflow stays external: a "*" peer).
// Code the nodes and credentials share (nodes/shared, the ledger, transports, zod, pg, nodemailer,
// libphonenumber-js…) lives in ONE chunk, dist/nodes/runtime/missedCallRuntime.js, that each bundle
// requires by a relative path: n8n loads node files with the host's require, so the chunk is
// evaluated once per process and its module-level state (ledger pools, credential caches, memos)
// exists once. Each node bundle keeps only the files of its own folder.
// Copies icons, codex files, the JSON Schema and licence notices, and checks package.json's n8n block
// lists exactly what was built.
import { build } from 'esbuild';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
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
  absWorkingDir: root, // metafile paths are relative to it
  logLevel: 'warning',
  external: ['n8n-workflow'],
  // pg's optional native binding is never used
  alias: {},
  define: { 'process.env.NODE_PG_FORCE_NATIVE': 'undefined' },
};
const EXTERNAL = [...common.external, 'pg-native'];

function walk(dir, match, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, match, out);
    else if (match(name)) out.push(path);
  }
  return out;
}

const posix = (p) => p.split(sep).join('/');
/** The shared chunk (inside dist/nodes: package.json `files` ships dist/nodes). Not a *.node.js: n8n never lists it. */
const RUNTIME = join(dist, 'nodes/runtime/missedCallRuntime.js');
const SKIP = Symbol('shared-runtime');

/**
 * esbuild plugin for the bundles written to `outDir`: an import of a module outside `isOwn` (another
 * folder's code or a library) becomes a shim `module.exports = require('<rel>/missedCallRuntime.js').modules[key]`,
 * key = the module's path from the repo root; `used` collects the keys. The shim exports what
 * bundling the module would (an ES module's getters with __esModule, a CommonJS module's exports),
 * so esbuild's import interop is unchanged.
 */
function sharedRuntime(outDir, isOwn, used) {
  let rel = posix(relative(outDir, RUNTIME));
  if (!rel.startsWith('.')) rel = `./${rel}`;
  return {
    name: 'shared-runtime',
    setup(b) {
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (args.namespace === 'shared-runtime') return { path: args.path, external: true };
        if (args.pluginData === SKIP || args.kind === 'entry-point' || isBuiltin(args.path)) return undefined;
        if (EXTERNAL.some((e) => args.path === e || args.path.startsWith(`${e}/`))) return undefined;
        const r = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: SKIP });
        if (r.errors.length || r.external || isOwn(r.path)) return undefined; // esbuild reports, keeps external, or bundles
        const key = posix(relative(root, r.path));
        used.add(key);
        return { path: key, namespace: 'shared-runtime' };
      });
      b.onLoad({ filter: /.*/, namespace: 'shared-runtime' }, (args) => ({
        contents: `module.exports = require(${JSON.stringify(rel)}).modules[${JSON.stringify(args.path)}];`,
        loader: 'js',
      }));
    },
  };
}

const nodeEntries = walk(join(root, 'nodes'), (n) => n.endsWith('.node.ts'));
const credentialEntries = walk(join(root, 'credentials'), (n) => n.endsWith('.credentials.ts'));
const outOf = (entry) => join(dist, relative(root, entry)).replace(/\.ts$/, '.js');

// one esbuild run per source folder of entries: the chunk's relative path depends on the output folder
const groups = new Map();
for (const e of [...nodeEntries, ...credentialEntries]) groups.set(dirname(e), [...(groups.get(dirname(e)) ?? []), e]);

/**
 * Builds the node and credential bundles and the chunk once; returns the keys the chunk holds and,
 * per output, the source files bundled into it. A node owns the files of its folder that no other
 * bundle needs (`moved`: files another bundle imports); a credential owns only itself.
 */
async function buildOnce(moved) {
  const isOwnIn = (dir, entries) => (p) => entries.includes(p) || (dir.startsWith(join(root, 'nodes') + sep) && p.startsWith(dir + sep) && !moved.has(p));
  const used = new Set();
  const inputsOf = new Map(); // output file → bundled source files
  const note = (metafile) => {
    for (const [out, o] of Object.entries(metafile.outputs)) {
      inputsOf.set(out, Object.keys(o.inputs).filter((i) => !i.startsWith('shared-runtime:')));
    }
  };
  await Promise.all(
    [...groups].map(async ([dir, entries]) => {
      const outdir = dirname(outOf(entries[0]));
      const plugins = [sharedRuntime(outdir, isOwnIn(dir, entries), used)];
      const r = await build({ ...common, entryPoints: entries, outdir, outbase: dir, external: EXTERNAL, metafile: true, plugins });
      note(r.metafile);
    }),
  );
  if (used.size) {
    // every shared module, evaluated on first use, by key: the bundles' shims read `modules[key]`
    const keys = [...used].sort();
    const contents = [
      'const modules = {};',
      'const lazy = (key, load) => Object.defineProperty(modules, key, { enumerable: true, configurable: true, get() {',
      '  const value = load();',
      '  Object.defineProperty(modules, key, { enumerable: true, value });',
      '  return value;',
      '} });',
      ...keys.map((k) => `lazy(${JSON.stringify(k)}, () => require(${JSON.stringify(`./${k}`)}));`),
      'exports.modules = modules;',
    ].join('\n');
    const r = await build({
      ...common,
      stdin: { contents, resolveDir: root, sourcefile: 'missedCallRuntime.js', loader: 'js' },
      outfile: RUNTIME,
      external: EXTERNAL,
      metafile: true,
    });
    note(r.metafile);
  }
  return { used, inputsOf };
}

/** Source files bundled into more than one output (their module-level state would exist twice). */
function twice(inputsOf) {
  const seen = new Map();
  const dup = new Map();
  for (const [out, inputs] of inputsOf) {
    for (const i of inputs) {
      if (seen.has(i)) dup.set(i, [seen.get(i), out]);
      else seen.set(i, out);
    }
  }
  return dup;
}

// a node's file that another bundle imports moves to the chunk; repeat until no file is bundled twice
const moved = new Set();
let result;
for (;;) {
  result = await buildOnce(moved);
  const dup = twice(result.inputsOf);
  if (!dup.size) break;
  const before = moved.size;
  for (const i of dup.keys()) moved.add(join(root, i));
  if (moved.size === before) {
    for (const [i, outs] of dup) console.error(`build: ${i} is bundled into both ${outs.join(' and ')}`);
    process.exit(1);
  }
}
const { used } = result;

// icons and codex files beside the nodes and credentials
for (const asset of [...walk(join(root, 'nodes'), (n) => /\.(svg|png)$|\.node\.json$/.test(n)), ...walk(join(root, 'credentials'), (n) => /\.(svg|png)$/.test(n))]) {
  const target = join(dist, relative(root, asset));
  mkdirSync(dirname(target), { recursive: true });
  cpSync(asset, target);
}

// the CLI stays one self-contained file
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
const built = (list) => list.map((e) => relative(root, outOf(e))).sort();
const want = { nodes: built(nodeEntries), credentials: built(credentialEntries) };
for (const key of ['nodes', 'credentials']) {
  const have = [...pkg.n8n[key]].sort();
  if (JSON.stringify(have) !== JSON.stringify(want[key])) {
    console.error(`build: package.json n8n.${key} must be ${JSON.stringify(want[key])}, is ${JSON.stringify(have)}`);
    if (process.argv.includes('--check-package')) process.exit(1);
  }
}
console.log(`build: ${nodeEntries.length} nodes, ${credentialEntries.length} credentials (${used.size} shared modules in ${relative(root, RUNTIME)}), CLI → dist/`);
