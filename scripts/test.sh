#!/usr/bin/env bash
# The whole test suite: every runtime's tests, summed into one closing line
# "N passed, N failed" that CI reads.
set -uo pipefail
cd "$(dirname "$0")/.."
export NO_COLOR=1
passed=0
failed=0
status=0
log=$(mktemp)

count_deno() {
  # Deno's summary: "ok | 12 passed (3 steps) | 0 failed ..."
  local line
  line=$(grep -E '^(ok|FAILED) \| [0-9]+ passed' "$log" | tail -n 1)
  if [ -z "$line" ]; then
    failed=$((failed + 1))
    return
  fi
  passed=$((passed + $(sed -E 's/^[A-Z]+ \| ([0-9]+) passed.*/\1/i' <<<"$line")))
  failed=$((failed + $(sed -E 's/.*\| ([0-9]+) failed.*/\1/' <<<"$line")))
}

echo "== deno test"
deno test -A --unstable-kv 2>&1 | tee "$log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
count_deno

rm -f "$log"
echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] || status=1
exit $status
