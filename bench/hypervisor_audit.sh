#!/usr/bin/env bash
# Times check_nova_hypervisor (dist binary) at the scale of issue 18, in one run: a hypervisor of
# 200 domains (libvirt test driver) with 4 iSCSI volume disks and 2 OVS interfaces each, in a cell
# of 100,000 instances and 400,000 block device mappings, a Neutron of 500,000 ports (real Zed
# schemas, private MariaDB on loopback), a real ovsdb-server with the node's 400 interfaces and an
# iSCSI sysfs tree of its 800 sessions. Reference: `virsh dumpxml` of every domain, `ovs-vsctl
# --format=json list Interface` and the `mysql` client reading the same rows the check reads;
# target: the check's median wall <= the sum of theirs, peak RSS <= 60 MiB. virsh is timed two
# ways: one process reading the 200 dumpxml commands from its standard input (one connection,
# as the check has), and a process per domain, as an operator's loop runs it (the test driver
# then parses the whole node file 200 times: slower than a libvirtd would be, so fewer rounds).
# Usage: bench/hypervisor_audit.sh   (as root on Debian 12; DIST=... to use another dist folder,
# ROUNDS=10 paired rounds against the one-connection virsh, PROCESS_ROUNDS=3 against virsh per domain, 0 to skip)
BENCH_CHECKS="check_nova_hypervisor"
BENCH_SERVICES=(libvirt ovsdb)
BENCH_PORT_BASE=26500
source "$(dirname "$0")/lib/mariadb.sh"
# Nova and Neutron write uuids in lower case; the bench's are made from a sequence number.
hex_of() { echo "LOWER(LPAD(HEX($1), 8, '0'))"; }
uuid_of() { echo "CONCAT($(hex_of "$1"), '-0000-4000-8000-000000000000')"; }
volume_of() { echo "CONCAT($(hex_of "$1"), '-0000-4000-8000-0000000000', LPAD($2, 2, '0'))"; }
# Nova names a tap after the first 11 characters of its port id: the two ports of an instance differ there.
port_of() { echo "CONCAT($(hex_of "$1"), '-', $2, '000-4000-9000-000000000000')"; }
sum() { python3 -c "import sys; print(sum(map(float, sys.argv[1:])))" "$@"; }
HOST=cmp-007
ovsdb_start

echo "== loading a cell of 100,000 instances (500 hosts of 200), 400,000 volume mappings, 500,000 ports"
load bench_cell1 nova
load bench_cinder cinder
load bench_neutron neutron
"${ADMIN[@]}" bench_cell1 -e "INSERT INTO instances (uuid, host, node, project_id, user_id, display_name, vm_state, power_state,
    deleted, created_at, memory_mb, vcpus, root_gb)
    SELECT $(uuid_of seq), CONCAT('cmp-', LPAD(seq % 500, 3, '0')), CONCAT('cmp-', LPAD(seq % 500, 3, '0')), 'project', 'user',
        CONCAT('vm-', seq), 'active', 1, 0, UTC_TIMESTAMP() - INTERVAL 30 DAY, 2048, 2, 20 FROM seq_1_to_100000;
    INSERT INTO block_device_mapping (instance_uuid, volume_id, device_name, source_type, destination_type, deleted, uuid, connection_info)
    SELECT $(uuid_of i.seq), $(volume_of i.seq d.seq), CONCAT('/dev/vd', CHAR(97 + d.seq)), 'volume', 'volume', 0, UUID(),
        CONCAT('{\"driver_volume_type\": \"iscsi\", \"data\": {\"target_iqn\": \"iqn.2010-10.org.openstack:volume-', $(volume_of i.seq d.seq),
            '\", \"target_portal\": \"192.0.2.10:3260\", \"target_lun\": 1}}')
    FROM seq_1_to_100000 i, seq_1_to_4 d"
"${ADMIN[@]}" bench_cinder -e "INSERT INTO volume_types (id, name, deleted) VALUES ('lvm', 'lvm', 0);
    INSERT INTO volumes (id, volume_type_id, status, deleted) SELECT $(volume_of i.seq d.seq), 'lvm', 'in-use', 0 FROM seq_1_to_100000 i, seq_1_to_4 d
        WHERE i.seq % 500 = 7;
    INSERT INTO volume_attachment (id, volume_id, instance_uuid, attach_status, deleted)
    SELECT UUID(), id, CONCAT(LEFT(id, 8), '-0000-4000-8000-000000000000'), 'attached', 0 FROM volumes"
