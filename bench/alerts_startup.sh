#!/usr/bin/env bash
# A cron run of the alert analytics: `stackfsck-alerts send --dry-run` (Native AOT) against
# `confgen alerts send --dry-run` (JIT, `dotnet confgen.dll`) on the same small nagios.log (a
# minute's worth: LINES, default 1000) and the example inventory, in alternating runs
# (bench/lib/alternate.py); prints both medians, the ratio, and each one's peak memory.
#   bench/alerts_startup.sh [LINES] [RUNS]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
LINES="${1:-1000}"
RUNS="${2:-30}"
ART="${ARTIFACTS:-/tmp/stackfsck-bench-alerts-build}"
DIST="$ART/dist"
WORK="$(mktemp -d /tmp/stackfsck-bench-alerts-startup.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT

make --no-print-directory dist EXECUTABLES=stackfsck-alerts DIST="$DIST" ARTIFACTS="$ART"
dotnet build confgen -c Release --artifacts-path "$ART" --nologo -v quiet -clp:ErrorsOnly > /dev/null

awk -v n="$LINES" 'BEGIN {
    split("cmp101.cell1.prod.example.net ctl1.dev.example.net stray.example.org", host, " ");
    for (i = 0; i < n; i++) printf "[%d] SERVICE ALERT: %s;nova-compute;CRITICAL;HARD;3;down %d\n", 1763700000 + i, host[i % 3 + 1], i }' > "$WORK/nagios.log"
ARGS="send -i environments/example --log $WORK/nagios.log --state $WORK/alerts.state --dry-run"
OURS="$DIST/stackfsck-alerts $ARGS"
JIT="dotnet $ART/bin/confgen/release/confgen.dll alerts $ARGS"

cmp <($OURS 2> /dev/null) <($JIT 2> /dev/null) || { echo "the two print different metrics" >&2; exit 1; }
mapfile -t medians < <(python3 bench/lib/alternate.py "$RUNS" "$OURS" "$JIT" | cut -d' ' -f1)
echo "$LINES lines, $RUNS alternating runs, load $(cut -d' ' -f1 /proc/loadavg)"
awk -v a="${medians[0]}" -v b="${medians[1]}" 'BEGIN {
    printf "stackfsck-alerts %.1f ms, confgen alerts %.1f ms: ratio %.3f\n", a * 1000, b * 1000, a / b }'
for command in "$OURS" "$JIT"; do
    /usr/bin/time -f "%M" $command > /dev/null 2> "$WORK/time"
    echo "peak RSS $(tail -1 "$WORK/time") KiB: ${command%% send*}"
done
