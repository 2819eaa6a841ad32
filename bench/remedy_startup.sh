#!/usr/bin/env bash
# What an event handler costs Nagios when it runs for nothing (every SOFT attempt and recovery):
# `stackfsck-remedy handler` on a SOFT transition (parses its arguments, prints one line, runs
# nothing) against a check's start-up (`check_rabbitmq_compute_queues --help`, the plugin
# contract's cheapest run) and `stackfsck-remedy --version`, in alternating runs
# (bench/lib/alternate.py); prints each median, the ratios to the check, and peak memory.
#   bench/remedy_startup.sh [RUNS]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
RUNS="${1:-50}"
ART="${ARTIFACTS:-/tmp/stackfsck-bench-remedy-build}"
DIST="$ART/dist"
make --no-print-directory dist EXECUTABLES="stackfsck-remedy check_rabbitmq_compute_queues" DIST="$DIST" ARTIFACTS="$ART"

HANDLER="$DIST/stackfsck-remedy handler --state CRITICAL --state-type SOFT --attempt 1 --host cmp1 --service nova_zombies --environment prod --cell cell1 --tracker https://tracker.example.net/OPS-1 --expires 2099-12-31 --diagnose true --remedy true"
VERSION="$DIST/stackfsck-remedy --version"
CHECK="$DIST/check_rabbitmq_compute_queues --help"

mapfile -t medians < <(python3 bench/lib/alternate.py --unknown-ok "$RUNS" "$CHECK" "$HANDLER" "$VERSION" | cut -d' ' -f1)
echo "$RUNS alternating runs, load $(cut -d' ' -f1 /proc/loadavg)"
awk -v c="${medians[0]}" -v h="${medians[1]}" -v v="${medians[2]}" 'BEGIN {
    printf "check --help %.1f ms; remedy handler (nothing to do) %.1f ms, ratio %.2f; remedy --version %.1f ms, ratio %.2f\n",
        c * 1000, h * 1000, h / c, v * 1000, v / c }'
for command in "$CHECK" "$HANDLER"; do
    /usr/bin/time -f "%M" $command > /dev/null 2> /tmp/remedy-bench-time.$$ || true
    echo "peak RSS $(tail -1 /tmp/remedy-bench-time.$$) KiB: ${command%% --*}"
done
rm -f /tmp/remedy-bench-time.$$
