#!/usr/bin/env bash
# check_openstack_db_bloat on a Nova cell database holding 1,000,000 soft-deleted rows spread
# over the tables that grow most, plus live rows and shadow rows:
#  - exact mode against the same statements (catalog and per-table counts, taken from the
#    check's own -vvv log) run by the mariadb client in one session; target ratio at most 1.2;
#  - fast mode wall time; target under 100 ms;
#  - peak memory of both modes; target at most 30 MiB.
#   bench/db_bloat.sh [RUNS]   (default 7; each run of exact mode scans every table)
source "$(dirname "$0")/db_common.sh"
RUNS="${1:-7}"

load nova nova
echo "filling nova: 1,000,000 soft-deleted rows, 120,000 live, 50,000 shadow ..."
# fill TABLE ROWS DELETED_FROM COLUMNS VALUES: rows 1..ROWS, soft-deleted (deleted = id, deleted_at
# spread over two years) from DELETED_FROM on; COLUMNS/VALUES add the table's required columns.
fill() {
    "${ADMIN[@]}" nova -e "SET FOREIGN_KEY_CHECKS = 0; SET unique_checks = 0;
        INSERT INTO $1 (id, deleted, deleted_at$4)
        SELECT seq, IF(seq >= $3, seq, 0), IF(seq >= $3, UTC_TIMESTAMP() - INTERVAL seq % 730 DAY, NULL)$5 FROM seq_1_to_$2"
}
fill instances 120000 20001 ", uuid, host, vm_state" ", UUID(), CONCAT('cmp', seq % 500), 'deleted'"
fill instance_actions 170000 20001 ", instance_uuid, action" ", UUID(), 'create'"
fill instance_actions_events 220000 20001 ", event" ", 'compute__do_build_and_run_instance'"
fill instance_faults 110000 10001 ", instance_uuid, code, message" ", UUID(), 500, 'No valid host was found.'"
fill instance_system_metadata 220000 20001 ", instance_uuid, \`key\`, value" ", UUID(), 'image_disk_format', 'qcow2'"
fill block_device_mapping 120000 20001 ", instance_uuid, uuid" ", UUID(), UUID()"
fill instance_extra 60000 10001 ", instance_uuid" ", UUID()"
fill migrations 60000 10001 ", instance_uuid, status" ", UUID(), 'confirmed'"
fill virtual_interfaces 60000 10001 ", instance_uuid, address, uuid" ", UUID(), CONCAT('fa:16:3e:', HEX(seq)), UUID()"
"${ADMIN[@]}" nova -e "INSERT INTO shadow_instance_faults (id, instance_uuid, code, deleted, deleted_at)
    SELECT seq, UUID(), 500, seq, UTC_TIMESTAMP() - INTERVAL seq % 900 DAY FROM seq_1_to_50000; ANALYZE TABLE instances, instance_actions,
    instance_actions_events, instance_faults, instance_system_metadata, block_device_mapping, instance_extra, migrations,
    virtual_interfaces, shadow_instance_faults" > /dev/null

ARGS=(-f "$LOGIN" -d nova)
"$DIST/check_openstack_db_bloat" "${ARGS[@]}" --list 3 || true
"$DIST/check_openstack_db_bloat" "${ARGS[@]}" --fast --list 0 | head -1 || true
statements check_openstack_db_bloat "${ARGS[@]}" > "$STATE_DIR/exact.sql"
echo "exact mode runs $(wc -l < "$STATE_DIR/exact.sql") statements"
quote() { python3 -c 'import shlex, sys; print(shlex.join(sys.argv[1:]))' "$@"; }
EXACT="$(quote "$DIST/check_openstack_db_bloat" "${ARGS[@]}")"
CLIENT="$(quote sh -c "mariadb --defaults-file=$LOGIN -N -B < $STATE_DIR/exact.sql")"
FAST="$(quote "$DIST/check_openstack_db_bloat" "${ARGS[@]}" --fast)"

mapfile -t medians < <(alternate "$RUNS" "$EXACT" "$CLIENT")
echo "exact mode: ours $(ms "${medians[0]}"), mariadb client on the same statements $(ms "${medians[1]}")" \
    "(median of $RUNS); ratio $(ratio "${medians[0]}" "${medians[1]}") (target <= 1.2)"
fast="$(alternate 30 "$FAST")"
echo "fast mode: $(ms "$fast") median of 30 (target < 100 ms)"
echo "peak memory: exact $(peak_rss "$DIST/check_openstack_db_bloat" "${ARGS[@]}") MiB," \
    "fast $(peak_rss "$DIST/check_openstack_db_bloat" "${ARGS[@]}" --fast) MiB (target <= 30 MiB)"
