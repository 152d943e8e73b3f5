#!/usr/bin/env bash
# Benchmarks of the suite (issue 11): each app against raw-client and pass-through baselines on one broker, open-loop
# latency, memory with many distinct keys, JMH of the serdes and rules; writes docs/benchmarks.md and its charts.
#
#   scripts/bench.sh                 build, measure, write the report (about 15 minutes on 2 quiet cores, 11 of them measuring)
#   scripts/bench.sh --full          5x the records, 1M keys, 60 s latency runs, JMH's full iterations (tens of minutes)
#   scripts/bench.sh --report-only   rewrite the report from the recorded results, measuring nothing
#   scripts/bench.sh --skip-build --no-jmh -- --apps fraud-detection --records 50000
#
# Options before `--`: --full, --skip-build, --no-jmh, --report-only. After `--`: options of the measuring program
# (java -jar benchmarks/target/benchmarks.jar run --help), e.g. --bootstrap-servers host:9092 for an existing cluster.
# The report includes docs/benchmarks/reading.md (the written reading of the figures) and the before/after table of
# docs/benchmarks/results-fix-ab.json (a run with --compare-jar APP=JAR) when they exist.
# Run it on a quiet machine: other work on the same cores moves every figure (the ratios less than the absolutes).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
COMMAND="scripts/bench.sh${*:+ $*}"
JAR=benchmarks/target/benchmarks.jar
DATA=docs/benchmarks
WORK=.bench
BUILD=1 JMH=1 MEASURE=1 FULL=0
RUN_ARGS=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --full) FULL=1 ;;
    --skip-build) BUILD=0 ;;
    --no-jmh) JMH=0 ;;
    --report-only) MEASURE=0 JMH=0 BUILD=0 ;;
    --) shift; RUN_ARGS=("$@"); break ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench.sh: unknown option $1 (--help lists them)" >&2; exit 2 ;;
  esac
  shift
done

if [[ $BUILD == 1 ]]; then
  echo "Building the app jars, devkit and benchmarks (mvn package, tests skipped) ..."
  mvn -B -q -ntp -Dstyle.color=never package -pl devkit,benchmarks -am -DskipTests
fi
if [[ ! -f $JAR ]]; then
  echo "bench.sh: $JAR is missing: run without --skip-build / --report-only first" >&2
  exit 2
fi
mkdir -p "$DATA" "$WORK"

if [[ $MEASURE == 1 ]]; then
  DEFAULTS=(--records 100000 --latency-duration PT12S --latency-warmup PT4S --memory-keys 250000)
  [[ $FULL == 1 ]] && DEFAULTS=(--records 500000 --latency-duration PT60S --latency-warmup PT10S --memory-keys 1000000)
  # a default only where the options after -- do not set the same option
  ARGS=()
  for ((i = 0; i < ${#DEFAULTS[@]}; i += 2)); do
    [[ " ${RUN_ARGS[*]} " == *" ${DEFAULTS[i]} "* || " ${RUN_ARGS[*]} " == *" ${DEFAULTS[i]}="* ]] \
      || ARGS+=("${DEFAULTS[i]}" "${DEFAULTS[i + 1]}")
  done
  rm -rf "$WORK/state" "$WORK"/kafka-*
  java -Dbench.command="$COMMAND" -jar "$JAR" run --work-dir "$WORK" --results "$DATA/results.json" \
    ${ARGS[@]+"${ARGS[@]}"} ${RUN_ARGS[@]+"${RUN_ARGS[@]}"}
fi

if [[ $JMH == 1 ]]; then
  JMH_ARGS=(-wi 2 -w 1s -i 3 -r 1s -f 1)
  [[ $FULL == 1 ]] && JMH_ARGS=()
  echo "JMH: serdes and rules ${JMH_ARGS[*]:-(annotation defaults)}"
  java -cp "$JAR" org.openjdk.jmh.Main "${JMH_ARGS[@]}" -rf json -rff "$DATA/jmh.json" 'io.streamsuite.bench.jmh.*' \
    > "$WORK/jmh.log"
  tail -n 25 "$WORK/jmh.log"
fi

REPORT_ARGS=(--results "$DATA/results.json" --jmh "$DATA/jmh.json" --out docs/benchmarks.md)
[[ -f $DATA/reading.md ]] && REPORT_ARGS+=(--notes "$DATA/reading.md")
[[ -f $DATA/results-fix-ab.json ]] && REPORT_ARGS+=(--compare "$DATA/results-fix-ab.json")
java -jar "$JAR" report "${REPORT_ARGS[@]}"
