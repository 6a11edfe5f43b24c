#!/usr/bin/env bash
# Installs a pinned real n8n 2.x once, outside git, for `npm start` and the end-to-end tests.
# n8n@2.41.x does not resolve on this registry; 2.40.7 does. --ignore-scripts skips a Kafka addon that
# downloads zlib; only sqlite3 (and isolated-vm, the expression engine) are rebuilt against Node 24.
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
N8N_VERSION="${N8N_VERSION:-2.40.7}"
# outside the work tree, so every clone on this machine (CI runs in a fresh clone) reuses one install
N8N_HOME="${N8N_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-missed-call/n8n-$N8N_VERSION}"
sqlite_loads() { (cd "$N8N_HOME" && node -e 'require("sqlite3")' >/dev/null 2>&1); }
# ready, and n8n's database driver loads (an install from before this check may lack it: repaired below)
if [ -f "$N8N_HOME/.ready" ] && sqlite_loads; then echo "$N8N_HOME"; exit 0; fi
rm -f "$N8N_HOME/.ready"
echo "n8n: installing n8n@$N8N_VERSION into $N8N_HOME (one time, about 4 minutes, 3 GB)" >&2
mkdir -p "$N8N_HOME"
[ -f "$N8N_HOME/package.json" ] || echo '{"private":true}' > "$N8N_HOME/package.json"
(cd "$N8N_HOME" && npm install --no-save --no-audit --no-fund --ignore-scripts --loglevel=error "n8n@$N8N_VERSION" >&2)
# n8n's database driver must load under Node 24. Under `npm test` / `npm start` the project's .npmrc
# (ignore-scripts=true) reaches this script as npm_config_ignore_scripts, and a rebuild then builds
# nothing (a fresh machine's CI: n8n failed with "SQLite package has not been found installed"): the
# rebuild turns scripts back on, node-gyp itself is the fallback, and the install is only marked
# ready once sqlite3 loads
(cd "$N8N_HOME" && npm rebuild sqlite3 isolated-vm --ignore-scripts=false --nodedir="$MISSED_CALL_NODE_HOME" --loglevel=error >&2)
if ! sqlite_loads; then
  echo "n8n: sqlite3 did not build; building it with node-gyp" >&2
  gyp="$(dirname "$(readlink -f "$(command -v npm)")")/../node_modules/node-gyp/bin/node-gyp.js"
  (cd "$N8N_HOME/node_modules/sqlite3" && node "$gyp" rebuild --nodedir="$MISSED_CALL_NODE_HOME" >&2) || true
fi
sqlite_loads || { echo "n8n: sqlite3 does not load under Node $(node -v) in $N8N_HOME; n8n cannot start" >&2; exit 1; }
touch "$N8N_HOME/.ready"
echo "$N8N_HOME"
