#!/usr/bin/env bash
# The full crash test: instances of the shipped fraud-detection jar (java -jar, each its own state directory and HTTP
# port) share a stream of generated transactions on an embedded broker while random instances are killed with
# SIGKILL at random moments and restarted on their state directory; then every output record is checked against what
# the input must give (read_committed). The build runs a short variant of the same test (CrashRecoveryJarIT).
#
#   scripts/crash-test.sh [--events N] [--kills N] [--instances N] [--seconds N]
#                         [--guarantee exactly_once_v2|at_least_once|both] [--protocol classic|streams|both] [--seed N]
#
# --protocol is the rebalance protocol (group.protocol; streams is KIP-1071's, the broker assigning the tasks); each
# guarantee runs under each protocol named. Without --seed a random one is drawn and printed, to replay the run.
# Progress is printed while it runs; the figures of each guarantee are on its "RESULT" line, also kept with the whole
# output in fraud-detection/target/crash-test.log, and the instances' logs in fraud-detection/target/crash-it/.
# Exit status 0 when every guarantee held: exactly_once_v2 lost, doubled and got wrong nothing; at_least_once lost
# nothing (what it processed twice is reported).
set -euo pipefail

events=100000
kills=10
instances=3
seconds=
guarantee=both
protocol=classic
seed=

usage() {
    sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
}

while [[ $# -gt 0 ]]; do
    case "$1" in
        --events) events="$2"; shift 2 ;;
        --kills) kills="$2"; shift 2 ;;
        --instances) instances="$2"; shift 2 ;;
        --seconds) seconds="$2"; shift 2 ;;
        --guarantee) guarantee="$2"; shift 2 ;;
        --protocol) protocol="$2"; shift 2 ;;
        --seed) seed="$2"; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "crash-test.sh: unknown option '$1'; --help lists them" >&2; exit 2 ;;
    esac
done

for value in "$events" "$kills" "$instances" ${seconds:+"$seconds"} ${seed:+"$seed"}; do
    if ! [[ "$value" =~ ^[0-9]+$ ]]; then
        echo "crash-test.sh: '$value' is not a whole number" >&2
        exit 2
    fi
done
if (( instances < 2 )); then
    echo "crash-test.sh: --instances must be at least 2, so that the others take over from a killed one" >&2
    exit 2
fi
case "$guarantee" in
    both) guarantees="exactly_once_v2,at_least_once" ;;
    exactly_once_v2|at_least_once) guarantees="$guarantee" ;;
    *) echo "crash-test.sh: --guarantee must be exactly_once_v2, at_least_once or both" >&2; exit 2 ;;
esac
case "$protocol" in
    both) protocols="classic,streams" ;;
    classic|streams) protocols="$protocol" ;;
    *) echo "crash-test.sh: --protocol must be classic, streams or both" >&2; exit 2 ;;
esac
seed="${seed:-$(( (RANDOM << 15) | RANDOM ))}"
# about 1000 transactions a second by default: what three instances keep up with on 2 busy cores, kills included
seconds="${seconds:-$(( events / 1000 > 20 ? events / 1000 : 20 ))}"

cd "$(dirname "$0")/.."
mkdir -p fraud-detection/target
log=fraud-detection/target/crash-test.log
echo "crash test: $events transactions over $seconds s, $instances instances, $kills kills, $guarantees, $protocols, seed $seed"
started=$(date +%s)
# -am builds what the test runs: the library, its test-jar and the shaded app jar; only this test runs
set +e
mvn -B -ntp verify -pl fraud-detection -am \
    -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test=CrashRecoveryJarIT -Dfailsafe.failIfNoSpecifiedTests=false \
    -Dcrash.events="$events" -Dcrash.kills="$kills" -Dcrash.instances="$instances" \
    -Dcrash.seconds="$seconds" -Dcrash.guarantee="$guarantees" -Dcrash.protocol="$protocols" -Dcrash.seed="$seed" \
    2>&1 | tee "$log" | grep --line-buffered -E '^\[(eos|alos)|Tests run:|BUILD|ERROR\]'
status=${PIPESTATUS[0]}
set -e
echo
echo "crash test finished in $(( $(date +%s) - started )) s:"
grep -E '^\[(eos|alos)(-streams)?\] RESULT' "$log" || echo "  no result: see $log"
exit "$status"
