#!/usr/bin/env bash
# Runs the cargo-fuzz targets in fuzz/ (nightly toolchain and `cargo install cargo-fuzz`).
#
#   scripts/fuzz.sh                 # every target, 120 s each
#   scripts/fuzz.sh html_extract 600
#   FUZZ_JOBS=2 scripts/fuzz.sh read_warc 300
#
# Targets: html_extract, clean_bytes, read_jsonl, read_warc, read_feed, pipeline.
# Each starts from fuzz/seeds/<kind>/ and its own corpus in fuzz/corpus/<target>/ (not committed).
# A crash is written to fuzz/artifacts/<target>/; after fixing it, copy the input to
# fuzz/regressions/<target>/ so `cargo test -p dossier-clean --test no_panic` replays it on stable.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"

all=(html_extract clean_bytes read_jsonl read_warc read_feed pipeline)
targets=("${1:-all}")
[[ "${targets[0]}" == all ]] && targets=("${all[@]}")
secs="${2:-120}"
jobs="${FUZZ_JOBS:-1}"

seeds_of() {
  case "$1" in
    html_extract) echo seeds/html seeds/text ;;
    clean_bytes) echo seeds/text seeds/html ;;
    read_jsonl) echo seeds/jsonl ;;
    read_warc) echo seeds/warc ;;
    read_feed) echo seeds/feed ;;
    pipeline) echo seeds/text seeds/html seeds/jsonl seeds/warc seeds/feed ;;
  esac
}

for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  echo "== $t for ${secs}s"
  # More than one job: libFuzzer forks workers and writes their output to fuzz-<n>.log.
  par=(); [[ "$jobs" -gt 1 ]] && par=(-jobs="$jobs" -workers="$jobs")
  feat=(); [[ "$t" == pipeline ]] && feat=(--features pipeline)
  # shellcheck disable=SC2046
  cargo +nightly fuzz run -O "${feat[@]}" "$t" "corpus/$t" $(seeds_of "$t") -- \
    -max_total_time="$secs" -max_len=65536 -rss_limit_mb=2048 -timeout=20 "${par[@]}"
done
