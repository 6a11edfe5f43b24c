#!/usr/bin/env bash
# End-to-end tests in a real n8n: installs the pinned n8n once (scripts/n8n-install.sh, cached in
# .cache/), builds and packs the package, and runs test/e2e/*.e2e.test.ts under Node 24.
# n8n logs: test-artifacts/e2e/<file>.n8n.log. Extra arguments go to vitest (e.g. -t "quiet hours");
# file arguments (test/e2e/providers.e2e.test.ts) run only those files.
# E2E_TARBALL=/path/pkg.tgz tests that tarball instead of the working tree.
source "$(dirname "${BASH_SOURCE[0]}")/../toolchain.sh"
cd "$ROOT"
bash scripts/n8n-install.sh >/dev/null
node scripts/build.mjs
# vitest runs every file matching any path given: add test/e2e only when no file was named
for a in "$@"; do [[ "$a" == *.test.ts ]] && exec vitest run "$@"; done
exec vitest run test/e2e "$@"
