#!/usr/bin/env bash
# Times check_openstack_orphans (dist binary) against the reference of issue 4, in one run: a cloud
# of 100,000 instances (2% deleted), 120,000 Neutron ports (100,000 of instances), 20,000 Cinder
# attachments, on real Zed schemas in a private MariaDB on loopback. Reference: the `mysql`
# client reading the same columns (one process, the same five SELECTs). Targets: median wall
# <= 1.3x the client's, peak memory <= 60 MiB. SCALE=10 shows the growth (every count times ten).
# Usage: bench/orphans_cloud.sh   (as root on Debian 12; SCALE=10, ROUNDS=20, DIST=... optional)
source "$(dirname "$0")/zombies_common.sh"
SCALE="${SCALE:-1}" ROUNDS="${ROUNDS:-20}"
INSTANCES=$((100000 * SCALE)) PORTS=$((120000 * SCALE)) ATTACHMENTS=$((20000 * SCALE))

echo "== loading nova_api, cell0, cell1 ($INSTANCES instances), neutron ($PORTS ports), cinder ($ATTACHMENTS attachments)"
load bench_api nova_api
load bench_cell0 nova
load bench_cell1 nova
load bench_neutron neutron
load bench_cinder cinder
"${ADMIN[@]}" bench_api -e "INSERT INTO cell_mappings (id, uuid, name, database_connection) VALUES
    (1, '00000000-0000-0000-0000-000000000000', 'cell0', 'mysql+pymysql://{username}:{password}@{hostname}:{port}/bench_cell0'),
    (2, '11111111-2222-4333-8444-555555555555', 'cell1', 'mysql+pymysql://{username}:{password}@{hostname}:{port}/bench_cell1');
    INSERT INTO instance_mappings (instance_uuid, cell_id, project_id) SELECT $(uuid_of seq), 2, 'project' FROM seq_1_to_$INSTANCES WHERE seq % 1000 <> 7;
    INSERT INTO instance_mappings (instance_uuid, cell_id, project_id) SELECT $(uuid_of "seq + 2 * $INSTANCES"), 2, 'project' FROM seq_1_to_100"
"${ADMIN[@]}" bench_cell1 -e "INSERT INTO instances (uuid, host, node, project_id, user_id, display_name, vm_state, power_state,
    deleted, deleted_at, created_at, memory_mb, vcpus, root_gb)
    SELECT $(uuid_of seq), CONCAT('cmp-', LPAD(seq % 500, 3, '0')), CONCAT('cmp-', LPAD(seq % 500, 3, '0')), 'project', 'user',
        CONCAT('vm-', seq), IF(seq % 50 = 0, 'deleted', 'active'), 1, IF(seq % 50 = 0, seq, 0),
        IF(seq % 50 = 0, UTC_TIMESTAMP() - INTERVAL 2 DAY, NULL), UTC_TIMESTAMP() - INTERVAL 30 DAY, 2048, 2, 20
    FROM seq_1_to_$INSTANCES"
"${ADMIN[@]}" bench_neutron -e "SET foreign_key_checks = 0;
    INSERT INTO standardattributes (id, resource_type) SELECT seq, IF(seq = 1, 'networks', 'ports') FROM seq_1_to_$((PORTS + 1));
    INSERT INTO networks (id, standard_attr_id, name) VALUES ('net-1', 1, 'bench');
    INSERT INTO ports (id, network_id, mac_address, admin_state_up, status, device_id, device_owner, standard_attr_id, project_id)
    SELECT UUID(), 'net-1', CONCAT('fa:16:', LPAD(HEX(seq), 8, '0')), 1, 'ACTIVE',
        IF(seq <= $INSTANCES, $(uuid_of seq), UUID()), IF(seq <= $INSTANCES, 'compute:nova', 'network:dhcp'), seq + 1, 'project'
    FROM seq_1_to_$PORTS"
"${ADMIN[@]}" bench_cinder -e "SET foreign_key_checks = 0;
    INSERT INTO volumes (id, deleted, volume_type_id, status, size, project_id)
    SELECT CONCAT('vol-', seq), 0, 'type', 'in-use', 10, 'project' FROM seq_1_to_$ATTACHMENTS;
    INSERT INTO volume_attachment (id, volume_id, instance_uuid, attach_status, deleted, attached_host, mountpoint)
    SELECT CONCAT('att-', seq), CONCAT('vol-', seq), $(uuid_of 'seq * 5'), 'attached', 0, 'cmp-001', '/dev/vdb' FROM seq_1_to_$ATTACHMENTS"
printf '[database]\nconnection = mysql+pymysql://root:stackfsck-test-root@127.0.0.1:%s/nova\n' "$STACKFSCK_MYSQL_PORT" > "$STATE_DIR/nova.conf"

CHECK=("$DIST/check_openstack_orphans" -f "$LOGIN" -d bench_api --nova-conf "$STATE_DIR/nova.conf"
    --neutron-database bench_neutron --cinder-database bench_cinder --no-placement -t $((120 * SCALE)))
"${CHECK[@]}" | head -1 || true
SAME_COLUMNS="SELECT uuid, deleted FROM bench_cell0.instances; SELECT uuid, deleted FROM bench_cell1.instances;
    SELECT instance_uuid FROM bench_api.instance_mappings WHERE cell_id IS NOT NULL;
    SELECT id, device_id FROM bench_neutron.ports WHERE device_owner LIKE 'compute:%';
    SELECT id, volume_id, instance_uuid FROM bench_cinder.volume_attachment WHERE deleted = 0 AND instance_uuid IS NOT NULL"

echo "== median wall of $ROUNDS rounds: the check vs the mysql client reading the same columns"
mapfile -t wall < <(alternate "$ROUNDS" "${CHECK[*]}" "mysql --defaults-file=$LOGIN -N -B -e \"$SAME_COLUMNS\"")
echo "check $(ms "${wall[0]}"), mysql $(ms "${wall[1]}"): ratio $(ratio "${wall[0]}" "${wall[1]}") (target <= 1.3)"
echo "peak RSS of the check: $(peak_rss "${CHECK[@]}") MiB (target <= 60 MiB)"
