#!/usr/bin/env bash
# The PostgreSQL store backend against the SQLite one: starts a private PostgreSQL 15 server in
# a temporary directory (tests/pg_server.sh), runs the bundled sample corpus (then the seeds in
# ../shared/seeds, when present, as a second run on the same store) into an SQLite file and into
# PostgreSQL with the same options, and compares what users see: `dyad events`, `clusters`,
# `series`, `stats`, `search` and `articles`, and the JSON of `dyad serve` on each store. Row ids
# are compared too: both backends number rows from 1 in insertion order. Then the backend's unit
# tests run against the server, and `dyad merge` of two SQLite shards into PostgreSQL is
# compared with the same merge into SQLite.
#
#   bash tests/postgres_test.sh DYAD_BINARY [SHARED_DIR]
#
# Exit 0 pass, 1 fail, 77 skip (no PostgreSQL 15 binaries, a server that cannot start, or a
# dyad built without PostgreSQL support). The server is stopped on every exit path.
set -uo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BIN="${1:-}"
SHARED="${2:-$ROOT/../shared}"
skip() { echo "postgres_test: SKIP: $*"; exit 77; }
[ -n "$BIN" ] && [ -x "$BIN" ] || { echo "usage: tests/postgres_test.sh DYAD_BINARY [SHARED]" >&2; exit 1; }
command -v curl >/dev/null 2>&1 || skip "curl is missing"
command -v jq >/dev/null 2>&1 || skip "jq is missing"

