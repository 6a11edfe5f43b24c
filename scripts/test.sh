#!/usr/bin/env bash
# The one test command: typecheck, unit and integration tests, under Node 24.
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
cd "$ROOT"
echo "== typecheck"
tsc -p tsconfig.json
echo "== build"
node scripts/build.mjs --check-package
echo "== vitest"
vitest run "$@"
