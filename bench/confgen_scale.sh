#!/usr/bin/env bash
# confgen at scale: renders generated inventories of 1x (5 cells x 50 hypervisors), 10x (50 x 50)
# and 100x (50 cells x 500 hypervisors: 25,000 hypervisors, over 100,000 services) and prints,
# for each, confgen render's wall time and peak memory, then `nagios4 -v` on the 100x global
# server and on one 100x cell server (what each Nagios server has to load), and all servers'
# objects together in one nagios4 -v run (the whole cloud's objects on one server: the worst case).
#
#   bench/confgen_scale.sh            (needs python3, nagios4-core, /usr/bin/time)
# Targets (issue 6): 100x render <= 5 s and <= 1 GiB peak; nagios4 -v accepts every server.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d /tmp/confgen-bench.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
chmod 755 "$WORK"
# shellcheck source=bench/lib/confgen.sh
source "$ROOT/bench/lib/confgen.sh"
build_confgen

# measure LABEL COMMAND...: wall and CPU (user+system) seconds and peak RSS (MiB) of one run.
# On a shared machine wall time includes waiting for a core; CPU time is what the run itself costs.
measure() {
    local label="$1"
    shift
    /usr/bin/time -f "%e %U %S %M" -o "$WORK/time" "$@" > "$WORK/out" 2>&1 || { cat "$WORK/out"; exit 1; }
    read -r wall user system kib < "$WORK/time"
    printf '%-44s %7.2f s %7.2f s %6d MiB   %s\n' "$label" "$wall" "$(awk "BEGIN { print $user + $system }")" $((kib / 1024)) \
        "$(tail -1 "$WORK/out" | cut -c1-70)"
}

# nagios_cfg TREE...: a minimal nagios.cfg reading the given trees.
nagios_cfg() {
    local dir="$WORK/nagios"
    mkdir -p "$dir" && chmod 777 "$dir"
    echo '$USER1$=/usr/lib/nagios/plugins' > "$dir/resource.cfg"
    {
        for tree in "$@"; do echo "cfg_dir=$tree"; done
        echo "resource_file=$dir/resource.cfg"
        echo "check_result_path=$dir"
        for f in lock_file log_file temp_file status_file state_retention_file object_cache_file precached_object_file; do
            echo "$f=$dir/$f"
        done
    } > "$dir/nagios.cfg"
    echo "$dir/nagios.cfg"
}

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo "run                                             wall       CPU   peak RSS   last line of output"
for size in "1x 5 50" "10x 50 50" "100x 50 500"; do
    read -r name cells hypervisors <<< "$size"
    python3 "$ROOT/bench/confgen_inventory.py" "$WORK/inv-$name" "$cells" "$hypervisors"
    measure "render $name ($cells cells x $hypervisors hypervisors)" \
        dotnet "$CONFGEN" render -i "$WORK/inv-$name" -T "$ROOT/templates" -o "$WORK/out-$name"
done
measure "re-render 100x over its previous tree" dotnet "$CONFGEN" render -i "$WORK/inv-100x" -T "$ROOT/templates" -o "$WORK/out-100x"
measure "diff 100x (no change)" dotnet "$CONFGEN" diff -i "$WORK/inv-100x" -T "$ROOT/templates" -o "$WORK/out-100x"

OUT="$WORK/out-100x"
measure "nagios4 -v 100x global server" nagios4 -v "$(nagios_cfg "$OUT/nagios-global.bench.example.net")"
measure "nagios4 -v 100x one cell server (500 hyp.)" nagios4 -v "$(nagios_cfg "$OUT/nagios-cell1.bench.example.net")"
# Every server's hosts and services in one nagios4 -v (each server's common/ once: the first server's).
mkdir -p "$WORK/all"
for server in "$OUT"/nagios-*; do ln -s "$server/environments" "$WORK/all/$(basename "$server")"; done
measure "nagios4 -v 100x all servers' objects at once" nagios4 -v "$(nagios_cfg "$OUT/nagios-global.bench.example.net/common" "$WORK/all")"
grep -E 'Checked [0-9]+ (services|hosts)\.' "$WORK/out" | sed 's/^\s*/    all servers: /'
