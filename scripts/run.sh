#!/usr/bin/env bash
# Run a command under the project's Node 24 toolchain: scripts/run.sh <cmd> [args…]
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
exec "$@"
