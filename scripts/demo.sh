#!/usr/bin/env bash
# Builds dossier, ingests the bundled demo articles into a fresh data directory and shows what
# was found. Usage: scripts/demo.sh [DATA_DIR]   (default: ./dossier-demo)
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-./dossier-demo}"
cargo build --release -p dossier
bin="${CARGO_TARGET_DIR:-./target}/release/dossier"
rm -rf "$data"
section() { printf '\n== %s\n' "$*"; }
section "dossier ingest demo/"
"$bin" --data "$data" ingest demo/
section "dossier docs"
"$bin" --data "$data" docs
section "dossier entities"
"$bin" --data "$data" entities
section "dossier entity abdrahmanov   (any spelling finds the actor)"
"$bin" --data "$data" entity abdrahmanov
section "dossier quotes --speaker abdrakhmanov"
"$bin" --data "$data" quotes --speaker abdrakhmanov
section "dossier events --type REJECT"
"$bin" --data "$data" events --type REJECT
section "dossier stories   (one happening across outlets; copies counted)"
"$bin" --data "$data" stories
section "dossier conflicts   (figures the sources disagree on)"
"$bin" --data "$data" conflicts
section "dossier search Toktogul"
"$bin" --data "$data" search Toktogul
printf '\nData directory: %s. Browse it: %s --data %s serve\n' "$data" "$bin" "$data"
