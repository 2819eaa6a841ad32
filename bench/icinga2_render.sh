#!/usr/bin/env bash
# confgen's Icinga 2 render at scale (issue 19): the 100x generated inventory (50 cells x 500
# hypervisors, 25,000 hosts) rendered for icinga2 and for nagios4 in alternation (ROUNDS pairs,
# medians of wall and CPU time and their ratios; target icinga2 <= 1.2x nagios4; on a loaded
# machine the CPU ratio is the steadier one), then the time, peak memory and
# object counts of `icinga2 daemon -C` on the rendered master tree, in a private prefix as the
# tests validate it (Debian's stock icinga2.conf with include_recursive "conf.d" commented out).
#
#   bench/icinga2_render.sh [ROUNDS]      (default 3; needs python3, icinga2-bin, /usr/bin/time)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
ROUNDS="${1:-3}"
WORK="$(mktemp -d /tmp/icinga2-bench.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
# shellcheck source=bench/lib/confgen.sh
source "$ROOT/bench/lib/confgen.sh"
build_confgen
python3 "$ROOT/bench/confgen_inventory.py" "$WORK/inv" 50 500

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores; $ROUNDS alternating rounds"
python3 "$ROOT/bench/lib/alternate.py" "$ROUNDS" \
    "dotnet $CONFGEN render --engine nagios4 -i $WORK/inv -T $ROOT/templates -o $WORK/nagios4" \
    "dotnet $CONFGEN render --engine icinga2 -i $WORK/inv -T $ROOT/templates -o $WORK/icinga2" | tee "$WORK/medians"
awk 'NR == 1 { n = $1; nc = $2 } NR == 2 { i = $1; ic = $2 } END {
    printf "render 100x: nagios4 %.2f s (%.2f s CPU), icinga2 %.2f s (%.2f s CPU), ratio icinga2/nagios4 %.2f wall, %.2f CPU\n", n, nc, i, ic, i / n, ic / nc }' "$WORK/medians"

# icinga2 daemon -C on the master's tree, every directory constant moved into the prefix.
MASTER="$(dirname "$(find "$WORK/icinga2" -path '*/zones.d/global-templates' -type d | head -1)")"
MASTER="$(dirname "$MASTER")"
# The stock configuration as the test tier prepares it (tests/services/icinga2.sh).
STATE_DIR="$WORK" PORT_BASE=0
# shellcheck source=tests/services/icinga2.sh
source "$ROOT/tests/services/icinga2.sh"
icinga2_start
P="$WORK/prefix"
mkdir -p "$P/var/lib" "$P/var/cache" "$P/var/log" "$P/var/run" "$P/var/spool"
cp -r "$STACKFSCK_ICINGA2_ETC" "$P/etc"
cp "$MASTER/zones.conf" "$P/etc/"
/usr/bin/time -f "%e %U %S %M" -o "$WORK/time" "$STACKFSCK_ICINGA2" daemon -C -c "$P/etc/icinga2.conf" -DConfigDir="$P/etc" \
    -DZonesDir="$MASTER/zones.d" -DDataDir="$P/var/lib" -DCacheDir="$P/var/cache" -DLogDir="$P/var/log" \
    -DInitRunDir="$P/var/run" -DSpoolDir="$P/var/spool" -DRunAsUser=root -DRunAsGroup=root \
    -DNodeName="$(basename "$MASTER")" > "$WORK/validate.log" 2>&1 || { tail -20 "$WORK/validate.log"; exit 1; }
read -r wall user system kib < "$WORK/time"
printf 'icinga2 daemon -C, 100x master (%s): %.2f s wall, %.2f s CPU, %d MiB peak\n' "$(basename "$MASTER")" "$wall" \
    "$(awk "BEGIN { print $user + $system }")" $((kib / 1024))
grep -E 'Instantiated [0-9]+ (Hosts|Services|Dependencies|Zones|CheckCommands)\.|warning/' "$WORK/validate.log" | sed 's/^\[[^]]*\] /    /'
