#!/usr/bin/env bash
# The one test command: typecheck, unit and integration tests, under Node 24.
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
cd "$ROOT"
# the designer's browser tests drive Debian's Chromium
if [ ! -x /usr/bin/chromium ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "== installing Debian chromium for the browser tests"
  (apt-get install -y -q chromium >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null; }) || echo "chromium install failed" >&2
fi
# the Postgres ledger's pooler test runs it behind Debian's PgBouncer (transaction mode)
if [ ! -x /usr/sbin/pgbouncer ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "== installing Debian pgbouncer for the pooler test"
  (apt-get install -y -q pgbouncer >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q pgbouncer >/dev/null; }) || echo "pgbouncer install failed" >&2
fi
echo "== typecheck"
tsc -p tsconfig.json
tsc -p designer/tsconfig.json
echo "== lint (n8n community-node rules)"
eslint nodes credentials package.json
echo "== build"
node scripts/build.mjs --check-package
echo "== vitest"
mkdir -p test-artifacts
status=0
vitest run --reporter=default --reporter=json --outputFile.json=test-artifacts/vitest.json "$@" || status=$?
# the plain closing line CI reads: "N passed, N failed[, N skipped]"
node -e 'const r=require(process.argv[1]);console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests+r.numTodoTests} skipped`)' "$ROOT/test-artifacts/vitest.json" || status=1
exit $status
