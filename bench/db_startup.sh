#!/usr/bin/env bash
# Single-query start-up: check_keystone_revocations against C check_mysql_query (Debian
# monitoring-plugins) running the very statement ours runs, on a Keystone database of 1,000
# revocation events, both logging in from the same option file over TCP. Also bench/db_minimal (the
# floor: the same Connector/C binding and build settings, nothing but connect, query, print) and
# the mariadb client on the same statement, for scale. Target (issue 16): median wall ratio at most 1.25.
#   bench/db_startup.sh [RUNS]   (default 300; the commands run in turn, medians compared)
source "$(dirname "$0")/db_common.sh"
RUNS="${1:-300}"

load keystone keystone
"${ADMIN[@]}" keystone -e "INSERT INTO revocation_event (user_id, issued_before, revoked_at)
    SELECT 'u', UTC_TIMESTAMP(), UTC_TIMESTAMP() - INTERVAL seq MINUTE FROM seq_1_to_1000"
# check_mysql_query sends port 3306 unless told, whatever the option file says: both get -H and -P.
ARGS=(-f "$LOGIN" -d keystone -H 127.0.0.1 -P "$STACKFSCK_MYSQL_PORT")
SQL="$(statements check_keystone_revocations "${ARGS[@]}" | sed 's/;$//')"
quote() { python3 -c 'import shlex, sys; print(shlex.join(sys.argv[1:]))' "$@"; }
# Every compared binary runs from a fresh copy (tests/lib.sh, fresh_copy); db_minimal is built anew below.
CHECK="$(fresh_copy "$DIST/check_keystone_revocations" "$STATE_DIR/bin")"
CHECK_MYSQL_QUERY="$(fresh_copy /usr/lib/nagios/plugins/check_mysql_query "$STATE_DIR/bin")"
OURS="$(quote "$CHECK" "${ARGS[@]}")"
C_PLUGIN="$(quote "$CHECK_MYSQL_QUERY" "${ARGS[@]}" -q "$SQL" -w 100000 -c 100000)"
CLIENT="$(quote mariadb --defaults-file="$LOGIN" keystone -N -B -e "$SQL")"
dotnet publish bench/db_minimal -r linux-x64 -c Release -o "$STATE_DIR/db_minimal" --nologo -v quiet -clp:ErrorsOnly \
    ${ARTIFACTS:+--artifacts-path "$ARTIFACTS"}
MINIMAL="$(quote "$STATE_DIR/db_minimal/db_minimal" "$LOGIN" 127.0.0.1 "$STACKFSCK_MYSQL_PORT" keystone "$SQL")"

echo "statement: $SQL"
"$CHECK" "${ARGS[@]}" | head -1 || true
"$CHECK_MYSQL_QUERY" "${ARGS[@]}" -q "$SQL" -w 100000 -c 100000 || true
"$STATE_DIR/db_minimal/db_minimal" "$LOGIN" 127.0.0.1 "$STACKFSCK_MYSQL_PORT" keystone "$SQL"
python3 bench/lib/alternate.py "$RUNS" "$OURS" "$C_PLUGIN" "$CLIENT" "$MINIMAL" > "$STATE_DIR/medians"
mapfile -t medians < <(cut -d' ' -f1 "$STATE_DIR/medians")
mapfile -t cpu < <(cut -d' ' -f2 "$STATE_DIR/medians")
echo "median wall (CPU user+sys) over $RUNS runs, load average $(cut -d' ' -f1-3 /proc/loadavg):" \
    "ours $(ms "${medians[0]}") ($(ms "${cpu[0]}")), check_mysql_query $(ms "${medians[1]}") ($(ms "${cpu[1]}")), mariadb client $(ms "${medians[2]}") ($(ms "${cpu[2]}")), db_minimal $(ms "${medians[3]}") ($(ms "${cpu[3]}"))"
echo "ratio ours / check_mysql_query: $(ratio "${medians[0]}" "${medians[1]}") (CPU $(ratio "${cpu[0]}" "${cpu[1]}")) (target <= 1.25)"
echo "ratio db_minimal / check_mysql_query: $(ratio "${medians[3]}" "${medians[1]}") (CPU $(ratio "${cpu[3]}" "${cpu[1]}")) (the floor)"
echo "ratio ours / db_minimal: $(ratio "${medians[0]}" "${medians[3]}") (CPU $(ratio "${cpu[0]}" "${cpu[3]}"))"
echo "ratio ours / mariadb client:    $(ratio "${medians[0]}" "${medians[2]}")"
echo "peak memory: ours $(peak_rss "$CHECK" "${ARGS[@]}") MiB," \
    "check_mysql_query $(peak_rss "$CHECK_MYSQL_QUERY" "${ARGS[@]}" -q "$SQL" -w 100000 -c 100000) MiB"
