#!/usr/bin/env bash
# The whole suite on this machine: builds what is missing, starts a single-node Kafka (KRaft), creates the topics,
# starts the three apps and traffic generators, and prints what the apps find every few seconds. With --format avro
# everything speaks Avro in the Confluent wire format, against a local schema registry or the one given.
# Ctrl-C stops everything, generators first and Kafka last, and leaves no process behind.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  cat <<'USAGE'
Usage: scripts/run-local.sh [options]
  --app NAME              fraud-detection, clickstream, iot-monitoring or all (default: all)
  --bootstrap-servers HP  use this Kafka cluster instead of starting a local one
  --port N                port of the local Kafka (default: 9092; its controller uses N+1)
  --dashboard-port N      port of the dashboard's page (default: 7080; 0 leaves the dashboard out)
  --format json|avro      encoding of every event (default: json); avro is the Confluent wire format against a schema
                          registry: the apps run with serde.format=avro, the generators register their schemas
  --registry-port N       port of the local schema registry started in avro mode (default: 8081)
  --schema-registry-url U use this Confluent-compatible registry (or several, comma-separated) instead of starting one
  --data-dir DIR          where the local Kafka, app state, logs and ground truth live (default: .local)
  --rate N                events per second of each generator (default: 20)
  --group-protocol P      classic or streams (KIP-1071: the broker assigns the tasks; the apps set their standbys and
                          session timeout as the group's configs) (default: the apps' own, classic)
  --seed N                generator seed, for the same traffic every run (default: 1)
  --every DURATION        how often the summary prints (default: 5s)
  --for DURATION          stop by itself after this long, then print the final summary and the detection score
  --cdc                   the reference data from a database: starts PostgreSQL (Debian's postgresql package) with the
                          tables of deploy/cdc/reference-data.sql and the rows of deploy/cdc/seed.sql, and a Kafka
                          Connect worker running Debezium's connector (deploy/cdc/*.properties), whose changes reach
                          iot-devices and fraud-blocklist; psql -h localhost -p PORT -U postgres reference changes them
  --postgres-port N       port of the local PostgreSQL with --cdc (default: 5432)
  --connect-port N        port of the Connect worker's REST API with --cdc (default: 8083)
  --set KEY=VALUE         an app setting on top of config/<app>.properties; fraud.*, clickstream.* and iot.* keys go to
                          their app, any other key to every app (repeatable)
  -h, --help              this text
USAGE
}

APP=all BOOTSTRAP="" PORT=9092 DASHBOARD_PORT=7080 DATA=.local RATE=20 SEED=1 EVERY=5s FOR="" SETS=()
FORMAT=json REGISTRY_PORT="" REGISTRY_URL="" GROUP_PROTOCOL=""
CDC=false POSTGRES_PORT=5432 CONNECT_PORT=8083
while [[ $# -gt 0 ]]; do
  case "$1" in
    --app) APP=$2; shift 2 ;;
    --bootstrap-servers) BOOTSTRAP=$2; shift 2 ;;
    --port) PORT=$2; shift 2 ;;
    --dashboard-port) DASHBOARD_PORT=$2; shift 2 ;;
    --format) FORMAT=$2; shift 2 ;;
    --registry-port) REGISTRY_PORT=$2; shift 2 ;;
    --schema-registry-url) REGISTRY_URL=$2; shift 2 ;;
    --data-dir) DATA=$2; shift 2 ;;
    --rate) RATE=$2; shift 2 ;;
    --group-protocol) GROUP_PROTOCOL=$2; shift 2 ;;
    --seed) SEED=$2; shift 2 ;;
    --every) EVERY=$2; shift 2 ;;
    --for) FOR=$2; shift 2 ;;
    --set) SETS+=("$2"); shift 2 ;;
    --cdc) CDC=true; shift ;;
    --postgres-port) POSTGRES_PORT=$2; shift 2 ;;
    --connect-port) CONNECT_PORT=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run-local: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

case "$APP" in
  all) APPS=(fraud-detection clickstream iot-monitoring) ;;
  fraud-detection|clickstream|iot-monitoring) APPS=("$APP") ;;
  *) echo "run-local: --app must be fraud-detection, clickstream, iot-monitoring or all, not '$APP'" >&2; exit 2 ;;
