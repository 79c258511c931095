#!/usr/bin/env bash
# Builds the npm package into dist/: ESM + .d.ts from tsc
# (tsconfig.build.json, relative imports rewritten .ts -> .js; npm
# dependencies stay bare and resolve from package.json "dependencies"), and
# the browser bundle into dist/browser/ (the "browser" export condition).
# Deno-only modules (Deno KV storage) are not part of it: JSR exports them.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
rm -rf dist
tsc -p tsconfig.build.json
deno run -A scripts/build_browser.ts --outdir dist/browser
# The npm tarball holds no .ts sources: a stray reference would break consumers.
if grep -rlE "from \"\.{1,2}/[^\"]*\.ts\"" dist --include=*.js; then
  echo "build_npm: a .js file still imports a .ts path" >&2
  exit 1
fi
echo "built dist/ ($(du -sh dist | cut -f1))"
