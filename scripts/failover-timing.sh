#!/usr/bin/env bash
# Failover and scale-out of fraud-detection under each rebalance protocol (group.protocol classic and streams), with
# and without standbys and static membership: three instances of the shipped jar on an embedded broker under steady
# traffic; the time from kill -9 of one to the survivors processing its partitions, and from starting a fourth to it
# processing records. Every variant runs --repetitions times, interleaved; the table gives the median and the range.
#
#   scripts/failover-timing.sh [--repetitions N] [--protocols classic,streams] [--standbys 0,1] [--membership static,dynamic]
#
# The table is printed at the end and kept in fraud-detection/target/failover-timing.txt; the whole output in
# fraud-detection/target/failover-timing.log, each instance's log in fraud-detection/target/failover-timing/.
set -euo pipefail

repetitions=3
protocols=classic,streams
standbys=0,1
membership=static

while [[ $# -gt 0 ]]; do
    case "$1" in
        --repetitions) repetitions="$2"; shift 2 ;;
        --protocols) protocols="$2"; shift 2 ;;
        --standbys) standbys="$2"; shift 2 ;;
        --membership) membership="$2"; shift 2 ;;
        -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "failover-timing.sh: unknown option '$1'; --help lists them" >&2; exit 2 ;;
    esac
done
if ! [[ "$repetitions" =~ ^[1-9][0-9]*$ ]]; then
    echo "failover-timing.sh: --repetitions must be a whole number of at least 1, not '$repetitions'" >&2
    exit 2
fi
if ! [[ "$protocols" =~ ^(classic|streams)(,(classic|streams))*$ ]]; then
    echo "failover-timing.sh: --protocols takes classic, streams or both comma-separated, not '$protocols'" >&2
    exit 2
fi
if ! [[ "$standbys" =~ ^[0-2](,[0-2])*$ ]]; then
    echo "failover-timing.sh: --standbys takes standby counts from 0 to 2, comma-separated, not '$standbys'" >&2
    exit 2
fi
if ! [[ "$membership" =~ ^(static|dynamic)(,(static|dynamic))*$ ]]; then
    echo "failover-timing.sh: --membership takes static, dynamic or both comma-separated, not '$membership'" >&2
    exit 2
fi

cd "$(dirname "$0")/.."
mkdir -p fraud-detection/target
log=fraud-detection/target/failover-timing.log
started=$(date +%s)
# -am builds what it runs: the library, its test-jar and the shaded app jar; only the measurement runs
set +e
mvn -B -ntp verify -pl fraud-detection -am \
    -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test=FailoverTiming -Dfailsafe.failIfNoSpecifiedTests=false \
    -Dtiming.repetitions="$repetitions" -Dtiming.protocols="$protocols" -Dtiming.standbys="$standbys" \
    -Dtiming.membership="$membership" \
    2>&1 | tee "$log" | grep --line-buffered -E '^\[timing\]|Tests run:|BUILD|ERROR\]'
status=${PIPESTATUS[0]}
set -e
echo
echo "measured in $(( $(date +%s) - started )) s:"
cat fraud-detection/target/failover-timing.txt 2>/dev/null || echo "  no table: see $log"
exit "$status"