T="$(mktemp -d "${TMPDIR:-/tmp}/dyad-pg.XXXXXX")"
SERVERS=()
# shellcheck source=tests/pg_server.sh
. "$ROOT/tests/pg_server.sh"
cleanup() {
  for p in "${SERVERS[@]}"; do
    kill "$p" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$p" 2>/dev/null
  done
  pg_stop
  rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

start=$(date +%s)
pg_start "$T" || skip "no PostgreSQL server (see above)"
PG="$PG_URI"
SQ="$T/sqlite.db"

# shellcheck source=tests/check.sh
. "$(dirname "${BASH_SOURCE[0]}")/check.sh"
same() {  # same NAME FILE_A FILE_B: files equal but for timestamps (prints the differences)
  sed -Ei 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z/TIME/g' "$2" "$3"
  if cmp -s "$2" "$3"; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL: $1 differs (sqlite < > postgres):"
    diff "$2" "$3" | head -n 10
  fi
}

# 1. The same runs into both stores.
"$BIN" stats --db "$PG" >"$T/probe" 2>&1
if grep -q "built without PostgreSQL" "$T/probe"; then skip "$BIN was built without PostgreSQL support"; fi
runs=("")
[ -d "$SHARED/seeds" ] && runs+=("$SHARED/seeds") || echo "postgres_test: no $SHARED/seeds, sample corpus only"
for input in "${runs[@]}"; do
  for db in "$SQ" "$PG"; do
    # shellcheck disable=SC2086  # no input: the bundled sample corpus
    "$BIN" run $input --db "$db" --no-progress >"$T/run.out" 2>"$T/run.err"
    rc=$?
    if [ "$rc" -ne 0 ] && [ "$rc" -ne 2 ]; then
      echo "FAIL: dyad run ${input:-sample} --db $db exited $rc:"; tail -n 5 "$T/run.err"
      exit 1
    fi
    # The overview differs only in the store's name and the timings.
    out=$(<"$T/run.out")
    printf '%s\n' "${out//"$db"/STORE}" | sed -E 's/[0-9]+\.[0-9]+ s( \([0-9.]+ MB\/s\))?/N s/g' \
      >"$T/run.$([ "$db" = "$SQ" ] && echo sq || echo pg)"
  done
  same "run overview (${input:-sample})" "$T/run.sq" "$T/run.pg"
done

# 2. The CLI on both stores.
cli() {  # cli NAME ARGS...: runs dyad ARGS --db on each store into $T/NAME.{sq,pg}
  local name=$1
  shift
  "$BIN" "$@" --db "$SQ" >"$T/$name.sq" 2>&1
  "$BIN" "$@" --db "$PG" >"$T/$name.pg" 2>&1
  same "dyad $*" "$T/$name.sq" "$T/$name.pg"
}
cli events events --format jsonl
check "events are not empty" test -s "$T/events.sq"
cli events_csv events --format csv --mentions
cli events_kaz events --actor KAZ --format jsonl
cli events_text events --query Moscow --format jsonl
cli clusters clusters --format jsonl
check "clusters are not empty" test -s "$T/clusters.sq"
cli series series KAZ RUS --by month --format csv
cli articles articles --format jsonl
cli sets sets
cli export export --format gdelt
cli show show 4
cli sentences sentences 4 --format jsonl
# Stats: the store's name, its size on disk and timestamps differ by nature.
"$BIN" stats --db "$SQ" --json | jq -S 'del(.path, .file_bytes)' >"$T/stats.sq"
"$BIN" stats --db "$PG" --json | jq -S 'del(.path, .file_bytes)' >"$T/stats.pg"
same "dyad stats --json" "$T/stats.sq" "$T/stats.pg"
check "stats counts articles" test "$(jq .articles "$T/stats.pg")" -gt 0
# Search: one-word queries mean the same in FTS5 and web-search syntax; the ranking differs
# (bm25 against ts_rank), so the hits are compared as sets, each with its highlighted snippet.
for q in Kazakhstan troops; do
  "$BIN" search "$q" --limit 1000 --format jsonl --db "$SQ" | jq -cS . | sort >"$T/search.sq"
  "$BIN" search "$q" --limit 1000 --format jsonl --db "$PG" | jq -cS . | sort >"$T/search.pg"
  same "dyad search $q" "$T/search.sq" "$T/search.pg"
  check "search $q finds something" test -s "$T/search.sq"
done

# 3. dyad serve on each store.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null ||
    echo $((40000 + RANDOM % 20000))
}
serve() {  # serve VAR DB LOG: starts dyad serve on DB, sets VAR to its URL once it answers
  local port pid
  port=$(free_port)
  "$BIN" serve --db "$2" --port "$port" >"$3" 2>&1 &
  pid=$!
  SERVERS+=("$pid")
  for _ in $(seq 1 100); do
    if curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$port/api/health" 2>/dev/null; then
      printf -v "$1" '%s' "http://127.0.0.1:$port"
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  return 1
}
serve U_SQ "$SQ" "$T/serve.sq.log" || { echo "FAIL: dyad serve on SQLite"; cat "$T/serve.sq.log"; exit 1; }
serve U_PG "$PG" "$T/serve.pg.log" || { echo "FAIL: dyad serve on PostgreSQL"; cat "$T/serve.pg.log"; exit 1; }
api() {  # api NAME PATH [JQ]: the JSON of PATH from both servers, normalised by JQ
  local filter=${3:-.}
  curl -fsS --max-time 20 "$U_SQ$2" | jq -S "$filter" >"$T/api_$1.sq"
  curl -fsS --max-time 20 "$U_PG$2" | jq -S "$filter" >"$T/api_$1.pg"
  check "GET $2 answers" test -s "$T/api_$1.pg"
  same "GET $2" "$T/api_$1.sq" "$T/api_$1.pg"
}
# Health names the store and its size, and the uptime.
api health /api/health 'del(.. | .db?, .path?, .store?, .file_bytes?, .uptime_seconds?, .uptime?)'
api events '/api/events?limit=5'
api events_kaz '/api/events?actor=KAZ&limit=50&offset=2'
api series '/api/series?a=KAZ&b=RUS'
api search '/api/search?q=Kazakhstan&limit=1000' '.hits |= sort_by(.sentence_id)'
api clusters /api/clusters
api articles '/api/articles?limit=10'
api actors /api/actors
api actor_kaz /api/actors/KAZ
api network /api/network
api map /api/map
api article '/api/articles/2'
api events_text '/api/events?q=troops&limit=100'
api sets /api/sets

# Ingest over HTTP (the only write the API has) into both, then the stores compared again.
stop_servers() {
  for p in "${SERVERS[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
  SERVERS=()
}
stop_servers
export DYAD_TOKEN=postgres-test-token-0123456789
serve U_SQ "$SQ" "$T/serve.sq.log" || { echo "FAIL: dyad serve on SQLite"; cat "$T/serve.sq.log"; exit 1; }
serve U_PG "$PG" "$T/serve.pg.log" || { echo "FAIL: dyad serve on PostgreSQL"; cat "$T/serve.pg.log"; exit 1; }
body='{"id": "p1", "title": "Talks", "published": "2022-10-14", "text": "Kazakhstan and Russia signed a gas agreement in Astana on Friday. Tokayev praised Putin."}'
for k in sq pg; do
  u=U_SQ; [ "$k" = pg ] && u=U_PG
  curl -fsS --max-time 60 -X POST -H "Authorization: Bearer $DYAD_TOKEN" --data "$body" \
    "${!u}/api/articles" | jq -S . >"$T/post.$k"
