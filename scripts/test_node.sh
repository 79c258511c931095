#!/usr/bin/env bash
# The Node.js end-to-end suite (tests/node/run.ts): npm pack, install the
# tarball into a temporary project, run the scenario over TCP with import and
# require() against the local test DC, type-check a consumer. Ends with
# "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
exec deno run -A tests/node/run.ts
