#!/usr/bin/env bash
# Times check_nova_zombies (dist binary) against the reference of issue 4, in one run: a hypervisor
# of 200 domains (libvirt test driver) in a cell of 100,000 instances (real Zed schema, private
# MariaDB on loopback). Reference: `virsh list --all --uuid` plus the `mysql` client reading the
# same instance rows the check reads; target: the check's median wall <= the sum of theirs.
# Usage: bench/zombies_hypervisor.sh   (as root on Debian 12; DIST=... to use another dist folder)
source "$(dirname "$0")/zombies_common.sh"
HOST=cmp-007

echo "== loading nova_api and a cell of 100,000 instances (500 hosts of 200; a tenth of each host's deleted 2 days ago)"
load bench_api nova_api
load bench_cell1 nova
"${ADMIN[@]}" bench_api -e "INSERT INTO cell_mappings (id, uuid, name, database_connection) VALUES
    (1, '11111111-2222-4333-8444-555555555555', 'cell1', 'mysql+pymysql://{username}:{password}@{hostname}:{port}/bench_cell1');
    INSERT INTO host_mappings (cell_id, host) VALUES (1, '$HOST')"
"${ADMIN[@]}" bench_cell1 -e "INSERT INTO instances (uuid, host, node, project_id, user_id, display_name, vm_state, power_state,
    deleted, deleted_at, created_at, memory_mb, vcpus, root_gb)
    SELECT $(uuid_of seq), CONCAT('cmp-', LPAD(seq % 500, 3, '0')), CONCAT('cmp-', LPAD(seq % 500, 3, '0')), 'project', 'user',
        CONCAT('vm-', seq), IF(seq DIV 500 % 10 = 0, 'deleted', 'active'), 1, IF(seq DIV 500 % 10 = 0, seq, 0),
        IF(seq DIV 500 % 10 = 0, UTC_TIMESTAMP() - INTERVAL 2 DAY, NULL), UTC_TIMESTAMP() - INTERVAL 30 DAY, 2048, 2, 20
    FROM seq_1_to_100000"
printf '[database]\nconnection = mysql+pymysql://root:stackfsck-test-root@127.0.0.1:%s/nova\n' "$STACKFSCK_MYSQL_PORT" > "$STATE_DIR/nova.conf"

echo "== the hypervisor $HOST: a domain and an instance directory for each of its 200 instances"
"${ADMIN[@]}" -N -B bench_cell1 -e "SELECT uuid, id FROM instances WHERE host = '$HOST'" > "$STATE_DIR/domains.tsv"
mkdir -p "$STATE_DIR/instances/_base"
{
    echo "<node>"
    while read -r uuid id; do
        printf "<domain type='test'><name>instance-%08x</name><uuid>%s</uuid><memory>65536</memory><os><type>hvm</type></os></domain>\n" "$id" "$uuid"
        mkdir -p "$STATE_DIR/instances/$uuid" && head -c 4096 /dev/zero > "$STATE_DIR/instances/$uuid/disk"
    done < "$STATE_DIR/domains.tsv"
    echo "</node>"
} > "$STATE_DIR/node.xml"
URI="test://$STATE_DIR/node.xml"
uuids=$(cut -f1 "$STATE_DIR/domains.tsv" | sed "s/.*/'&'/" | paste -sd,)
echo "SELECT uuid, host, deleted, deleted_at, vm_state, task_state FROM instances WHERE (host = '$HOST' AND deleted = 0) OR uuid IN ($uuids)" > "$STATE_DIR/rows.sql"

CHECK=("$DIST/check_nova_zombies" --libvirt-uri "$URI" --host "$HOST" --instances-path "$STATE_DIR/instances"
    --api-defaults-file "$LOGIN" --api-database bench_api --nova-conf "$STATE_DIR/nova.conf")
"${CHECK[@]}" | head -1 || true

echo "== median wall of 30 rounds: the check vs virsh list plus the mysql client reading the same instance rows"
mapfile -t wall < <(alternate 30 "${CHECK[*]}" "${CHECK[*]} --cell-database bench_cell1" "virsh -r -c $URI list --all --uuid" \
    "mysql --defaults-file=$LOGIN -N -B bench_cell1 -e \"$(cat "$STATE_DIR/rows.sql")\"")
theirs=$(sum "${wall[2]}" "${wall[3]}")
echo "virsh $(ms "${wall[2]}") + mysql $(ms "${wall[3]}") = $(ms "$theirs")"
echo "check via nova_api $(ms "${wall[0]}"): ratio $(ratio "${wall[0]}" "$theirs") (target <= 1.0)"
echo "check, cell database given $(ms "${wall[1]}"): ratio $(ratio "${wall[1]}" "$theirs")"
echo "peak RSS of the check: $(peak_rss "${CHECK[@]}") MiB"