"${ADMIN[@]}" bench_neutron -e "INSERT INTO standardattributes (id, resource_type) SELECT seq, 'ports' FROM seq_1_to_500001;
    INSERT INTO networks (id, standard_attr_id) VALUES ('net-1', 500001);
    INSERT INTO ports (id, network_id, mac_address, admin_state_up, status, device_id, device_owner, standard_attr_id)
    SELECT $(port_of 'i.seq' 'p.seq'), 'net-1', CONCAT('fa:', SUBSTR($(hex_of i.seq), 3, 2), ':', SUBSTR($(hex_of i.seq), 5, 2), ':', SUBSTR($(hex_of i.seq), 7, 2), ':0', p.seq, ':00'),
        1, 'ACTIVE', $(uuid_of i.seq), 'compute:nova', (i.seq - 1) * 5 + p.seq FROM seq_1_to_100000 i, seq_1_to_5 p;
    INSERT INTO ml2_port_bindings (port_id, host, vif_type, vnic_type, profile, vif_details, status)
    SELECT id, CONCAT('cmp-', LPAD(CONV(LEFT(id, 8), 16, 10) % 500, 3, '0')), 'ovs', 'normal', '', '', 'ACTIVE' FROM ports"
printf '[database]\nconnection = mysql+pymysql://root:stackfsck-test-root@127.0.0.1:%s/nova\n' "$STACKFSCK_MYSQL_PORT" > "$STATE_DIR/nova.conf"

echo "== the hypervisor $HOST: 200 domains of 4 volume disks and 2 interfaces, their taps in OVSDB, their iSCSI sessions"
"${ADMIN[@]}" -N -B bench_cell1 -e "SELECT uuid, id FROM instances WHERE host = '$HOST'" > "$STATE_DIR/domains.tsv"
DB="$STATE_DIR/ovs.db" SOCK="$STATE_DIR/ovs.sock" SYS="$STATE_DIR/sys"
ovsdb-tool create "$DB" "$STACKFSCK_OVS_SCHEMA"
ovsdb-server "$DB" --remote=punix:"$SOCK" --pidfile="$STATE_DIR/ovs.pid" --unixctl="$STATE_DIR/ovs.ctl" --detach --no-chdir --log-file="$STATE_DIR/ovs.log"
trap 'kill "$(cat "$STATE_DIR/ovs.pid")" 2> /dev/null; mariadb_stop; rm -rf "$STATE_DIR"' EXIT
vsctl=(ovs-vsctl --db=unix:"$SOCK" --no-wait)
"${vsctl[@]}" init -- add-br br-int
{
    echo "<node>"
    session=0
    while read -r uuid id; do
        hex=${uuid:0:8}
        printf "<domain type='test'><name>instance-%08x</name><uuid>%s</uuid><memory>65536</memory><os><type>hvm</type></os><devices>" "$id" "$uuid"
        for d in 1 2 3 4; do
            volume="$hex-0000-4000-8000-00000000000$d"
            printf "<disk type='block' device='disk'><source dev='/dev/disk/by-path/ip-192.0.2.10:3260-iscsi-iqn.2010-10.org.openstack:volume-%s-lun-1'/><target dev='vd%s' bus='virtio'/><serial>%s</serial></disk>" "$volume" "$(printf "\\x$(printf %x $((97 + d)))")" "$volume"
            session=$((session + 1))
            dev="$SYS/devices/platform/host$session/session$session"
            mkdir -p "$dev/connection$session:0/iscsi_connection/connection$session:0" "$SYS/class/iscsi_session/session$session"
            echo 192.0.2.10 > "$dev/connection$session:0/iscsi_connection/connection$session:0/persistent_address"
            echo 3260 > "$dev/connection$session:0/iscsi_connection/connection$session:0/persistent_port"
            echo "iqn.2010-10.org.openstack:volume-$volume" > "$SYS/class/iscsi_session/session$session/targetname"
            ln -s "$dev" "$SYS/class/iscsi_session/session$session/device"
        done
        for p in 1 2; do
            port="$hex-${p}000-4000-9000-000000000000"
            mac="fa:${hex:2:2}:${hex:4:2}:${hex:6:2}:0$p:00"
            printf "<interface type='bridge'><mac address='%s'/><source bridge='br-int'/><virtualport type='openvswitch'><parameters interfaceid='%s'/></virtualport><target dev='tap%s'/></interface>" "$mac" "$port" "${port:0:11}"
            echo "-- add-port br-int tap${port:0:11} -- set Interface tap${port:0:11} external_ids:iface-id=$port external_ids:attached-mac=$mac external_ids:vm-uuid=$uuid external_ids:iface-status=active" >> "$STATE_DIR/plug.args"
        done
        echo "</devices></domain>"
    done < "$STATE_DIR/domains.tsv"
    echo "</node>"
} > "$STATE_DIR/node.xml"
# shellcheck disable=SC2046
"${vsctl[@]}" $(cat "$STATE_DIR/plug.args")
URI="test://$STATE_DIR/node.xml"
uuids=$(cut -f1 "$STATE_DIR/domains.tsv" | sed "s/.*/'&'/" | paste -sd,)
ports=$("${vsctl[@]}" --format=csv --no-headings --columns=external_ids list Interface | grep -o 'iface-id=[^,"]*' | cut -d= -f2 | sed "s/.*/'&'/" | paste -sd,)
volumes=$(grep -o "<serial>[^<]*" "$STATE_DIR/node.xml" | cut -c9- | sed "s/.*/'&'/" | paste -sd,)
cat > "$STATE_DIR/rows.sh" << SQL
mysql --defaults-file=$LOGIN -N -B bench_cell1 -e "SELECT uuid, host, deleted, deleted_at, vm_state, task_state FROM instances WHERE (host = '$HOST' AND deleted = 0) OR uuid IN ($uuids); SELECT instance_uuid, volume_id, device_name, connection_info FROM block_device_mapping WHERE deleted = 0 AND destination_type = 'volume' AND instance_uuid IN ($uuids)"
mysql --defaults-file=$LOGIN -N -B bench_cinder -e "SELECT volume_id, instance_uuid, attach_status FROM volume_attachment WHERE deleted = 0 AND volume_id IN ($volumes)"
mysql --defaults-file=$LOGIN -N -B bench_neutron -e "SELECT p.id, p.mac_address, p.device_id, b.host FROM ports p LEFT JOIN ml2_port_bindings b ON b.port_id = p.id WHERE p.id IN ($ports) OR p.device_id IN ($uuids)"
SQL
echo "for uuid in $(cut -f1 "$STATE_DIR/domains.tsv" | paste -sd' '); do virsh -r -c $URI dumpxml \$uuid; done" > "$STATE_DIR/virsh.sh"
cut -f1 "$STATE_DIR/domains.tsv" | sed 's/^/dumpxml /' > "$STATE_DIR/dumpxml.txt"
echo "virsh -r -c $URI < $STATE_DIR/dumpxml.txt" > "$STATE_DIR/virsh_one.sh"

