#!/usr/bin/env bash
# Concurrent ingest into one PostgreSQL: docs/s for 1, 2 and 4 `dossier ingest` processes over a
# synthetic 20,000-article corpus (scripts/synthetic-corpus.py), then a worker killed mid-batch
# and a rerun. Starts its own throw-away cluster (scripts/pg-test.sh) unless DOSSIER_TEST_PG is set.
#   scripts/pg-ingest-bench.sh [DOSSIER_BINARY] [DOCS] [JOBS_PER_WORKER]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/dossier}
docs=${2:-20000}
jobs=${3:-1}
work=$(mktemp -d /tmp/dossier-pgbench.XXXXXX)
source scripts/pg-test.sh
started=""
if [ -z "${DOSSIER_TEST_PG:-}" ]; then pg_start; started=1; fi
cleanup() { rm -rf "$work"; if [ -n "$started" ]; then pg_stop; fi; }
trap cleanup EXIT
admin=$DOSSIER_TEST_PG
base=${admin%/*}
psql_q() { "$PG_TEST_BIN/psql" "$1" -Atqc "$2"; }
PG_TEST_BIN=${PG_TEST_BIN:-$(scripts/install-postgres.sh | tail -n 1)}

fresh_db() {
    psql_q "$admin" "DROP DATABASE IF EXISTS $1 WITH (FORCE)" >/dev/null
    psql_q "$admin" "CREATE DATABASE $1" >/dev/null
    echo "$base/$1"
}

for w in 1 2 4; do
    python3 scripts/synthetic-corpus.py --docs "$docs" --out "$work/corpus.jsonl" --shards "$w"
    url=$(fresh_db "bench_$w")
    start=$(date +%s.%N)
    pids=()
    for ((k = 0; k < w; k++)); do
        "$bin" --data "$work/data" --store "$url" ingest --quiet --jobs "$jobs" "$work/corpus.jsonl.$k" 2>"$work/w$k.log" &
        pids+=($!)
    done
    for p in "${pids[@]}"; do wait "$p"; done
    end=$(date +%s.%N)
    n=$(psql_q "$url" "SELECT count(*) FROM documents")
    d=$(psql_q "$url" "SELECT count(*) - count(DISTINCT id) FROM documents")
    # Entities sharing a name and type would be one actor created twice by racing workers.
    e=$("$bin" --data "$work/data" --store "$url" entities --json --limit 1000000 | python3 -c 'import json, sys; es = json.load(sys.stdin); print(len(es), len(es) - len({(e["name"], e["type"]) for e in es}))')
    echo "workers=$w jobs/worker=$jobs documents=$n duplicate_documents=$d entities,duplicate_entities=${e/ /,} seconds=$(echo "$end - $start" | bc) docs/s=$(echo "scale=1; $n / ($end - $start)" | bc)"
done

# Kill one worker mid-batch, then rerun it: nothing reported lost, the batch finishes.
url=$(fresh_db bench_kill)
"$bin" --store "$url" ingest --quiet --jobs "$jobs" "$work/corpus.jsonl.0" 2>"$work/kill.log" &
victim=$!
for _ in $(seq 1 600); do
    n=$(psql_q "$url" "SELECT count(*) FROM documents" 2>/dev/null || echo 0)
    [ "${n:-0}" -ge 500 ] && break
    sleep 0.2
done
kill -9 "$victim"; wait "$victim" 2>/dev/null || true
before=$(psql_q "$url" "SELECT count(*) FROM documents")
half=$(psql_q "$url" "SELECT count(*) FROM documents d WHERE json_array_length((d.layers::json)->'mentions') <> (SELECT count(*) FROM mentions m WHERE m.doc = d.n)")
"$bin" --store "$url" --json ingest --quiet --jobs "$jobs" "$work/corpus.jsonl.0" >"$work/rerun.json" 2>/dev/null
after=$(psql_q "$url" "SELECT count(*) FROM documents")
shard=$(grep -c . "$work/corpus.jsonl.0")
echo "killed after $before committed documents (documents missing part of their mention index: $half); rerun: $(tr -d ' \n' <"$work/rerun.json" | grep -o '"ingested":[0-9]*,"unchanged":[0-9]*'); documents now $after of $shard"
