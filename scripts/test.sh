#!/usr/bin/env bash
# Runs the whole test suite. Installs what the browser tests need first when it can (Debian's
# chromium); without it those tests say they are skipped. Evaluations that need ../shared/data
# skip with a message when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -x scripts/install-browser.sh ]; then
  scripts/install-browser.sh || echo "note: browser not installed; UI tests will be skipped"
fi
cargo test --workspace --no-fail-fast