esac
declare -A DOMAIN=([fraud-detection]=fraud [clickstream]=clickstream [iot-monitoring]=iot)
case "$FORMAT" in
  json)
    if [[ -n $REGISTRY_PORT || -n $REGISTRY_URL ]]; then
      echo "run-local: --registry-port and --schema-registry-url go with --format avro only" >&2; exit 2
    fi ;;
  avro)
    if [[ -n $REGISTRY_PORT && -n $REGISTRY_URL ]]; then
      echo "run-local: --registry-port starts a local registry, --schema-registry-url uses another: not both" >&2; exit 2
    fi
    if [[ -n $REGISTRY_PORT && ! $REGISTRY_PORT =~ ^[0-9]+$ ]]; then
      echo "run-local: --registry-port takes a port number, not '$REGISTRY_PORT'" >&2; exit 2
    fi ;;
  *) echo "run-local: --format must be json or avro, not '$FORMAT'" >&2; exit 2 ;;
esac
case "$GROUP_PROTOCOL" in
  "") ;;
  classic|streams) SETS+=("group.protocol=$GROUP_PROTOCOL" "group.configs.apply=true") ;;
  *) echo "run-local: --group-protocol must be classic or streams, not '$GROUP_PROTOCOL'" >&2; exit 2 ;;
esac
for port in "$POSTGRES_PORT" "$CONNECT_PORT"; do
  [[ $port =~ ^[0-9]+$ ]] || { echo "run-local: --postgres-port and --connect-port take a port number, not '$port'" >&2; exit 2; }
done
if [[ $CDC == true && $FORMAT == avro ]]; then
  echo "run-local: --cdc writes the reference data as JSON: not with --format avro" >&2; exit 2
fi
for set in "${SETS[@]}"; do
  case "$set" in
    serde.format=*|schema.registry.url=*)
      echo "run-local: not --set ${set%%=*}: --format and --schema-registry-url set it for the apps and the tools alike" >&2
      exit 2 ;;
  esac
done

DEVKIT=devkit/target/devkit.jar
mkdir -p "$DATA/logs" "$DATA/state" "$DATA/ground-truth"
DATA=$(cd "$DATA" && pwd)

# --- build what is missing or older than its sources ---------------------------------------------------------------
stale() {  # stale <jar> <module...>: true when the jar is missing or a source file is newer
  local jar=$1; shift
  [[ ! -f $jar ]] && return 0
  [[ -n $(find "$@" pom.xml -newer "$jar" -type f \( -name '*.java' -o -name 'pom.xml' -o -name '*.xml' \) \
            -not -path '*/target/*' -print -quit 2>/dev/null) ]]
}
if stale "$DEVKIT" schema-registry-lite topologies fraud-detection clickstream iot-monitoring devkit || stale dashboard/target/dashboard.jar dashboard; then
  echo "Building the suite (mvn package, tests skipped) ..."
  mvn -B -q -ntp -Dstyle.color=never package -DskipTests
fi
if [[ $CDC == true ]] && stale cdc/target/cdc.jar cdc; then
  echo "Building the CDC tooling (mvn package -pl cdc, tests skipped) ..."
  mvn -B -q -ntp -Dstyle.color=never package -DskipTests -pl cdc
fi

# --- stop everything on exit, in reverse order of start ------------------------------------------------------------
PIDS=()
stop_all() {
  trap - EXIT INT TERM
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    kill -TERM "${PIDS[i]}" 2>/dev/null || true
    wait "${PIDS[i]}" 2>/dev/null || true
  done
}
trap stop_all EXIT
trap 'exit 130' INT TERM

start() {  # start <name> <command...>: runs in the background with its output in $DATA/logs/<name>.log
  local name=$1; shift
  "$@" >"$DATA/logs/$name.log" 2>&1 &
  PIDS+=($!)
}

