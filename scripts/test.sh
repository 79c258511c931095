#!/usr/bin/env bash
# The whole test suite: Deno's tests, the project's static checks, and the other
# runtimes' suites, summed into one closing line "N passed, N failed" for CI.
set -uo pipefail
cd "$(dirname "$0")/.."
export NO_COLOR=1
passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# Adds the counts of the last Deno summary line in $log ("ok | 12 passed (3 steps) | 0 failed").
count_deno_summary() {
  local line
  line=$(grep -E '^(ok|FAILED) \| [0-9]+ passed' "$log" | tail -n 1)
  if [ -z "$line" ]; then
    echo "!! no test summary found: counting the suite as one failure"
    failed=$((failed + 1))
    return
  fi
  passed=$((passed + $(sed -E 's/^[A-Za-z]+ \| ([0-9]+) passed.*/\1/' <<<"$line")))
  failed=$((failed + $(sed -E 's/.*\| ([0-9]+) failed.*/\1/' <<<"$line")))
}

# Runs one named check; it counts as one passed or one failed test.
check() {
  local name=$1
  shift
  echo "== check: $name"
  if "$@"; then
    echo "ok: $name"
    passed=$((passed + 1))
  else
    echo "FAILED: $name"
    failed=$((failed + 1))
  fi
}

generated_code_is_current() {
  deno run -A scripts/generate_tl.ts >/dev/null || return 1
  deno run -A scripts/build_wasm.ts >/dev/null || return 1
  deno run -A scripts/build_pq_wasm.ts >/dev/null || return 1
  git diff --exit-code --stat -- tl/ crypto/ || return 1
}

check "generated code is current (regenerating leaves no diff)" generated_code_is_current
check "deno fmt --check" deno fmt --check
check "deno lint" deno lint
# tests/node/ holds plain JavaScript run by Node from the packed tarball.
check "deno check" deno check mod.ts scripts/ $(find tests -mindepth 1 -maxdepth 1 -type d ! -name node)
check "deno doc --lint mod.ts" deno doc --lint mod.ts
check "README code blocks type-check" deno check --doc-only README.md

echo "== deno test"
deno test -A --unstable-kv 2>&1 | tee "$log"
count_deno_summary

for extra in scripts/test_node.sh scripts/test_browser.sh; do
  if [ -x "$extra" ]; then
    echo "== $extra"
    "$extra" 2>&1 | tee "$log"
    # Each extra suite ends with its own "N passed, N failed" line.
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1)
    if [ -z "$line" ]; then
      failed=$((failed + 1))
    else
      passed=$((passed + ${line%% passed*}))
      failed=$((failed + $(sed -E 's/.* ([0-9]+) failed$/\1/' <<<"$line")))
    fi
  fi
done

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
