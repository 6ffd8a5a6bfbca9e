#!/usr/bin/env bash
# The main job on a fresh machine: install dependencies, build, and run the pipeline on the
# bundled sample corpus (a readable summary), then serve it: the last line printed is the
# dashboard's URL (Ctrl-C stops the server).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/install-web.sh
bash scripts/install-geo.sh
bash scripts/build.sh
rm -f sample.db sample.db-wal sample.db-shm
build/dyad run --db sample.db
echo
build/dyad series KAZ RUS --db sample.db
echo
echo "Dashboard: http://127.0.0.1:${DYAD_PORT:-8080}/#/dyad?a=KAZ&b=RUS  (Ctrl-C stops the server)"
exec build/dyad serve --db sample.db --port "${DYAD_PORT:-8080}"
