#!/usr/bin/env bash
# Runs the whole test suite. Installs what the browser tests need first when it can (Debian's
# chromium), and starts a throw-away PostgreSQL for the store tests; without either, those
# tests say they are skipped. Evaluations that need ../shared/data
# skip with a message when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -x scripts/install-browser.sh ]; then
  scripts/install-browser.sh || echo "note: browser not installed; UI tests will be skipped"
fi
# PostgreSQL: a throw-away cluster for the store tests against the shared back-end (installed
# from Debian's packages when missing); without it those tests say they are skipped.
source scripts/pg-test.sh
if [ -z "${DOSSIER_TEST_PG:-}" ]; then
  if pg_start; then
    trap pg_stop EXIT
  else
    echo "note: PostgreSQL not available (installation or start failed, see above); its store tests will be skipped"
  fi
fi
cargo test --workspace --no-fail-fast
