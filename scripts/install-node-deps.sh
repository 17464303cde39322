#!/usr/bin/env bash
# Installs what the LiteRT.js compatibility test needs (tests/compat/litert): Node + npm from Debian when
# missing (root or sudo), then `npm ci` of the pinned @litertjs/core when node_modules is missing or older
# than package-lock.json. Never fails the build: without network the test skips with a message.
set -uo pipefail
cd "$(dirname "$0")/.."
dir=tests/compat/litert

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "installing: nodejs npm"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if ! { $sudo apt-get update && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends nodejs npm; }; then
    echo "install-node-deps: could not install nodejs/npm; the LiteRT.js compatibility test will skip"
    exit 0
  fi
fi

stamp="$dir/node_modules/.package-lock.json"  # written by npm ci; newer than package-lock.json when current
if [ -d "$dir/node_modules/@litertjs/core/wasm" ] && [ -f "$stamp" ] && [ ! "$dir/package-lock.json" -nt "$stamp" ]; then
  exit 0
fi
echo "install-node-deps: npm ci in $dir"
if ! (cd "$dir" && npm ci --no-audit --no-fund --prefer-offline --fetch-retries=1 --fetch-retry-mintimeout=2000 --fetch-retry-maxtimeout=5000); then
  echo "install-node-deps: npm ci failed (registry unreachable?); the LiteRT.js compatibility test will skip"
  rm -rf "$dir/node_modules"
  exit 0
fi
