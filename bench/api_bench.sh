#!/usr/bin/env bash
# API latency and throughput under concurrent load, with wrk (Debian's package).
#
#   bash bench/api_bench.sh [DYAD_BINARY] [SECONDS] [CONNECTIONS]
#
# Codes the bundled sample corpus into a fresh store (or uses $DYAD_BENCH_DB), starts
# `dyad serve` on a free loopback port, and runs wrk against each endpoint in turn. The
# baseline in the same run is /api/health (a constant-size answer): the other rows show what
# each query costs on top of the HTTP layer. Prints p50, p99, requests/s and errors per
# endpoint, and the server's peak RSS.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BIN="${1:-$ROOT/build/dyad}"
SECS="${2:-5}"
CONNS="${3:-16}"
command -v wrk >/dev/null || { echo "api_bench: wrk is missing (apt install wrk)"; exit 77; }
TMP="$(mktemp -d)"
PID=""
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT
DB="${DYAD_BENCH_DB:-}"
if [ -z "$DB" ]; then
  DB="$TMP/bench.db"
  "$BIN" run --db "$DB" -q --no-progress
fi
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$BIN" serve --db "$DB" --port "$PORT" --threads 4 2>"$TMP/serve.log" &
PID=$!
for _ in $(seq 1 50); do
  curl -sf "http://127.0.0.1:$PORT/api/health" >/dev/null && break
  sleep 0.1
done
echo "dyad API under load: $CONNS connections, ${SECS}s per endpoint, 2 wrk threads, $(nproc) cores"
printf '%-44s %9s %9s %10s %7s\n' endpoint p50 p99 req/s errors
for path in \
  "/api/health" \
  "/api/events?dyad=KAZ,RUS" \
  "/api/events?limit=100" \
  "/api/events?q=troops" \
  "/api/series?a=KAZ&b=RUS&by=month" \
  "/api/actors" \
  "/api/network" \
  "/api/clusters" \
  "/api/articles/2" \
  "/api/events?actor=KAZ'%20OR%201=1"; do
  out=$(wrk -t2 -c"$CONNS" -d"${SECS}s" --latency "http://127.0.0.1:$PORT$path" 2>&1)
  p50=$(echo "$out" | awk '$1=="50%"{print $2}')
  p99=$(echo "$out" | awk '$1=="99%"{print $2}')
  rps=$(echo "$out" | awk '/Requests\/sec/{print $2}')
  errs=$(echo "$out" | awk '/Socket errors/{print $0}' | sed 's/.*Socket errors: //')
  non2xx=$(echo "$out" | awk '/Non-2xx/{print $NF}')
  printf '%-44s %9s %9s %10s %7s\n' "$path" "$p50" "$p99" "$rps" "${errs:-0}${non2xx:+ (non-2xx $non2xx)}"
done
rss=$(awk '/VmHWM/{print $2}' /proc/$PID/status)
echo "server peak RSS: $((rss / 1024)) MB"
