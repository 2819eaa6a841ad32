#!/usr/bin/env bash
# Times check_openstack_stuck (dist binary) at the scale of issue 17 against its reference: the
# mariadb client running the same statements (taken from the check's own -vvv log) on the same
# databases, in one run. SCALE=1: 100,000 instances in one cell, 200,000 volumes, 500,000 ports
# (with their bindings), 10,000 images, on real Zed schemas; 1 % of each stuck.
# Targets: median wall <= 1.3x the client's, peak memory <= 80 MiB. SCALE=10 shows the growth.
# Usage: bench/stuck.sh   (as root on Debian 12; SCALE=10, ROUNDS=10, DIST=... optional)
BENCH_CHECKS="check_openstack_stuck"
BENCH_PORT_BASE=26600
source "$(dirname "$0")/lib/mariadb.sh"
SCALE="${SCALE:-1}" ROUNDS="${ROUNDS:-10}"
INSTANCES=$((100000 * SCALE)) VOLUMES=$((200000 * SCALE)) PORTS=$((500000 * SCALE)) IMAGES=$((10000 * SCALE))
AGE="IF(seq % 100 = 0, UTC_TIMESTAMP() - INTERVAL 3 HOUR, UTC_TIMESTAMP() - INTERVAL 10 MINUTE)"

echo "== loading nova_api, cell0, cell1 ($INSTANCES instances), cinder ($VOLUMES volumes), neutron ($PORTS ports), glance ($IMAGES images)"
for db in "bench_api nova_api" "bench_cell0 nova" "bench_cell1 nova" "bench_cinder cinder" "bench_neutron neutron" "bench_glance glance"; do
    load $db
done
"${ADMIN[@]}" bench_api -e "INSERT INTO cell_mappings (id, uuid, name, database_connection) VALUES
    (1, '00000000-0000-0000-0000-000000000000', 'cell0', 'mysql+pymysql://{username}:{password}@{hostname}:{port}/bench_cell0'),
    (2, '11111111-2222-4333-8444-555555555555', 'cell1', 'mysql+pymysql://{username}:{password}@{hostname}:{port}/bench_cell1')"
"${ADMIN[@]}" bench_cell1 -e "SET foreign_key_checks = 0;
    INSERT INTO instances (uuid, host, node, project_id, vm_state, task_state, created_at, updated_at, deleted)
    SELECT UUID(), CONCAT('cmp-', seq % 500), CONCAT('cmp-', seq % 500), CONCAT('p', seq % 2000), 'active', IF(seq % 10 = 0, 'rebooting', NULL),
        UTC_TIMESTAMP() - INTERVAL 30 DAY, $AGE, 0 FROM seq_1_to_$INSTANCES;
    INSERT INTO migrations (uuid, instance_uuid, source_compute, dest_compute, status, migration_type, created_at, updated_at, deleted)
    SELECT UUID(), UUID(), 'cmp-1', 'cmp-2', IF(seq % 100 = 0, 'running', 'completed'), 'live-migration', UTC_TIMESTAMP() - INTERVAL 30 DAY, $AGE, 0
    FROM seq_1_to_$((INSTANCES / 10))"
"${ADMIN[@]}" bench_cinder -e "SET foreign_key_checks = 0;
    INSERT INTO volumes (id, project_id, host, size, status, volume_type_id, created_at, updated_at, deleted)
    SELECT CONCAT('vol-', seq), CONCAT('p', seq % 2000), 'vol1@lvm#lvm', 10, IF(seq % 10 = 0, 'attaching', 'in-use'), 't', UTC_TIMESTAMP() - INTERVAL 30 DAY, $AGE, 0
    FROM seq_1_to_$VOLUMES;
    INSERT INTO volume_attachment (id, volume_id, instance_uuid, attach_status, created_at, updated_at, deleted)
    SELECT CONCAT('att-', seq), CONCAT('vol-', seq), UUID(), IF(seq % 10 = 0, 'attaching', 'attached'), UTC_TIMESTAMP() - INTERVAL 30 DAY, $AGE, 0
    FROM seq_1_to_$VOLUMES"
"${ADMIN[@]}" bench_neutron -e "SET foreign_key_checks = 0;
    INSERT INTO ports (id, project_id, network_id, mac_address, admin_state_up, status, device_id, device_owner, standard_attr_id)
    SELECT CONCAT('port-', seq), CONCAT('p', seq % 2000), 'net-1', CONCAT('fa:16:', LPAD(HEX(seq), 8, '0')), 1, 'ACTIVE', '', 'compute:nova', seq
    FROM seq_1_to_$PORTS;
    INSERT INTO ml2_port_bindings (port_id, host, vif_type, vnic_type, status)
    SELECT CONCAT('port-', seq), 'cmp-1', IF(seq % 100 = 0, 'binding_failed', 'ovs'), 'normal', 'ACTIVE' FROM seq_1_to_$PORTS"
"${ADMIN[@]}" bench_glance -e "INSERT INTO images (id, name, status, owner, created_at, updated_at, deleted, visibility, os_hidden, min_disk, min_ram)
    SELECT UUID(), CONCAT('img-', seq), IF(seq % 100 = 0, 'saving', 'active'), CONCAT('p', seq % 2000), UTC_TIMESTAMP() - INTERVAL 30 DAY,
        IF(seq % 100 = 0, UTC_TIMESTAMP() - INTERVAL 7 HOUR, UTC_TIMESTAMP()), 0, 'private', 0, 0, 0 FROM seq_1_to_$IMAGES"
printf '[database]\nconnection = mysql+pymysql://root:stackfsck-test-root@127.0.0.1:%s/nova\n' "$STACKFSCK_MYSQL_PORT" > "$STATE_DIR/nova.conf"

# The compute services last, once the long seed is done, 1 % of them silent for an hour; the others
# report every 10 seconds as nova-compute does (report_interval) for as long as the rounds last: at
# 10x one run takes minutes, longer than the 60 s after which a service counts as down.
"${ADMIN[@]}" bench_cell1 -e "INSERT INTO services (host, \`binary\`, topic, report_count, disabled, forced_down, last_seen_up, created_at, deleted)
    SELECT CONCAT('cmp-', seq), 'nova-compute', 'compute', 1, 0, 0, IF(seq % 100 = 0, UTC_TIMESTAMP() - INTERVAL 1 HOUR, UTC_TIMESTAMP()), UTC_TIMESTAMP(), 0
    FROM seq_1_to_500"
# The loop ends with the first failed update: when the bench stops the server.
while "${ADMIN[@]}" bench_cell1 -e "UPDATE services SET last_seen_up = UTC_TIMESTAMP() WHERE last_seen_up > UTC_TIMESTAMP() - INTERVAL 30 MINUTE" 2> /dev/null; do
    sleep 10
done &
against_client "$ROUNDS" check_openstack_stuck -f "$LOGIN" -d bench_api --nova-conf "$STATE_DIR/nova.conf" --cinder-database bench_cinder \
    --neutron-database bench_neutron --glance-database bench_glance -t $((120 * SCALE))
