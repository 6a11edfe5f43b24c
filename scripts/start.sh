#!/usr/bin/env bash
# The product in one command: installs Node 24 and the dev toolchain, builds the CLI and the
# designer, shows a simulated missed call, and serves the sequence designer.
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
cd "$ROOT"
node scripts/build.mjs
PORT="${DESIGNER_PORT:-5173}"
if [ -f designer/vite.config.ts ]; then
  vite build --config designer/vite.config.ts --logLevel warn
fi
echo
echo "== A missed call from Miami at 20:45 local, run through the four-touch starter template:"
node --import tsx scripts/demo.ts
echo
echo "== CLI: node dist/cli/missed-call.js --help   (installed as \`missed-call\` with the package)"
if [ -d dist/designer ]; then
  echo "== Sequence designer: http://127.0.0.1:$PORT/   (Ctrl+C to stop)"
  exec vite preview --config designer/vite.config.ts --host 127.0.0.1 --port "$PORT" --strictPort
fi
