# Open vSwitch for check_nova_hypervisor: ovsdb-server and ovs-vsctl (Debian openvswitch-switch). No
# shared server: the hypervisor check reads every interface of the database, so each test starts
# its own ovsdb-server (TestSupport's OvsdbServer) on a private database file, made with ovsdb-tool
# from the schema the package ships, and a private unix socket; it needs no kernel datapath.
# Exports STACKFSCK_OVS_SCHEMA.
SERVICE_PACKAGES+=(openvswitch-switch)

ovsdb_start() {
    export STACKFSCK_OVS_SCHEMA=/usr/share/openvswitch/vswitch.ovsschema
    [ -f "$STACKFSCK_OVS_SCHEMA" ] || { echo "ovsdb: $STACKFSCK_OVS_SCHEMA is missing"; return 1; }
}

ovsdb_stop() { :; }
