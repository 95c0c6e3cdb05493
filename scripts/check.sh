#!/usr/bin/env bash
# The project's whole check, as CI runs it: format, lint, typecheck, then the tests (unit,
# integration with real ONNX Runtime / SQLite / CLI processes, and the browser end-to-end tests).
set -euo pipefail
cd "$(dirname "$0")/.."

# Browser tests drive Debian's Chromium (there is no browser download on these machines).
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing Debian's chromium for the browser tests"
    (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium) >/tmp/chromium-install.log 2>&1 \
      || { tail -20 /tmp/chromium-install.log; exit 1; }
  else
    echo "chromium is missing: install Debian's 'chromium' package (sudo apt-get install chromium)" >&2
    exit 1
  fi
fi

echo "== format";    npx prettier --check . --log-level warn
echo "== lint";      npx eslint . --max-warnings 0
echo "== unused files, exports and dependencies"; npx knip --no-progress
echo "== typecheck"; npm run --silent typecheck
echo "== tests";     npx vitest run
echo "== browser end-to-end tests (real UI, HTTP bridge, real engine, Debian Chromium)"
npx vitest run --config test/e2e/vitest.e2e.config.ts
