#!/usr/bin/env bash
# The whole test suite under AddressSanitizer and UndefinedBehaviorSanitizer (gcc), in
# build-asan/. The dashboard's browser test is left out (it tests the front-end, which the
# sanitizers do not see; the API it calls is covered by the API tests).
set -euo pipefail
cd "$(dirname "$0")/.."
# -O1 with line tables only: reports name file and line, and the build stays affordable on 2
# cores.
FLAGS="-O1 -g1 -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=None -DCMAKE_CXX_FLAGS="$FLAGS" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" -DDYAD_BUILD_BENCH=OFF \
  -DDYAD_WERROR=ON >/dev/null
cmake --build build-asan -j"$(nproc)"
cd build-asan
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --output-on-failure -j"$(nproc)" -E "dashboard_e2e|kill_resume" "$@"
