#!/usr/bin/env bash
# Times the placement part of check_openstack_orphans (dist binary, --no-neutron --no-cinder) at the
# scale of issue 17 against its reference: the mariadb client running the same statements (taken
# from the check's own -vvv log) on the same databases, in one run. SCALE=1: 100,000 placement
# consumers (VCPU, MEMORY_MB and DISK_GB each) on 500 compute nodes, placement's schema made by
# placement-manage db sync, Nova's from the real Zed schemas; 1 % of the consumers are instances
# since deleted (orphan allocations).
# Targets: median wall <= 1.3x the client's, peak memory <= 80 MiB. SCALE=10 shows the growth.
# Usage: bench/orphans_placement.sh   (as root on Debian 12; SCALE=10, ROUNDS=10, DIST=... optional)
BENCH_CHECKS="check_openstack_orphans"
BENCH_PACKAGES=(placement-common python3-pymysql)
BENCH_PORT_BASE=26700
source "$(dirname "$0")/lib/mariadb.sh"
SCALE="${SCALE:-1}" ROUNDS="${ROUNDS:-10}"
CONSUMERS=$((100000 * SCALE)) NODES=500
# Compute node k (0 .. NODES-1) is provider k + 1 of placement, with the same uuid.
NODE_UUID="CONCAT('00000000-0000-4000-9000-', LPAD(seq, 12, '0'))"

SECONDS=0
echo "== loading nova_api, cell0, cell1 ($CONSUMERS instances on $NODES nodes), placement ($CONSUMERS consumers)"
for db in "bench_api nova_api" "bench_cell0 nova" "bench_cell1 nova"; do
    load $db
done
"${ADMIN[@]}" -e "CREATE DATABASE bench_placement"
printf '[placement_database]\nconnection = mysql+pymysql://root:stackfsck-test-root@127.0.0.1:%s/bench_placement\n' "$STACKFSCK_MYSQL_PORT" > "$STATE_DIR/placement.conf"
placement-manage --config-file "$STATE_DIR/placement.conf" db sync > "$STATE_DIR/placement.log" 2>&1 || { cat "$STATE_DIR/placement.log"; exit 1; }

"${ADMIN[@]}" bench_api -e "$BULK
    INSERT INTO cell_mappings (id, uuid, name, database_connection) VALUES
    (1, '00000000-0000-0000-0000-000000000000', 'cell0', 'mysql+pymysql://{username}:{password}@{hostname}:{port}/bench_cell0'),
    (2, '11111111-2222-4333-8444-555555555555', 'cell1', 'mysql+pymysql://{username}:{password}@{hostname}:{port}/bench_cell1');
    INSERT INTO instance_mappings (instance_uuid, cell_id, project_id) SELECT $(uuid_of seq), 2, 'project' FROM seq_1_to_$CONSUMERS;
    COMMIT"
# Instance i lives on node i % NODES; every hundredth is deleted, its allocation left behind.
"${ADMIN[@]}" bench_cell1 -e "$BULK
    INSERT INTO compute_nodes (uuid, host, hypervisor_hostname, deleted, vcpus, memory_mb, local_gb, vcpus_used,
        memory_mb_used, local_gb_used, hypervisor_type, hypervisor_version, cpu_info, running_vms, created_at)
    SELECT $NODE_UUID, CONCAT('cmp-', seq), CONCAT('cmp-', seq), 0, 64, 262144, 4000, 0, 0, 0, 'QEMU', 1, 'none', 0, UTC_TIMESTAMP()
    FROM seq_0_to_$((NODES - 1));
    INSERT INTO instances (uuid, host, node, project_id, user_id, vm_state, power_state, deleted, deleted_at, created_at, memory_mb, vcpus, root_gb)
    SELECT $(uuid_of seq), CONCAT('cmp-', seq % $NODES), CONCAT('cmp-', seq % $NODES), 'project', 'user', IF(seq % 100 = 0, 'deleted', 'active'), 1,
        IF(seq % 100 = 0, seq, 0), IF(seq % 100 = 0, UTC_TIMESTAMP() - INTERVAL 2 DAY, NULL), UTC_TIMESTAMP() - INTERVAL 30 DAY, 2048, 2, 20
    FROM seq_1_to_$CONSUMERS;
    COMMIT"
# Standard resource classes by id as placement keeps them (VCPU 0, MEMORY_MB 1, DISK_GB 2).
"${ADMIN[@]}" bench_placement -e "$BULK
    INSERT INTO projects (id, external_id) VALUES (1, 'project');
    INSERT INTO users (id, external_id) VALUES (1, 'user');
    INSERT INTO resource_providers (id, uuid, name, generation, root_provider_id)
    SELECT seq + 1, $NODE_UUID, CONCAT('cmp-', seq), 1, seq + 1 FROM seq_0_to_$((NODES - 1));
    INSERT INTO inventories (resource_provider_id, resource_class_id, total, reserved, min_unit, max_unit, step_size, allocation_ratio)
    SELECT p.seq, c.seq, 1000000, 0, 1, 1000000, 1, 1.0 FROM seq_1_to_$NODES p, seq_0_to_2 c;
    INSERT INTO consumers (uuid, project_id, user_id, generation) SELECT $(uuid_of seq), 1, 1, 1 FROM seq_1_to_$CONSUMERS;
    INSERT INTO allocations (resource_provider_id, consumer_id, resource_class_id, used)
    SELECT i.seq % $NODES + 1, $(uuid_of i.seq), c.seq, ELT(c.seq + 1, 2, 2048, 20) FROM seq_1_to_$CONSUMERS i, seq_0_to_2 c;
    COMMIT"
echo "seeded in $SECONDS s"
printf '[database]\nconnection = mysql+pymysql://root:stackfsck-test-root@127.0.0.1:%s/nova\n' "$STACKFSCK_MYSQL_PORT" > "$STATE_DIR/nova.conf"

against_client "$ROUNDS" check_openstack_orphans -f "$LOGIN" -d bench_api --nova-conf "$STATE_DIR/nova.conf" --placement-database bench_placement \
    --no-neutron --no-cinder -t $((120 * SCALE))
