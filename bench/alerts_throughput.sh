#!/usr/bin/env bash
# Times `confgen alerts` (issue 7) against `grep -c ' ALERT: '` on the same generated nagios.log,
# in one run, and prints the throughput ratio (target: ours at least half of grep's), and the
# peak memory of ours at 1M and 10M lines (target: flat as the file grows).
#   bench/alerts_throughput.sh [LINES]   (default 10000000; the logs are cached in $BENCH_DIR)
# Ours runs as an operator would run it (`dotnet confgen.dll alerts send --dry-run`, a fresh state
# each time, so the whole file is parsed, counted and turned into metric lines), JIT start included.
# Both read the file from the page cache: each is run once to warm it, then timed best of 3.
# Then the send itself (datagrams to a UDP sink on loopback, the batch file, a progress mark per
# datagram): paired, alternating runs (bench/lib/alternate.py) of a real send against the dry run,
# and against BASELINE=path/to/confgen.dll (another build, e.g. before a change) when given.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
LINES="${1:-10000000}"
SMALL=$((LINES / 10))
BENCH_DIR="${BENCH_DIR:-/var/tmp/stackfsck-bench-alerts}"
ART="${ARTIFACTS:-/tmp/stackfsck-bench-alerts-build}"
mkdir -p "$BENCH_DIR"

dotnet build confgen -c Release --artifacts-path "$ART" --nologo -v quiet -clp:ErrorsOnly > /dev/null
CONFGEN=(dotnet "$ART/bin/confgen/release/confgen.dll")

# generate N FILE: a nagios.log of N lines in the mix of a busy server: mostly service alerts
# (HARD and SOFT), host alerts, notifications (plain and typed), flapping, downtime, and the
# lines that are not alerts (external commands, state dumps, retention saves). 5,000 hosts.
generate() {
    [ -s "$2" ] && [ "$(cat "$2.lines" 2> /dev/null)" = "$1" ] && return 0
    awk -v n="$1" 'BEGIN {
        split("nova-compute libvirtd neutron-ovs-agent disk_root disk_var load memory ntp rabbitmq_compute_queues nova_zombies openstack_orphans keystone_token_latency ssh cpu swap", svc, " ");
        split("OK WARNING CRITICAL UNKNOWN", st, " ");
        for (i = 0; i < n; i++) {
            t = 1763600000 + int(i / 100); h = (i * 7919) % 5000;
            host = sprintf("cmp%04d.cell%d.prod.example.net", h, h % 10 + 1); s = svc[(i * 31) % 15 + 1]; state = st[(i * 13) % 4 + 1];
            r = i % 20;
            if (r < 12) printf "[%d] SERVICE ALERT: %s;%s;%s;%s;%d;%s - %s check output with some detail; took 0.%03d s\n", t, host, s, state, (r % 3 ? "HARD" : "SOFT"), r % 3 + 1, state, s, i % 1000;
            else if (r == 12) printf "[%d] HOST ALERT: %s;%s;HARD;3;PING %s - Packet loss = %d%%\n", t, host, (i % 2 ? "DOWN" : "UP"), (i % 2 ? "CRITICAL" : "OK"), (i % 2) * 100;
            else if (r == 13) printf "[%d] SERVICE NOTIFICATION: cloud-ops;%s;%s;%s;notify-service-by-email;%s - %s is unhappy\n", t, host, s, state, state, s;
            else if (r == 14) printf "[%d] SERVICE NOTIFICATION: cloud-ops;%s;%s;ACKNOWLEDGEMENT (%s);notify-service-by-email;%s;jdoe;looking into it\n", t, host, s, state, state;
            else if (r == 15) printf "[%d] SERVICE FLAPPING ALERT: %s;%s;STARTED; Service appears to have started flapping (24.2%% change >= 20.0%% threshold)\n", t, host, s;
            else if (r == 16) printf "[%d] SERVICE DOWNTIME ALERT: %s;%s;STARTED; Service has entered a period of scheduled downtime\n", t, host, s;
            else if (r == 17) printf "[%d] EXTERNAL COMMAND: PROCESS_SERVICE_CHECK_RESULT;%s;%s;0;OK - passive result\n", t, host, s;
            else if (r == 18) printf "[%d] CURRENT SERVICE STATE: %s;%s;%s;HARD;1;%s - state dump\n", t, host, s, state, state;
            else printf "[%d] Auto-save of retention data completed successfully.\n", t;
        } }' > "$2"
    echo "$1" > "$2.lines"
}

