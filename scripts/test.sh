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
# A full test build needs about 1.5 GB: say so up front when the disk is short, rather than failing
# later with "database or disk is full" in whichever test writes first.
free_kb=$(df -Pk "${CARGO_TARGET_DIR:-target}" 2>/dev/null | awk 'NR == 2 {print $4}' || true)
if [ -z "$free_kb" ]; then free_kb=$(df -Pk . | awk 'NR == 2 {print $4}'); fi
if [ "${free_kb:-0}" -lt 2500000 ]; then
  echo "warning: only $((free_kb / 1024)) MB free on the disk of the build; the test build needs about 1.5 GB" >&2
fi
# A one-shot build of everything: incremental caches would only add gigabytes to the target dir.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
cargo test --workspace --no-fail-fast
