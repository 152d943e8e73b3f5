#!/usr/bin/env bash
# Every test of the suite, as CI runs it: first the Debian packages that tests drive (headless Chromium for the
# dashboard's browser test), installed with apt-get when missing, then the Maven build with all its tests.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
if ((${#missing[@]})); then
  sudo=""
  ((EUID == 0)) || sudo="sudo"
  echo "Installing ${missing[*]} with apt-get for the tests that drive them ..."
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

exec mvn -B -ntp verify "$@"
