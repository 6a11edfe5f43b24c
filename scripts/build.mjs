// Builds dist/: the CLI (and later the n8n nodes) bundled with esbuild, so the published package
// has no runtime dependencies; copies the JSON Schema and licence notices.
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, rmSync, chmodSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: false, logLevel: 'warning' };

if (existsSync(join(root, 'cli/missed-call.ts'))) {
  const out = join(dist, 'cli/missed-call.js');
  await build({ ...common, entryPoints: [join(root, 'cli/missed-call.ts')], outfile: out, banner: { js: '#!/usr/bin/env node' } });
  chmodSync(out, 0o755);
}

const schema = join(root, 'shared/schema/sequence-template.schema.json');
if (existsSync(schema)) cpSync(schema, join(dist, 'sequence-template.schema.json'));
