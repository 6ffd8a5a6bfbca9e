#!/usr/bin/env bash
# The main job on a fresh machine: install dependencies, build, and run the pipeline on the
# bundled sample corpus, ending with a readable summary.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
rm -f sample.db sample.db-wal sample.db-shm
build/dyad run --db sample.db
