#!/usr/bin/env bash
# Every check, in order; keeps going after a failure so one run reports everything, then fails if any failed.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p artifacts
rm -f artifacts/vitest.json artifacts/vitest-run-errors.json artifacts/playwright.json

failed=()
step() {
  local name=$1
  shift
  echo
  echo "=== $name"
  if ! "$@"; then failed+=("$name"); fi
}

step "type-check" npm run --silent typecheck
step "lint" npm run --silent lint
step "build" npx electron-vite build
step "unit tests (vitest)" npx vitest run --reporter=default --reporter=json --outputFile.json=artifacts/vitest.json \
  --reporter=./scripts/vitest-run-errors.mjs
step "robustness figures" node scripts/robustness-table.mjs
step "end-to-end tests (playwright)" env PLAYWRIGHT_JSON_OUTPUT_NAME=artifacts/playwright.json npx playwright test --reporter=list,json
step "electron configuration (electronegativity)" node scripts/electronegativity.mjs
step "renderer bundle size" node scripts/bundle-report.mjs

echo
node scripts/count-tests.mjs artifacts/vitest.json artifacts/playwright.json artifacts/vitest-run-errors.json
counted=$?
if [ ${#failed[@]} -gt 0 ]; then
  echo "failed checks: ${failed[*]}" >&2
  exit 1
fi
exit $counted
