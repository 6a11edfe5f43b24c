#!/usr/bin/env bash
# The product in one command: Node 24 toolchain, a real n8n (installed once, cached) on SQLite in a
# persistent folder (.cache/product/, or PRODUCT_DIR) with the node pack installed as a community
# package, the four-touch follow-up workflow published with the Sandbox sender, and the designer.
# Ports: N8N_PORT (5678), N8N_RUNNERS_BROKER_PORT (5679), DESIGNER_PORT (5173). Ctrl+C stops it all.
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
cd "$ROOT"
echo "== What the policy does with a missed call from Miami at 20:45 local (four-touch template):"
node --import tsx scripts/demo.ts
echo
exec node --import tsx scripts/product/start.ts
