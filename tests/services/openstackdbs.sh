# OpenStack databases made by the services' own tools (Debian's nova-common, cinder-common,
# glance-common, placement-common, neutron-common: Zed), once per run, on the MariaDB of mariadb.sh (which
# tests/run starts first: scripts start in name order). The tools migrate tpl_* databases in
# parallel; each is then dumped to $STATE_DIR/openstackdbs/NAME.sql (nova_api, nova, cinder,
# glance, placement, neutron: a nova cell0 has the schema of a cell), which tests load into fresh
# databases (TestSupport's ServiceTools.Copy). The tools log in as the MariaDB user
# "openstack", allowed everything on tpl_* and on the tests' t_* databases, so tests can run
# nova-manage & co. on their copies. Exports STACKFSCK_OPENSTACK_DUMPS (the dump folder) and
# STACKFSCK_OPENSTACK_DB_URL (mysql+pymysql://openstack:...@127.0.0.1:PORT, no database).
SERVICE_PACKAGES+=(nova-common cinder-common glance-common placement-common neutron-common python3-pymysql)

openstackdbs_start() {
    local dir="$STATE_DIR/openstackdbs" port=$((PORT_BASE + 10))
    : "${STACKFSCK_MYSQL_ADMIN_CNF:?openstackdbs needs the mariadb service: add it to STACKFSCK_SERVICES}"
    local url="mysql+pymysql://openstack:stackfsck-test-tools@127.0.0.1:$port" admin=(mariadb --defaults-file="$STACKFSCK_MYSQL_ADMIN_CNF")
    mkdir -p "$dir"
    "${admin[@]}" -e "CREATE USER openstack@'127.0.0.1' IDENTIFIED BY 'stackfsck-test-tools';
        GRANT ALL ON \`tpl\\_%\`.* TO openstack@'127.0.0.1'; GRANT ALL ON \`t\\_%\`.* TO openstack@'127.0.0.1';
        CREATE DATABASE tpl_nova_api; CREATE DATABASE tpl_nova; CREATE DATABASE tpl_cinder;
        CREATE DATABASE tpl_glance; CREATE DATABASE tpl_placement; CREATE DATABASE tpl_neutron;"
    printf '[api_database]\nconnection = %s/tpl_nova_api\n[database]\nconnection = %s/tpl_nova\n' "$url" "$url" > "$dir/nova.conf"
    printf '[database]\nconnection = %s/tpl_cinder\n' "$url" > "$dir/cinder.conf"
    printf '[database]\nconnection = %s/tpl_glance\n' "$url" > "$dir/glance.conf"
    printf '[placement_database]\nconnection = %s/tpl_placement\n' "$url" > "$dir/placement.conf"
    printf '[database]\nconnection = %s/tpl_neutron\n' "$url" > "$dir/neutron.conf"

    # Python start-up and the migrations take 5-15 s each: run them side by side.
    local pids=() names=(nova cinder glance placement neutron)
    (nova-manage --config-file "$dir/nova.conf" api_db sync && nova-manage --config-file "$dir/nova.conf" db sync) > "$dir/nova.log" 2>&1 &
    pids+=($!)
    cinder-manage --config-file "$dir/cinder.conf" db sync > "$dir/cinder.log" 2>&1 &
    pids+=($!)
    glance-manage --config-file "$dir/glance.conf" db_sync > "$dir/glance.log" 2>&1 &
    pids+=($!)
    placement-manage --config-file "$dir/placement.conf" db sync > "$dir/placement.log" 2>&1 &
    pids+=($!)
    # Neutron's schema: every branch of its alembic history, as a deployment's upgrade does.
    neutron-db-manage --config-file "$dir/neutron.conf" upgrade heads > "$dir/neutron.log" 2>&1 &
    pids+=($!)
    local i failed=0
    for i in "${!pids[@]}"; do
        wait "${pids[$i]}" || { echo "openstackdbs: ${names[$i]}'s db sync failed:" >&2; tail -n 20 "$dir/${names[$i]}.log" >&2; failed=1; }
    done
    [ $failed -eq 0 ] || return 1

    local db
    for db in nova_api nova cinder glance placement neutron; do
        mariadb-dump --defaults-file="$STACKFSCK_MYSQL_ADMIN_CNF" --skip-comments --skip-dump-date "tpl_$db" > "$dir/$db.sql"
    done
    export STACKFSCK_OPENSTACK_DUMPS="$dir" STACKFSCK_OPENSTACK_DB_URL="$url"
}

# The databases live in mariadb.sh's data folder, which goes with it.
openstackdbs_stop() { :; }