CHECK=("$DIST/check_nova_hypervisor" --libvirt-uri "$URI" --host "$HOST" --skip-disks --cell-defaults-file "$LOGIN" --cell-database bench_cell1
    --cinder-database bench_cinder --neutron-database bench_neutron --ovsdb "unix:$SOCK" --iscsi-sysfs "$SYS/class/iscsi_session")
"${CHECK[@]}" | head -1 || true

ROUNDS="${ROUNDS:-10}" PROCESS_ROUNDS="${PROCESS_ROUNDS:-3}"
echo "== median wall of $ROUNDS paired rounds: the check vs virsh dumpxml x200 over one connection, ovs-vsctl list Interface, the mysql client"
mapfile -t wall < <(alternate "$ROUNDS" "${CHECK[*]}" "bash $STATE_DIR/virsh_one.sh" "ovs-vsctl --db=unix:$SOCK --format=json list Interface" "bash $STATE_DIR/rows.sh")
theirs=$(sum "${wall[1]}" "${wall[2]}" "${wall[3]}")
echo "virsh dumpxml x200, one connection $(ms "${wall[1]}") + ovs-vsctl $(ms "${wall[2]}") + mysql x3 $(ms "${wall[3]}") = $(ms "$theirs")"
echo "check $(ms "${wall[0]}"): ratio $(ratio "${wall[0]}" "$theirs") (target <= 1.0)"

if [ "$PROCESS_ROUNDS" -gt 0 ]; then
    echo "== median wall of $PROCESS_ROUNDS paired rounds: the check vs virsh dumpxml, a process per domain"
    mapfile -t process < <(alternate "$PROCESS_ROUNDS" "${CHECK[*]}" "bash $STATE_DIR/virsh.sh")
    everything=$(sum "${process[1]}" "${wall[2]}" "${wall[3]}")
    echo "virsh dumpxml x200 processes $(ms "${process[1]}") + ovs-vsctl + mysql x3 (above) = $(ms "$everything")"
    echo "check $(ms "${process[0]}"): ratio $(ratio "${process[0]}" "$everything")"
fi
echo "peak RSS of the check: $(peak_rss "${CHECK[@]}") MiB (target <= 60)"
