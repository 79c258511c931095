#!/usr/bin/env bash
# The browser end-to-end suite (tests/browser/run.ts): the browser bundle in
# headless Chromium (playwright-core, /usr/bin/chromium), WebSocket to the
# local test DC, IndexedDB session across a reload (an explicit
# IndexedDbStorage, and a client given no storage option, which uses
# IndexedDB by default), the storage contract for
# IndexedDB and localStorage. Without Chromium: skipped (a failure under
# CI=true). Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
exec deno run -A tests/browser/run.ts