done
same "POST /api/articles" "$T/post.sq" "$T/post.pg"
check "POST stored the article" test "$(jq .ingested "$T/post.pg")" = 1
stop_servers
unset DYAD_TOKEN
cli events_after_post events --format jsonl --mentions
# A new coding (event set) of everything.
for db in "$SQ" "$PG"; do "$BIN" recode --db "$db" >/dev/null 2>&1 || echo "FAIL: recode --db $db"; done
cli events_recoded events --format jsonl
cli sets_recoded sets

# 4. The backend's unit tests (src/store/postgres_test.cc) against a database of their own.
UNIT="$(dirname "$BIN")/dyad_tests"
if [ -x "$UNIT" ]; then
  U=$(pg_createdb unit) || { echo "FAIL: createdb unit: $U"; exit 1; }
  DYAD_TEST_PG_URI="$U" "$UNIT" --gtest_filter='Postgres*' >"$T/unit.log" 2>&1
  check "unit tests (dyad_tests --gtest_filter='Postgres*')" test $? -eq 0 || cat "$T/unit.log"
  check "unit tests ran against the server" bash -c "! grep -q SKIPPED '$T/unit.log'"
fi

# 5. dyad merge into PostgreSQL: two SQLite shards merged into a fresh database equal the
#    same merge into SQLite.
"$BIN" shard 2 "$ROOT/data/sample" --out "$T/shards" >/dev/null 2>&1
if [ -f "$T/shards/shard-000.list" ]; then
  for k in 000 001; do
    "$BIN" run --db "$T/shards/$k.db" --inputs-from "$T/shards/shard-$k.list" -q >/dev/null 2>&1
  done
  PGM=$(pg_createdb merged) || { echo "FAIL: createdb merged: $PGM"; exit 1; }
  "$BIN" merge --db "$T/merged.db" "$T/shards/000.db" "$T/shards/001.db" >/dev/null 2>&1
  "$BIN" merge --db "$PGM" "$T/shards/000.db" "$T/shards/001.db" >"$T/merge.pg" 2>&1
  check "merge into PostgreSQL exits 0" test $? -eq 0 || cat "$T/merge.pg"
  "$BIN" events --format jsonl --db "$T/merged.db" >"$T/mev.sq"
  "$BIN" events --format jsonl --db "$PGM" >"$T/mev.pg"
  same "events after merge" "$T/mev.sq" "$T/mev.pg"
  check "merged events are not empty" test -s "$T/mev.sq"
  "$BIN" clusters --format jsonl --db "$T/merged.db" >"$T/mcl.sq"
  "$BIN" clusters --format jsonl --db "$PGM" >"$T/mcl.pg"
  same "clusters after merge" "$T/mcl.sq" "$T/mcl.pg"
else
  echo "FAIL: dyad shard made no shard lists"
  fail=$((fail + 1))
fi

# 6. dyad dedup past its in-memory index cap (the store's LSH table for the older articles, a
#    small in-memory index for those examined since, written to the table every 640 keys)
#    finds in PostgreSQL the clusters the in-memory index finds in SQLite.
PGF=$(pg_createdb fallback) || { echo "FAIL: createdb fallback: $PGF"; exit 1; }
for db in "$T/fallback.db" "$PGF"; do
  "$BIN" ingest --db "$db" "$ROOT/data/sample" >/dev/null 2>&1 || echo "FAIL: ingest --db $db"
done
"$BIN" dedup --db "$T/fallback.db" >/dev/null 2>&1
"$BIN" dedup --db "$PGF" --index-keys 0 --recent-keys 640 >"$T/fallback.out" 2>&1
check "dedup past the index cap exits 0" test $? -eq 0 || cat "$T/fallback.out"
"$BIN" clusters --format jsonl --db "$T/fallback.db" >"$T/fcl.sq"
"$BIN" clusters --format jsonl --db "$PGF" >"$T/fcl.pg"
check "clusters (in-memory index) are not empty" test -s "$T/fcl.sq"
same "clusters found past the index cap" "$T/fcl.sq" "$T/fcl.pg"

echo "postgres_test: $pass passed, $fail failed in $(( $(date +%s) - start )) s"
[ "$fail" -eq 0 ]
