#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan, coverage for the whole library) in
# build-fuzz/ and runs each for a set time, starting from its regression inputs
# (tests/regress/<target>/). Crashes are saved as tests/regress/<target>/crash-*: commit them,
# fix the bug, and CTest replays them in every build from then on.
#
#   bash scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     (default 60 s, every target)
#
# With DYAD_FUZZ_RUNS=N each target instead runs exactly N inputs from a fixed seed: the same
# binary and corpus then give the same result, which is what CI's smoke test uses (a timed run
# explores differently every time).
#
# Prints, per target, the runs, the coverage reached and the crashes found; exits 1 when a
# target crashed.
set -euo pipefail
cd "$(dirname "$0")/.."
SECS="${1:-60}"
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(fuzz_ingest fuzz_dictionaries fuzz_api fuzz_dates fuzz_timex fuzz_places)
command -v clang++ >/dev/null || { echo "fuzz: clang++ is missing (bash scripts/install-deps.sh)"; exit 1; }
FLAGS="-fsanitize=address,undefined,fuzzer-no-link -fno-sanitize-recover=undefined -fno-omit-frame-pointer -g"
cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_COMPILER=clang \
  -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_CXX_FLAGS="$FLAGS" -DDYAD_FUZZ=ON \
  -DDYAD_BUILD_TESTS=OFF -DDYAD_BUILD_BENCH=OFF >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target "${TARGETS[@]}" 2>&1 | grep -E "error|warning: " || true
status=0
if [ -n "${DYAD_FUZZ_RUNS:-}" ]; then
  LIMIT="-runs=$DYAD_FUZZ_RUNS -seed=1"
else
  LIMIT="-max_total_time=$SECS"
fi
printf '%-20s %10s %8s %8s %s\n' target runs cov ft crashes
for t in "${TARGETS[@]}"; do
  dir="tests/regress/$t"
  work="build-fuzz/corpus/$t"
  rm -rf "$work"  # start from the committed inputs only, so that runs are repeatable
  mkdir -p "$dir" "$work"
  log="build-fuzz/$t.log"
  set +e
  UBSAN_OPTIONS=print_stacktrace=1 ASAN_OPTIONS=detect_leaks=1 \
    "build-fuzz/$t" "$work" "$dir" $LIMIT -max_len=65536 -timeout=10 \
    -rss_limit_mb=4096 -artifact_prefix="$dir/" -print_final_stats=1 >"$log" 2>&1
  rc=$?
  set -e
  runs=$(grep -E "stat::number_of_executed_units" "$log" | awk '{print $2}')
  cov=$(grep -oE "cov: [0-9]+" "$log" | tail -1 | awk '{print $2}')
  ft=$(grep -oE "ft: [0-9]+" "$log" | tail -1 | awk '{print $2}')
  crashes=$(ls "$dir" | grep -cE "^(crash|leak|timeout|oom)-" || true)
  printf '%-20s %10s %8s %8s %s\n' "$t" "${runs:-?}" "${cov:-?}" "${ft:-?}" "$crashes"
  if [ $rc -ne 0 ]; then
    status=1
    echo "fuzz: $t stopped with exit $rc; its log: $log" >&2
    grep -E "ERROR|invariant failed|runtime error" "$log" | head -5 >&2 || true
  fi
done
exit $status
