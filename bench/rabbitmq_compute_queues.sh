#!/usr/bin/env bash
# Times check_rabbitmq_compute_queues (dist/) against the reference tools of issue 2, in one
# run, on a private RabbitMQ on loopback, and prints ratios:
#   1. startup on one queue vs C check_http fetching the same API URL (median wall)
#   2. 10,000 queues vs curl downloading the same API response (median wall), and peak RSS
#   3. 1,000 compute queues: one run of ours vs the Perl check_rabbitmq_queue once per queue
# Usage: bench/rabbitmq_compute_queues.sh   (as root on Debian 12; installs what it needs)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
source tests/lib.sh
PORT_BASE="${STACKFSCK_PORT_BASE:-26500}"
STATE_DIR="$(mktemp -d /tmp/stackfsck-bench.XXXXXX)"
SERVICE_PACKAGES=()
source tests/services/rabbitmq.sh
trap 'rabbitmq_stop; rm -rf "$STATE_DIR"' EXIT

install_missing "${SERVICE_PACKAGES[@]}" time monitoring-plugins-basic nagios-plugins-rabbitmq
make --no-print-directory dist EXECUTABLES=check_rabbitmq_compute_queues
CHECK="$ROOT/dist/check_rabbitmq_compute_queues"
rabbitmq_start
API="$STACKFSCK_RABBITMQ_API"
PORT="${API##*:}"
export RABBITMQ_USERNAME=guest RABBITMQ_PASSWORD=guest
COLUMNS_QUERY="columns=name,messages,consumers,message_stats.publish_details.rate,message_stats.deliver_get_details.rate"

# make_vhost NAME COUNT: a vhost holding COUNT compute queues, loaded in one definitions import.
make_vhost() {
    curl -sf -u guest:guest -X PUT "$API/api/vhosts/$1" > /dev/null
    python3 - "$1" "$2" > "$STATE_DIR/defs.json" <<'PY'
import json, sys
vhost, count = sys.argv[1], int(sys.argv[2])
queues = [{"name": f"compute.cmp-{i:05d}", "vhost": vhost, "durable": False, "auto_delete": False, "arguments": {}}
          for i in range(count)]
print(json.dumps({"queues": queues}))
PY
    curl -sf -u guest:guest -H 'content-type: application/json' -X POST "$API/api/definitions" \
        --data-binary @"$STATE_DIR/defs.json" > /dev/null
}

# compare RUNS OURS THEIRS: alternates the two commands RUNS times; sets $ours and $theirs (median seconds).
compare() {
    local out
    out=$(python3 bench/lib/alternate.py "$@")
    ours=$(sed -n 1p <<< "$out" | cut -d' ' -f1)
    theirs=$(sed -n 2p <<< "$out" | cut -d' ' -f1)
}
ratio() { python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.2f}')" "$1" "$2"; }
ms() { python3 -c "import sys; print(f'{float(sys.argv[1]) * 1000:.1f} ms')" "$1"; }

make_vhost one 1
make_vhost tenk 10000
make_vhost onek 1000
sleep 2

echo "== 1. startup, one queue: check vs check_http on the same URL"
compare 60 "$CHECK -p $PORT --vhost one --warning-no-consumers ~:" \
    "/usr/lib/nagios/plugins/check_http -H 127.0.0.1 -p $PORT -a guest:guest -u /api/queues/one?$COLUMNS_QUERY"
echo "check $(ms "$ours"), check_http $(ms "$theirs"): ratio $(ratio "$ours" "$theirs") (target <= 1.5)"

echo "== 2. 10,000 queues: check vs curl downloading the same response"
compare 15 "$CHECK -p $PORT --vhost tenk --warning-no-consumers ~: -t 60" \
    "curl -sf -u guest:guest -o /dev/null $API/api/queues/tenk?$COLUMNS_QUERY"
echo "check $(ms "$ours"), curl $(ms "$theirs"): ratio $(ratio "$ours" "$theirs") (target <= 1.2)"
bytes=$(curl -sf -u guest:guest "$API/api/queues/tenk?$COLUMNS_QUERY" | wc -c)
rss=$(/usr/bin/time -f %M "$CHECK" -p "$PORT" --vhost tenk --warning-no-consumers "~:" -t 60 2>&1 > /dev/null | tail -1)
rss_each=$(/usr/bin/time -f %M "$CHECK" -p "$PORT" --vhost tenk --warning-no-consumers "~:" -t 60 --perfdata-per-queue 2>&1 > /dev/null | tail -1)
echo "response $bytes bytes; peak RSS $((rss / 1024)) MiB, with per-queue perfdata $((rss_each / 1024)) MiB (target <= 30 MiB)"

echo "== 3. 1,000 compute queues: one check run vs check_rabbitmq_queue (Perl) once per queue"
start=$(date +%s.%N)
"$CHECK" -p "$PORT" --vhost onek --warning-no-consumers "~:" -t 60 > /dev/null
ours=$(python3 -c "import sys,time; print(time.time() - float(sys.argv[1]))" "$start")
runs="${PERL_RUNS:-1000}"
echo "Perl plugin answers: $(/usr/bin/check_rabbitmq_queue -H 127.0.0.1 --port "$PORT" -u guest -p guest --vhost onek --queue compute.cmp-00000 2>&1 | head -1)"
start=$(date +%s.%N)
for i in $(seq 0 $((runs - 1))); do
    /usr/bin/check_rabbitmq_queue -H 127.0.0.1 --port "$PORT" -u guest -p guest \
        --vhost onek --queue "$(printf 'compute.cmp-%05d' "$i")" > /dev/null 2>&1 || true
done
theirs=$(python3 -c "import sys,time; print((time.time() - float(sys.argv[1])) * 1000 / int(sys.argv[2]))" "$start" "$runs")
echo "check $(ms "$ours") for all 1000; Perl $(ms "$theirs") for 1000 (measured $runs runs): ratio $(ratio "$ours" "$theirs"), the Perl plugin takes $(ratio "$theirs" "$ours")x as long"
