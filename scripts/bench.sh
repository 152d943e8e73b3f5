#!/usr/bin/env bash
# Benchmarks of the suite in steady state (issue 20): each app against raw-client and Kafka Streams baselines on one
# broker, every variant drained 3 times interleaved and timed from 20 % of its committed offsets; app and broker CPU
# per record; records and bytes written per input record; the sustainable maximum and latency at 25/50/75 % of it;
# a steady-state profile with async-profiler; replays of history; memory with 1M keys; JMH of the stored values.
# Writes docs/benchmarks.md and its charts.
#
#   scripts/bench.sh                          everything, 1M records per input (hours on 2 quiet cores)
#   scripts/bench.sh --mode throughput        one mode: throughput, profile, latency, replay, memory or jmh
#   scripts/bench.sh --mode latency --mode replay
#   scripts/bench.sh --smoke                  every mode at small sizes, to check the harness (minutes)
#   scripts/bench.sh --report-only            rewrite the report from the recorded results, measuring nothing
#   scripts/bench.sh --skip-build --mode throughput -- --apps fraud-detection --records 200000 --repeats 5
#
# Options before `--`: --mode (repeatable), --smoke, --skip-build, --report-only. After `--`: options of the measuring
# program (java -jar benchmarks/target/benchmarks.jar run --help), e.g. --bootstrap-servers host:9092 for an existing
# cluster (broker CPU and bytes are then not measured). The report includes docs/benchmarks/method.md (how it is
# measured), docs/benchmarks/reading.md (the reading of the figures, written by hand) and docs/benchmarks/failover.md
# (scripts/failover-timing.sh's figures, copied by hand) when they exist.
# Run it on a quiet machine: other work on the same cores moves every figure (the ratios less than the absolutes).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
COMMAND="scripts/bench.sh${*:+ $*}"
JAR=benchmarks/target/benchmarks.jar
DATA=docs/benchmarks
WORK=.bench
BUILD=1 MEASURE=1 SMOKE=0
MODES=()
RUN_ARGS=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --mode) [[ $# -ge 2 ]] || { echo "bench.sh: --mode needs a value" >&2; exit 2; }
            case $2 in throughput|profile|latency|replay|memory|jmh) MODES+=("$2") ;;
              *) echo "bench.sh: unknown mode $2 (throughput, profile, latency, replay, memory, jmh)" >&2; exit 2 ;;
            esac
            shift ;;
    --smoke) SMOKE=1 ;;
    --skip-build) BUILD=0 ;;
    --report-only) MEASURE=0 BUILD=0 ;;
    --) shift; RUN_ARGS=("$@"); break ;;
    -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench.sh: unknown option $1 (--help lists them)" >&2; exit 2 ;;
  esac
  shift
done
[[ ${#MODES[@]} -eq 0 ]] && MODES=(throughput profile latency replay memory jmh)
has_mode() { [[ " ${MODES[*]} " == *" $1 "* ]]; }
RUN_MODES=()
for mode in "${MODES[@]}"; do [[ $mode != jmh ]] && RUN_MODES+=("$mode"); done

if [[ $BUILD == 1 ]]; then
  echo "Building the app jars, devkit and benchmarks (mvn package, tests skipped) ..."
  mvn -B -q -ntp -Dstyle.color=never package -pl devkit,benchmarks -am -DskipTests
fi
if [[ ! -f $JAR ]]; then
  echo "bench.sh: $JAR is missing: run without --skip-build / --report-only first" >&2
  exit 2
fi
mkdir -p "$DATA" "$WORK"
RESULTS=$DATA/results.json
JMH_JSON=$DATA/jmh.json
if [[ $SMOKE == 1 ]]; then
  # a check of the harness, not a measurement: its figures go to the work directory, never into the report
  RESULTS=$WORK/smoke-results.json
  JMH_JSON=$WORK/smoke-jmh.json
fi

if [[ $MEASURE == 1 && ${#RUN_MODES[@]} -gt 0 ]]; then
  DEFAULTS=()
  if [[ $SMOKE == 1 ]]; then
    DEFAULTS=(--records 20000 --repeats 2 --memory-keys 20000 --latency-prewarm PT5S --latency-duration PT10S
      --step-duration PT5S --step-factor 2 --start-rate 20 --marker-rate 5 --latency-cards 2000 --replay-days 2 --replay-cards 200)
  fi
  # a default only where the options after -- do not set the same option
  ARGS=()
  for ((i = 0; i < ${#DEFAULTS[@]}; i += 2)); do
    [[ " ${RUN_ARGS[*]} " == *" ${DEFAULTS[i]} "* || " ${RUN_ARGS[*]} " == *" ${DEFAULTS[i]}="* ]] \
      || ARGS+=("${DEFAULTS[i]}" "${DEFAULTS[i + 1]}")
  done
  rm -rf "$WORK/state" "$WORK"/kafka-*
  MODE_LIST=$(IFS=,; echo "${RUN_MODES[*]}")
  java -Dbench.command="$COMMAND" -jar "$JAR" run --work-dir "$WORK" --results "$RESULTS" --modes "$MODE_LIST" \
    ${ARGS[@]+"${ARGS[@]}"} ${RUN_ARGS[@]+"${RUN_ARGS[@]}"}
fi

if [[ $MEASURE == 1 ]] && has_mode jmh; then
  # forks x iterations enough for error bars well under the scores (the report flags any that are not)
  JMH_ARGS=(-f 3 -wi 5 -w 1s -i 5 -r 1s)
  [[ $SMOKE == 1 ]] && JMH_ARGS=(-f 1 -wi 1 -w 1s -i 2 -r 1s)
  echo "JMH: stored values' serdes, serdes and rules ${JMH_ARGS[*]}"
  java -cp "$JAR" org.openjdk.jmh.Main "${JMH_ARGS[@]}" -rf json -rff "$JMH_JSON" 'io.streamsuite.bench.jmh.*' \
    > "$WORK/jmh.log"
  tail -n 25 "$WORK/jmh.log"
fi

if [[ ! -f $RESULTS ]]; then
  echo "bench.sh: no $RESULTS to report from (JMH only: see $JMH_JSON)"
  exit 0
fi
REPORT_OUT=docs/benchmarks.md
[[ $SMOKE == 1 ]] && REPORT_OUT=$WORK/smoke-report.md
REPORT_ARGS=(--results "$RESULTS" --jmh "$JMH_JSON" --out "$REPORT_OUT")
[[ -f $DATA/method.md ]] && REPORT_ARGS+=(--method "$DATA/method.md")
[[ -f $DATA/reading.md && $SMOKE == 0 ]] && REPORT_ARGS+=(--notes "$DATA/reading.md")
[[ -f $DATA/failover.md && $SMOKE == 0 ]] && REPORT_ARGS+=(--notes "$DATA/failover.md")
java -jar "$JAR" report "${REPORT_ARGS[@]}"
