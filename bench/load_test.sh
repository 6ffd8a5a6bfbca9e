#!/usr/bin/env bash
# A sustained load run against `dyad serve`: wrk for 60 seconds at 64 connections, each
# request the next path of a mix of read endpoints (bench/load_mix.lua), on the coded sample
# corpus. Reports requests/s, p50/p99 latency, errors (socket errors and non-2xx answers:
# every request is valid, so there must be none) and the server's RSS sampled every 5 s
# (first, last, max: memory must stay flat). Not part of CTest (too long).
#
#   bash bench/load_test.sh [DYAD_BINARY] [SECONDS] [CONNECTIONS]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BIN="$(realpath "${1:-$ROOT/build/dyad}")"
SECS="${2:-60}"
CONNS="${3:-64}"
command -v wrk >/dev/null || { echo "load_test: wrk is missing (apt install wrk)"; exit 77; }
TMP="$(mktemp -d)"
PID=""
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT
DB="$TMP/load.db"
"$BIN" run --db "$DB" -q --no-progress
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$BIN" serve --db "$DB" --port "$PORT" --threads 8 2>"$TMP/serve.log" &
PID=$!
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$PORT/api/health" >/dev/null && break
  sleep 0.1
done
# Every path of the mix must answer 2xx before the run (a 404 would count as an error).
for p in $(grep -o '"/[^"]*"' "$ROOT/bench/load_mix.lua" | tr -d '"'); do
  code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT$p")
  [[ "$code" == 2* ]] || { echo "load_test: $p answers $code"; exit 1; }
done
rss() { awk '/VmRSS/{print $2}' "/proc/$PID/status"; }
: >"$TMP/rss"
( while kill -0 "$PID" 2>/dev/null; do rss >>"$TMP/rss"; sleep 5; done ) &
SAMPLER=$!
echo "dyad serve under load: ${SECS}s, $CONNS connections, 2 wrk threads, 8 server threads, $(nproc) cores"
wrk -t2 -c"$CONNS" -d"${SECS}s" --timeout 10s -s "$ROOT/bench/load_mix.lua" \
  "http://127.0.0.1:$PORT" >"$TMP/wrk.out" 2>&1
rss >>"$TMP/rss"
kill "$SAMPLER" 2>/dev/null || true
grep -v "^RESULT" "$TMP/wrk.out"
line=$(grep '^RESULT' "$TMP/wrk.out")
non2xx=$(awk '/Non-2xx/{print $NF}' "$TMP/wrk.out")
echo "$line non2xx=${non2xx:-0}"
echo "server RSS samples (MB): $(awk '{printf "%.1f ", $1/1024}' "$TMP/rss")"
awk 'NR==1{first=$1} {last=$1; if ($1>max) max=$1} END {
  printf "server RSS (MB, every 5 s, %d samples): first %.1f last %.1f max %.1f\n", NR, first/1024, last/1024, max/1024 }' "$TMP/rss"
errors=$(echo "$line" | tr ' ' '\n' | awk -F= '$1 ~ /connect|read|write|status|timeout/ {s += $2} END {print s}')
if [[ "$errors" != 0 || -n "$non2xx" ]]; then echo "load_test: errors"; exit 1; fi
