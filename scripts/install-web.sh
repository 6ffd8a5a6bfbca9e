#!/usr/bin/env bash
# Installs what the web dashboard (web/) and its end-to-end test need, then builds it into
# web/dist (served by `dyad serve --web web/dist`). Run as root on Debian 12, after
# scripts/install-deps.sh. Idempotent: quiet when everything is present and up to date.
#   Debian's chromium (apt), only if /usr/bin/chromium is missing (the e2e test drives it);
#   Node.js and npm (apt), only if `node` is missing;
#   web/node_modules from package-lock.json (npm ci), when missing or older than the lock;
#   web/dist (npm run build), when missing or older than any source file.
# DYAD_SKIP_CHROMIUM=1 skips the browser (building the dashboard does not need it).
set -euo pipefail
cd "$(dirname "$0")/../web"

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else SUDO="__none__"; fi
fi

apt_install() {
  if [ "$SUDO" = "__none__" ]; then
    echo "install-web: need root to install $* (apt)" >&2
    return 1
  fi
  echo "install-web: installing $* (apt)"
  export DEBIAN_FRONTEND=noninteractive
  if [ -z "${DYAD_APT_UPDATED:-}" ]; then
    $SUDO apt-get update -qq
    export DYAD_APT_UPDATED=1
  fi
  $SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

if [ "${DYAD_SKIP_CHROMIUM:-0}" != "1" ] && [ ! -x /usr/bin/chromium ]; then
  apt_install chromium || echo "install-web: chromium is not installed: tests/dashboard_test.sh will skip" >&2
fi

if ! command -v node >/dev/null 2>&1; then
  apt_install nodejs npm
fi
if ! command -v npm >/dev/null 2>&1; then
  apt_install npm
fi

node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "install-web: Node.js $(node --version) is too old for Vite 7 (needs 20.19 or newer)" >&2
  exit 1
fi

# npm ci when node_modules is missing or older than the lock file
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "install-web: npm ci"
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi

# build when dist is missing or older than any source
stamp=dist/index.html
if [ ! -f "$stamp" ] || [ -n "$(find index.html vite.config.ts tsconfig.json package.json package-lock.json src -newer "$stamp" -print -quit)" ]; then
  echo "install-web: building the dashboard (web/dist)"
  npm run --silent build >/tmp/dyad-web-build.log 2>&1 || { cat /tmp/dyad-web-build.log >&2; exit 1; }
fi
echo "install-web: dashboard ready in web/dist"
