#!/usr/bin/env bash
# End-to-end test of the web dashboard: codes the bundled sample corpus into a fresh store,
# serves it with `dyad serve` and the built dashboard (web/dist), and drives Debian's Chromium
# with Playwright (web/tests/e2e.mjs): the Kazakhstan–Russia dyad page draws a chart with data,
# clicking a period lists its events, opening one shows its highlighted sentence; overview,
# network, map, explorer, clusters and article pages render without console errors.
#
#   bash tests/dashboard_test.sh DYAD_BINARY
#
# Screenshots go to ${DYAD_SCREENSHOT_DIR:-build/screenshots}. Exit 0 pass, 1 fail, 77 skip
# (no Chromium, no web/node_modules, or a dyad without `serve`). DYAD_TEST_URL=http://host:port
# runs the browser part against a server already running (no store, no server started).
set -uo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
BIN="${1:-}"
CHROMIUM="${DYAD_CHROMIUM:-/usr/bin/chromium}"
SHOTS="${DYAD_SCREENSHOT_DIR:-build/screenshots}"
case "$SHOTS" in /*) ;; *) SHOTS="$ROOT/$SHOTS" ;; esac

skip() { echo "dashboard_test: SKIP: $*"; exit 77; }
fail() { echo "dashboard_test: FAIL: $*" >&2; exit 1; }

[ -x "$CHROMIUM" ] || skip "$CHROMIUM is missing (bash scripts/install-web.sh installs Debian's chromium)"
command -v node >/dev/null 2>&1 || skip "node is missing (bash scripts/install-web.sh)"
[ -d web/node_modules/playwright-core ] || skip "web/node_modules is missing (bash scripts/install-web.sh)"

# Built when missing or older than any source (the rule of scripts/install-web.sh): a stale
# bundle would test yesterday's dashboard.
if [ ! -f web/dist/index.html ] || [ -n "$(cd web && find index.html vite.config.ts tsconfig.json \
  package.json package-lock.json src -newer dist/index.html -print -quit)" ]; then
  echo "dashboard_test: building web/dist"
  (cd web && npm run --silent build) >/dev/null || fail "npm run build failed in web/"
fi

TMP="$(mktemp -d "${TMPDIR:-/tmp}/dyad-dashboard.XXXXXX")"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SERVER_PID" 2>/dev/null
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

start=$(date +%s)
URL="${DYAD_TEST_URL:-}"
if [ -z "$URL" ]; then
  [ -n "$BIN" ] || fail "usage: tests/dashboard_test.sh DYAD_BINARY"
  [ -x "$BIN" ] || fail "$BIN is not an executable"
  "$BIN" serve --help >/dev/null 2>&1 || skip "$BIN has no 'serve' command"

  # the test store: the bundled sample corpus, coded with the default dictionaries
  "$BIN" run --db "$TMP/test.db" >"$TMP/run.log" 2>&1
  rc=$?
  if [ "$rc" -ne 0 ] && [ "$rc" -ne 2 ]; then
    cat "$TMP/run.log" >&2
    fail "dyad run exited $rc"
  fi
  # exact copies of two sample articles: more story clusters, for the clusters page's paging
  mkdir -p "$TMP/copies"
  for f in 010_astana_name_restored 021_sco_astana_summit; do
    cp "data/sample/$f.txt" "$TMP/copies/${f}_copy.txt"
  done
  "$BIN" run "$TMP/copies" --db "$TMP/test.db" >"$TMP/run2.log" 2>&1
  rc=$?
  if [ "$rc" -ne 0 ] && [ "$rc" -ne 2 ]; then
    cat "$TMP/run2.log" >&2
    fail "dyad run (copies) exited $rc"
  fi

  PORT="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
  "$BIN" serve --db "$TMP/test.db" --port "$PORT" --web "$ROOT/web/dist" >"$TMP/serve.log" 2>&1 &
  SERVER_PID=$!
  URL="http://127.0.0.1:$PORT"
  up=0
  for _ in $(seq 1 150); do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      cat "$TMP/serve.log" >&2
      fail "dyad serve exited before answering"
    fi
    if curl -fsS -o /dev/null --max-time 2 "$URL/api/health" 2>/dev/null; then up=1; break; fi
    sleep 0.2
  done
  [ "$up" = 1 ] || { cat "$TMP/serve.log" >&2; fail "no answer from $URL/api/health after 30 s"; }
fi

mkdir -p "$SHOTS"
echo "dashboard_test: server $URL, screenshots in $SHOTS"
DYAD_URL="$URL" DYAD_SCREENSHOT_DIR="$SHOTS" DYAD_CHROMIUM="$CHROMIUM" \
  timeout 300 node web/tests/e2e.mjs
rc=$?
echo "dashboard_test: $(( $(date +%s) - start )) s"
if [ "$rc" -ne 0 ]; then
  if [ -f "$TMP/serve.log" ]; then
    echo "--- dyad serve log (last 40 lines) ---" >&2
    tail -n 40 "$TMP/serve.log" >&2
  fi
  exit 1
fi
exit 0