# timed PREPARE COMMAND...: runs PREPARE (a shell command, untimed), then COMMAND under GNU time;
# prints "SECONDS KIB" (wall time, peak resident memory).
timed() {
    eval "$1"
    shift
    # Output to a file: GNU grep stops at the first match when its output is /dev/null.
    /usr/bin/time -f "%e %M" -o "$BENCH_DIR/time" "$@" > "$BENCH_DIR/output" 2>&1
    cat "$BENCH_DIR/time"
}

# best3 PREPARE COMMAND...: the best of three timed runs, after one that warms the page cache.
best3() {
    timed "$@" > /dev/null
    for _ in 1 2 3; do timed "$@"; done | sort -n | head -1
}

FRESH='rm -f "$BENCH_DIR/state" "$BENCH_DIR/state.lock"'
ours() { # ours LOG: the command line of one full dry run (run after FRESH)
    echo "${CONFGEN[@]}" alerts send -i environments/example --log "$1" --archives "$BENCH_DIR/none" --state "$BENCH_DIR/state" --dry-run
}

generate "$LINES" "$BENCH_DIR/nagios-big.log"
head -n "$SMALL" "$BENCH_DIR/nagios-big.log" > "$BENCH_DIR/nagios-small.log"
BIG="$BENCH_DIR/nagios-big.log" SMALL_LOG="$BENCH_DIR/nagios-small.log"
size_mib=$(( $(stat -c %s "$BIG") / 1048576 ))
cat "$BIG" > /dev/null

read -r grep_s _ < <(best3 : grep -c ' ALERT: ' "$BIG")
read -r ours_s _ < <(best3 "$FRESH" $(ours "$BIG"))
read -r _ kib_small < <(best3 "$FRESH" $(ours "$SMALL_LOG"))
read -r _ kib_big < <(best3 "$FRESH" $(ours "$BIG"))
rss_small=$((kib_small / 1024)) rss_big=$((kib_big / 1024))
alerts=$(grep -c ' ALERT: ' "$BIG")

echo "nagios.log: $LINES lines, $size_mib MiB, $alerts lines with ' ALERT: '"
awk -v g="$grep_s" -v o="$ours_s" -v mb="$size_mib" -v n="$LINES" 'BEGIN {
    printf "grep -c \" ALERT: \"        %6.2f s  %7.0f MiB/s  %5.1f M lines/s\n", g, mb / g, n / g / 1e6;
    printf "confgen alerts (dry run)  %6.2f s  %7.0f MiB/s  %5.1f M lines/s\n", o, mb / o, n / o / 1e6;
    printf "throughput ratio ours/grep: %.2f (target >= 0.50)\n", g / o }'
echo "peak RSS: $rss_small MiB at $SMALL lines, $rss_big MiB at $LINES lines (ratio $(awk -v a="$rss_big" -v b="$rss_small" 'BEGIN { printf "%.2f", a / b }'))"

# A UDP sink on loopback, so the sends have somewhere to go (nothing listening would fail them).
SINK_PORT_FILE="$BENCH_DIR/sink.port"
rm -f "$SINK_PORT_FILE"
python3 -c 'import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0))
open(sys.argv[1], "w").write(str(s.getsockname()[1]))
while True: s.recv(65536)' "$SINK_PORT_FILE" &
SINK_PID=$!
trap 'kill "$SINK_PID"' EXIT
while [ ! -s "$SINK_PORT_FILE" ]; do sleep 0.1; done
send_cmd() { # send_cmd DLL [--dry-run]: a fresh state, then one full send of the 1M-line log
    echo "sh -c 'rm -f $BENCH_DIR/state*; dotnet $1 alerts send -i environments/example --log $SMALL_LOG --archives $BENCH_DIR/none --state $BENCH_DIR/state --statsd 127.0.0.1:$(cat "$SINK_PORT_FILE") ${2:-} > $BENCH_DIR/send.out 2>&1'"
}
SENDS=("$(send_cmd "${CONFGEN[1]}")" "$(send_cmd "${CONFGEN[1]}" --dry-run)")
[ -n "${BASELINE:-}" ] && SENDS+=("$(send_cmd "$BASELINE")")
eval "$(send_cmd "${CONFGEN[1]}")"
echo "send of $SMALL lines: $(grep -o 'sent .*' "$BENCH_DIR/send.out")"
python3 bench/lib/alternate.py 7 "${SENDS[@]}" | awk '
    NR == 1 { send = $1 } NR == 2 { dry = $1 } NR == 3 { base = $1 }
    END { printf "send %.2f s, dry run %.2f s: sending costs %.0f%% of the run\n", send, dry, (send - dry) / send * 100;
          if (base) printf "send %.2f s, BASELINE send %.2f s: ratio %.2f\n", send, base, send / base }'