await_log() {  # await_log <name> <pattern> <seconds>: until its log shows the pattern; fail if it died or took too long
  local name=$1 pattern=$2 seconds=$3 pid=${PIDS[-1]}
  local deadline=$((SECONDS + seconds))
  until grep -q "$pattern" "$DATA/logs/$name.log" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "run-local: $name stopped; the end of $DATA/logs/$name.log:" >&2
      tail -n 20 "$DATA/logs/$name.log" >&2
      exit 1
    fi
    if ((SECONDS > deadline)); then
      echo "run-local: $name not ready after ${seconds}s; see $DATA/logs/$name.log" >&2
      exit 1
    fi
    sleep 0.2
  done
}

seconds_of() {  # seconds_of 90s|3m|1h
  case "$1" in
    *s) echo "${1%s}" ;; *m) echo $((${1%m} * 60)) ;; *h) echo $((${1%h} * 3600)) ;;
    *) echo "run-local: --for takes 90s, 3m or 1h, not '$1'" >&2; exit 2 ;;
  esac
}

# --- the schema registry (avro): a local one, or a check that the given one answers -------------------------------
ENCODING=(--format "$FORMAT")  # for the devkit commands
APP_ENCODING=(--set "serde.format=$FORMAT")  # for the apps and the dashboard
if [[ $FORMAT == avro ]]; then
  if [[ -z $REGISTRY_URL ]]; then
    REGISTRY_URL=http://127.0.0.1:${REGISTRY_PORT:-8081}
    start schema-registry java -Xmx128m -jar "$DEVKIT" registry --port "${REGISTRY_PORT:-8081}" \
      --data-dir "$DATA/schema-registry"
    await_log schema-registry "ready on" 30
    echo "$(tail -n 1 "$DATA/logs/schema-registry.log")"
  elif ! java -jar "$DEVKIT" registry --check "$REGISTRY_URL" >/dev/null; then
    exit 2  # the check said why, in one line
  fi
  ENCODING+=(--schema-registry-url "$REGISTRY_URL")
  APP_ENCODING+=(--set "schema.registry.url=$REGISTRY_URL")
fi

# --- Kafka ---------------------------------------------------------------------------------------------------------
if [[ -z $BOOTSTRAP ]]; then
  BOOTSTRAP=localhost:$PORT
  start kafka java -Xmx1g -jar "$DEVKIT" broker --port "$PORT" --controller-port $((PORT + 1)) --data-dir "$DATA/kafka"
  await_log kafka "ready on" 90
  echo "$(tail -n 1 "$DATA/logs/kafka.log")"
fi
java -jar "$DEVKIT" create-topics --bootstrap-servers "$BOOTSTRAP" --app "$APP" >"$DATA/logs/create-topics.log"
echo "Topics ready on $BOOTSTRAP"

# --- the reference data from PostgreSQL through Debezium (--cdc) ---------------------------------------------------
if [[ $CDC == true ]]; then
  CDC_CP="cdc/target/cdc.jar:cdc/target/connect/lib/*"
  start postgres java -Xmx64m -cp "$CDC_CP" io.streamsuite.cdc.LocalPostgres --data-dir "$DATA/postgres" \
    --port "$POSTGRES_PORT" --database reference --sql deploy/cdc/reference-data.sql --sql deploy/cdc/seed.sql
  await_log postgres "PostgreSQL ready" 60
  echo "$(grep "PostgreSQL ready" "$DATA/logs/postgres.log")"
  mkdir -p "$DATA/connect"
  # the shipped files with what differs here appended: a later line of a properties file wins
  { cat deploy/cdc/connect-standalone.properties
    echo "bootstrap.servers=$BOOTSTRAP"
    echo "offset.storage.file.filename=$DATA/connect/offsets"
    echo "listeners=http://localhost:$CONNECT_PORT"; } >"$DATA/connect/worker.properties"
  { cat deploy/cdc/reference-data-connector.properties
    echo "database.port=$POSTGRES_PORT"; } >"$DATA/connect/reference-data-connector.properties"
  start connect java -Xmx384m -cp "$CDC_CP" org.apache.kafka.connect.cli.ConnectStandalone \
    "$DATA/connect/worker.properties" "$DATA/connect/reference-data-connector.properties"
  await_log connect "Kafka Connect started" 120
  echo "Kafka Connect with Debezium on http://localhost:$CONNECT_PORT/connectors/reference-data/status" \
    "(log: $DATA/logs/connect.log); change the reference data with: psql -h localhost -p $POSTGRES_PORT -U postgres reference"
