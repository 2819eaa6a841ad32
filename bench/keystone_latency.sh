#!/usr/bin/env bash
# Compares check_keystone_token_latency (dist/) with ApacheBench on the same real Keystone, in one
# run: the test tier's Keystone (bench/keystone_latency_keystone.sh: Debian's package under uWSGI
# --http-socket, as Debian runs it) on loopback, the same endpoint (GET /v3/auth/tokens) and the
# same two headers (the check's cached token as X-Auth-Token and X-Subject-Token), `ab -n 200 -c 8`
# against `--count 200 --concurrency 8`, alternating, ROUNDS times. Prints per round and as medians:
#   1. the check's p50 and p99 over ab's 50% and 99% lines (goal: within 15%, 0.85..1.15), and the
#      check's errors (goal: 0; uWSGI closes every connection after its answer)
#   2. the check's overhead: its wall time minus the time its validations took (goal <= 20 ms),
#      in each round and over 20 runs of one validation (median and minimum: on a busy machine
#      the minimum shows the check's own cost, the median the machine's scheduling noise)
# Usage: bench/keystone_latency.sh [ROUNDS]   (root, Debian 12; installs keystone, mariadb-server, uwsgi, apache2-utils)
# STACKFSCK_PORT_BASE moves the servers' ports (Keystone on PORT_BASE+5); ARTIFACTS keeps the build apart.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
source tests/lib.sh
ROUNDS="${1:-3}"
PORT_BASE=${STACKFSCK_PORT_BASE:-26600}
STATE_DIR="$(mktemp -d /tmp/stackfsck-bench.XXXXXX)"
trap 'bench/keystone_latency_keystone.sh stop "$STATE_DIR/servers" "$PORT_BASE"; rm -rf "$STATE_DIR"' EXIT

install_missing apache2-utils
DIST="${ARTIFACTS:+$ARTIFACTS/dist}"
DIST="${DIST:-dist}"
make --no-print-directory dist EXECUTABLES=check_keystone_token_latency DIST="$DIST" ARTIFACTS="${ARTIFACTS:-}"
CHECK="$(cd "$DIST" && pwd)/check_keystone_token_latency"
bench/keystone_latency_keystone.sh start "$STATE_DIR/servers" "$PORT_BASE"
# shellcheck source=/dev/null
source "$STATE_DIR/servers/env"
export OS_AUTH_URL="$STACKFSCK_KEYSTONE_URL" OS_USERNAME="$STACKFSCK_KEYSTONE_ADMIN_USER" OS_PASSWORD="$STACKFSCK_KEYSTONE_ADMIN_PASSWORD" \
    OS_PROJECT_NAME="$STACKFSCK_KEYSTONE_ADMIN_PROJECT" OS_USER_DOMAIN_NAME=Default OS_PROJECT_DOMAIN_NAME=Default
CACHE="$STATE_DIR/token.json"
check() { "$CHECK" --token-cache "$CACHE" -t 300 -w '~:' -c '~:' "$@"; }

# Warm up Keystone's workers and fill the token cache, so no run below issues a token.
check --count 40 --concurrency 8 > /dev/null || true
TOKEN="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["token"])' "$CACHE")"
URL="$STACKFSCK_KEYSTONE_URL/auth/tokens"
ab -n 40 -c 8 -H "X-Auth-Token: $TOKEN" -H "X-Subject-Token: $TOKEN" "$URL" > /dev/null 2>&1

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
perf() { grep -o "$1=[0-9.]*" <<< "$2" | head -1 | cut -d= -f2; }

# overhead_ms WALL_MS OUTPUT: the run's wall time minus the span of its validations ("N validations in S s").
overhead_ms() {
    local window_s
    window_s=$(grep -o '^[0-9]* validations in [0-9.]*' <<< "$2" | awk '{ print $4 }')
    awk -v w="$1" -v s="$window_s" 'BEGIN { printf "%.1f", w - s * 1000 }'
}

printf '%-6s %9s %9s %7s %9s %9s %7s %11s %7s\n' round check_p50 ab_p50 ratio check_p99 ab_p99 ratio overhead_ms errors
for round in $(seq "$ROUNDS"); do
    start=$(date +%s%N)
    out="$(check --count 200 --concurrency 8)" || true
    wall_ms=$(( ($(date +%s%N) - start) / 1000000 ))
    grep -q " p50=" <<< "$out" || { echo "the check measured nothing:"; echo "$out"; exit 1; }
    ab_out="$(ab -n 200 -c 8 -H "X-Auth-Token: $TOKEN" -H "X-Subject-Token: $TOKEN" "$URL" 2> /dev/null)"
    grep -q "^Non-2xx responses" <<< "$ab_out" && { echo "ab got errors:"; echo "$ab_out"; exit 1; }
    c50=$(perf p50 "$out") c99=$(perf p99 "$out")
    a50=$(awk '$1 == "50%" { print $2 }' <<< "$ab_out") a99=$(awk '$1 == "99%" { print $2 }' <<< "$ab_out")
    overhead=$(overhead_ms "$wall_ms" "$out")
    errors=$(perf errors "$out")
    awk -v r="$round" -v c50="$c50" -v a50="$a50" -v c99="$c99" -v a99="$a99" -v o="$overhead" -v e="$errors" \
        'BEGIN { printf "%-6s %9.1f %9d %7.2f %9.1f %9d %7.2f %11s %7d\n", r, c50, a50, c50 / a50, c99, a99, c99 / a99, o, e }'
    echo "$c50 $a50 $c99 $a99 $overhead $errors" >> "$STATE_DIR/rounds"
done

echo
echo "medians over $ROUNDS rounds (goals: p50 and p99 ratios within 0.85..1.15, overhead <= 20 ms)"
awk '{ print $1 / $2 }' "$STATE_DIR/rounds" | median | xargs printf 'p50 ratio check/ab  %.2f\n'
awk '{ print $3 / $4 }' "$STATE_DIR/rounds" | median | xargs printf 'p99 ratio check/ab  %.2f\n'
awk '{ print $5 }' "$STATE_DIR/rounds" | median | xargs printf 'check overhead      %.1f ms wall beyond its 200 validations\n'
awk '{ e += $6 } END { print e + 0 }' "$STATE_DIR/rounds" | xargs printf 'check errors        %d in all rounds\n'

for _ in $(seq 20); do
    start=$(date +%s%N)
    out="$(check --count 1)" || true
    overhead_ms $(( ($(date +%s%N) - start) / 1000000 )) "$out"
    echo
done > "$STATE_DIR/single"
median < "$STATE_DIR/single" | xargs printf 'check overhead      %.1f ms median, '
sort -g "$STATE_DIR/single" | head -1 | xargs printf '%.1f ms minimum, over 20 runs of one validation\n'
