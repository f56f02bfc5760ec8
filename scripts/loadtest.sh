#!/usr/bin/env bash
# A bounded loopback load test of `dossier serve` on a store of N news-like articles.
#
#   scripts/loadtest.sh [N=20000] [REQUESTS_PER_KIND=400] [CONNECTIONS=4] [WORK_DIR=target/loadtest]
#
# Corpus: N articles made by crates/serve/examples/loadtest.rs from the paragraphs of the
# Reuters-21578 development sample (../shared/data/news-reuters21578/, research use only, read in
# place, never copied into the repo), ingested by `dossier ingest` as a user would. The store is
# kept in WORK_DIR and reused when it already holds N documents. The server runs on a random
# loopback port; each page kind gets REQUESTS_PER_KIND requests over CONNECTIONS connections.
# Prints p50/p95/p99 per kind and the server's peak resident memory (VmHWM), then stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-20000}"
requests="${2:-400}"
conns="${3:-4}"
work="${4:-target/loadtest}"
sample="../shared/data/news-reuters21578/reuters21578_sample200.jsonl"
if [ ! -f "$sample" ]; then
  echo "skipped: $sample not found"
  exit 0
fi
target="${CARGO_TARGET_DIR:-target}"
cargo build --release -p dossier
cargo build --release -p dossier-serve --example loadtest
bin="$target/release/dossier"
lt="$target/release/examples/loadtest"
mkdir -p "$work"
data="$work/data-$n"
# The store is reused once an ingest of the whole corpus finished (marker file).
if [ ! -f "$data/loadtest-corpus-done" ]; then
  rm -rf "$data"
  "$lt" corpus "$sample" "$work/corpus-$n.jsonl" "$n"
  timer=""
  [ -x /usr/bin/time ] && timer="/usr/bin/time -v"
  $timer "$bin" --data "$data" ingest "$work/corpus-$n.jsonl" 2> "$work/ingest.log" || { cat "$work/ingest.log"; exit 1; }
  grep -E "ingested|Elapsed|Maximum resident" "$work/ingest.log" || true
  touch "$data/loadtest-corpus-done"
fi
# A store ingested before the corpus state existed gets it now (once), not at every server start.
"$bin" --data "$data" entities --limit 1 > /dev/null
echo "store: $data ($(du -sh "$data" | cut -f1)); ingest said: $(grep -o 'ingested [0-9]*, unchanged [0-9]*' "$work/ingest.log" || echo '?')"

log="$work/serve.log"
"$bin" --data "$data" serve --addr 127.0.0.1:0 2> "$log" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT
addr=""
# The server reads the corpus (state and every document's records) before it listens.
start=$(date +%s)
for _ in $(seq 1 1800); do
  addr=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$log" | head -1 | sed 's#http://##' || true)
  [ -n "$addr" ] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.5
done
if [ -z "$addr" ]; then
  echo "server did not start:"; cat "$log"; exit 1
fi
echo "server pid $pid at $addr after $(( $(date +%s) - start )) s reading the corpus; idle memory: $(grep VmRSS /proc/$pid/status | tr -s ' ')"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
timeout 1500 "$lt" load "$addr" "$requests" "$conns" "$pid"
echo "server memory: $(grep -E 'VmHWM|VmRSS' /proc/$pid/status | tr -s ' ' | tr '\n' ' ')"
echo "machine: load average $(cut -d' ' -f1-3 /proc/loadavg) after the run"