fi

# --- the apps, each a java -jar with its config/*.properties -------------------------------------------------------
declare -A PREFIX=([fraud-detection]=fraud. [clickstream]=clickstream. [iot-monitoring]=iot.)
sets_for() {  # the --set arguments meant for one app
  local app=$1 set
  for set in "${SETS[@]}"; do
    case "$set" in
      fraud.*|clickstream.*|iot.*) [[ $set == "${PREFIX[$app]}"* ]] && printf '%s\0' --set "$set" ;;
      *) printf '%s\0' --set "$set" ;;
    esac
  done
}
for app in "${APPS[@]}"; do
  mapfile -d '' app_sets < <(sets_for "$app")
  start "$app" java -Xmx512m -jar "$app/target/$app.jar" "config/$app.properties" \
    --set "bootstrap.servers=$BOOTSTRAP" --set "state.dir=$DATA/state" "${APP_ENCODING[@]}" "${app_sets[@]}"
  await_log "$app" "state REBALANCING -> RUNNING" 90
  echo "$app running (log: $DATA/logs/$app.log)"
done

# --- the dashboard, reading what the apps write ---------------------------------------------------------------------
SUMMARY_ARGS=()
if ((DASHBOARD_PORT != 0)); then
  start dashboard java -Xmx256m -jar dashboard/target/dashboard.jar config/dashboard.properties \
    --set "bootstrap.servers=$BOOTSTRAP" --set "http.port=$DASHBOARD_PORT" "${APP_ENCODING[@]}"
  await_log dashboard "Dashboard on" 60
  DASHBOARD_URL="http://localhost:$DASHBOARD_PORT/"
  SUMMARY_ARGS=(--dashboard-url "$DASHBOARD_URL")
  echo "Dashboard: $DASHBOARD_URL (log: $DATA/logs/dashboard.log)"
fi

STARTED_MS=$(($(date +%s) * 1000))  # alerts about older events belong to earlier runs on the same topics
# --- generated traffic ---------------------------------------------------------------------------------------------
for app in "${APPS[@]}"; do
  domain=${DOMAIN[$app]}
  start "generate-$domain" java -Xmx256m -jar "$DEVKIT" generate "$domain" --bootstrap-servers "$BOOTSTRAP" \
    "${ENCODING[@]}" --rate "$RATE" --seed "$SEED" --quiet --ground-truth "$DATA/ground-truth/$domain.jsonl"
done
echo "Generating ${RATE} events/s per app as $FORMAT (seed $SEED); ground truth in $DATA/ground-truth/. Ctrl-C stops everything."
echo

# --- what the apps find --------------------------------------------------------------------------------------------
if [[ -z $FOR ]]; then
  java -jar "$DEVKIT" summary --bootstrap-servers "$BOOTSTRAP" "${ENCODING[@]}" --every "$EVERY" "${SUMMARY_ARGS[@]}"
  exit 0
fi
start summary java -jar "$DEVKIT" summary --bootstrap-servers "$BOOTSTRAP" "${ENCODING[@]}" --every "$EVERY" \
  "${SUMMARY_ARGS[@]}"
sleep "$(seconds_of "$FOR")"
# stop the generators, wait until the apps have processed everything they sent, then judge
for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
  if [[ $(ps -o args= -p "${PIDS[i]}" 2>/dev/null) == *" generate "* ]]; then
    kill -TERM "${PIDS[i]}" 2>/dev/null || true
    wait "${PIDS[i]}" 2>/dev/null || true
  fi
done
java -jar "$DEVKIT" caught-up --bootstrap-servers "$BOOTSTRAP" --group "$(IFS=,; echo "${APPS[*]}")" --timeout PT2M
cat "$DATA/logs/summary.log"
echo
java -jar "$DEVKIT" summary --bootstrap-servers "$BOOTSTRAP" "${ENCODING[@]}" --from-beginning --once
echo
java -jar "$DEVKIT" score --bootstrap-servers "$BOOTSTRAP" "${ENCODING[@]}" --ground-truth "$DATA/ground-truth" --since "$STARTED_MS"
