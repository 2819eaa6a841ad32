#!/usr/bin/env bash
# Times check_openstack_quota_drift (dist binary) at the scale of issue 17 against its reference:
# the mariadb client running the same statements (taken from the check's own -vvv log) on the
# same databases, in one run. SCALE=1: 200,000 volumes, 20,000 snapshots, 10,000 backups and
# 500,000 ports of 2,000 projects on real Zed schemas, 1 % of the quota usages drifted.
# Targets: median wall <= 1.3x the client's, peak memory <= 80 MiB. SCALE=10 shows the growth.
# Usage: bench/quota_drift.sh   (as root on Debian 12; SCALE=10, ROUNDS=10, DIST=... optional)
BENCH_CHECKS="check_openstack_quota_drift"
BENCH_PORT_BASE=26500
source "$(dirname "$0")/lib/mariadb.sh"
SCALE="${SCALE:-1}" ROUNDS="${ROUNDS:-10}"
PROJECTS=$((2000 * SCALE)) VOLUMES=$((200000 * SCALE)) PORTS=$((500000 * SCALE))

SECONDS=0
echo "== loading cinder ($VOLUMES volumes) and neutron ($PORTS ports) of $PROJECTS projects"
load bench_cinder cinder
load bench_neutron neutron
# Volume i belongs to project i % PROJECTS, type lvm or ceph by parity; a tenth has a snapshot, a twentieth a backup.
# Each usage is aggregated once per table (snapshots has no index on project_id: no subquery per project).
"${ADMIN[@]}" bench_cinder -e "$BULK
    INSERT INTO volume_types (id, name, deleted) VALUES ('t-lvm', 'lvm', 0), ('t-ceph', 'ceph', 0);
    INSERT INTO volumes (id, project_id, size, status, volume_type_id, use_quota, deleted)
    SELECT CONCAT('vol-', seq), CONCAT('p', seq % $PROJECTS), 10, 'in-use', IF(seq % 2 = 0, 't-lvm', 't-ceph'), 1, 0 FROM seq_1_to_$VOLUMES;
    INSERT INTO snapshots (id, volume_id, project_id, volume_size, status, volume_type_id, use_quota, deleted)
    SELECT CONCAT('snap-', seq), CONCAT('vol-', seq), CONCAT('p', seq % $PROJECTS), 10, 'available', IF(seq % 2 = 0, 't-lvm', 't-ceph'), 1, 0
    FROM seq_1_to_$VOLUMES WHERE seq % 10 = 0;
    INSERT INTO backups (id, volume_id, project_id, size, status, deleted)
    SELECT CONCAT('bak-', seq), CONCAT('vol-', seq), CONCAT('p', seq % $PROJECTS), 10, 'available', 0 FROM seq_1_to_$VOLUMES WHERE seq % 20 = 0;
    CREATE TEMPORARY TABLE owned AS
      SELECT project_id, 'volumes' AS resource, COUNT(*) AS n FROM volumes GROUP BY project_id
      UNION ALL SELECT v.project_id, 'gigabytes', v.gb + COALESCE(s.gb, 0) FROM (SELECT project_id, SUM(size) AS gb FROM volumes GROUP BY project_id) v
        LEFT JOIN (SELECT project_id, SUM(volume_size) AS gb FROM snapshots GROUP BY project_id) s ON s.project_id = v.project_id
      UNION ALL SELECT project_id, 'snapshots', COUNT(*) FROM snapshots GROUP BY project_id
      UNION ALL SELECT project_id, 'backups', COUNT(*) FROM backups GROUP BY project_id
      UNION ALL SELECT project_id, 'backup_gigabytes', SUM(size) FROM backups GROUP BY project_id;
    INSERT INTO quota_usages (project_id, resource, in_use, reserved, deleted)
    SELECT project_id, resource, n + IF(CAST(SUBSTRING(project_id, 2) AS UNSIGNED) % 20 = 0 AND resource IN ('volumes', 'gigabytes'), 1, 0), 0, 0 FROM owned;
    INSERT INTO reservations (uuid, project_id, resource, delta, expire, deleted)
    SELECT UUID(), CONCAT('p', seq), 'volumes', 1, UTC_TIMESTAMP() - INTERVAL 1 HOUR, 0 FROM seq_1_to_$((PROJECTS / 100));
    COMMIT"
"${ADMIN[@]}" bench_neutron -e "$BULK
    INSERT INTO networks (id, project_id, standard_attr_id) SELECT CONCAT('net-', seq), CONCAT('p', seq % $PROJECTS), seq FROM seq_1_to_$((PROJECTS * 2));
    INSERT INTO ports (id, project_id, network_id, mac_address, admin_state_up, status, device_id, device_owner, standard_attr_id)
    SELECT CONCAT('port-', seq), CONCAT('p', seq % $PROJECTS), CONCAT('net-', seq % $((PROJECTS * 2)) + 1), CONCAT('fa:16:', LPAD(HEX(seq), 8, '0')),
        1, 'ACTIVE', '', 'compute:nova', seq + $((PROJECTS * 2)) FROM seq_1_to_$PORTS;
    INSERT INTO quotausages (project_id, resource, dirty, in_use, reserved)
    SELECT project_id, 'port', 0, COUNT(*) + IF(CAST(SUBSTRING(project_id, 2) AS UNSIGNED) % 50 = 0, 2, 0), 0 FROM ports GROUP BY project_id
    UNION ALL SELECT project_id, 'network', 0, COUNT(*), 0 FROM networks GROUP BY project_id;
    COMMIT"
echo "seeded in $SECONDS s"

against_client "$ROUNDS" check_openstack_quota_drift -f "$LOGIN" --cinder-database bench_cinder --neutron-database bench_neutron -t $((120 * SCALE))
