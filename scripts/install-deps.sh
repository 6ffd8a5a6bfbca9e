#!/usr/bin/env bash
# Installs every package dyad needs to build, test and benchmark, from Debian 12's archive.
# Run as root (or with sudo available). Safe to run again: apt skips what is installed.
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config git ca-certificates
  libsqlite3-dev sqlite3      # the store (FTS5 is compiled in)
  libicu-dev                  # Unicode normalisation and character classes
  libfmt-dev                  # formatting
  nlohmann-json3-dev          # JSON Lines input, JSON output
  libsimdjson-dev             # JSON Lines input: the fast parser
  libcli11-dev                # the command line
  libxxhash-dev               # content hashes
  zlib1g-dev                  # gzip input
  libgtest-dev libgmock-dev   # tests
  libbenchmark-dev            # bench/
  libstemmer-dev              # Snowball stemmer: comparing reworded copies (dedup)
  libcpp-httplib-dev          # dyad serve: the HTTP API and dashboard
  wrk                         # bench/: API load test
  iso-codes                   # country names (ICEWS-style export, dashboard)
  clang-14 libclang-rt-14-dev # scripts/fuzz.sh: libFuzzer with ASan and UBSan
  libgumbo-dev                # HTML parsing (HTML files, WARC payloads)
  libcld2-dev                 # language identification
  munge slurmctld slurmd slurm-client  # tests/slurm_test.sh: a private single-node Slurm
  libpqxx-dev                 # the optional PostgreSQL store backend (postgresql:// --db)
  postgresql-15 curl jq       # tests: a private PostgreSQL; comparing JSON output (slurm, postgres)
)

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "install-deps: run as root (or install sudo)" >&2; exit 1
  fi
fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages already installed"
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
