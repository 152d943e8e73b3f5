#!/usr/bin/env bash
# The Debian packages that tests drive, installed with apt-get when missing: the tests fail rather than skip without
# them. Part of the README's test command, `scripts/install-test-deps.sh && mvn -B -ntp verify`.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
# the dashboard's browser test: headless Chromium through its WebDriver
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
# the Avro interop test: Confluent's own Python client (legacy confluent_kafka.avro), run by Debian's python3
if ! /usr/bin/python3 -c "import confluent_kafka.avro, avro, requests" >/dev/null 2>&1; then
  missing+=(python3 python3-confluent-kafka python3-avro python3-requests)
fi
# the CDC test (cdc/ReferenceDataCdcIT): a PostgreSQL server of its own, from Debian's package
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
if ((${#missing[@]})); then
  sudo=""
  ((EUID == 0)) || sudo="sudo"
  echo "Installing ${missing[*]} with apt-get for the tests that drive them ..."
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
