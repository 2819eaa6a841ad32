# MariaDB 10.11 on 127.0.0.1 (port PORT_BASE+10) and a unix socket, in private data and temporary directories, tuned for
# tests (no binlog, lazy flush). Exports STACKFSCK_MYSQL_HOST, _PORT, _SOCKET and
# STACKFSCK_MYSQL_ADMIN_CNF: an option file ([client] section) holding the root login, which
# tests use to create databases, load the fixture schemas and create users.
SERVICE_PACKAGES+=(mariadb-server mariadb-client libmariadb3)

mariadb_start() {
    local dir="$STATE_DIR/mariadb" port=$((PORT_BASE + 10))
    # Its own tmpdir: in the shared /tmp the temporary tables of long statements vanished mid-statement
    # ("Error on delete of '/tmp/#sql-temptable-...MAI'"), ending 10x benchmark runs UNKNOWN.
    mkdir -p "$dir/tmp"
    mariadb-install-db --no-defaults --datadir="$dir/data" --user=root \
        --auth-root-authentication-method=normal > "$dir/install.log" 2>&1 ||
        { cat "$dir/install.log"; return 1; }
    setsid mariadbd --no-defaults --datadir="$dir/data" --socket="$dir/mysqld.sock" --port=$port \
        --bind-address=127.0.0.1 --user=root --pid-file="$dir/mariadb.pid" --tmpdir="$dir/tmp" --skip-log-bin \
        --innodb-flush-log-at-trx-commit=0 --innodb-buffer-pool-size=256M --max-connections=500 \
        --log-error="$dir/error.log" > /dev/null 2>&1 &
    echo $! > "$dir/launcher.pid"
    wait_for "MariaDB" 60 mariadb-admin --no-defaults --socket="$dir/mysqld.sock" -uroot ping
    mariadb --no-defaults --socket="$dir/mysqld.sock" -uroot \
        -e "ALTER USER root@localhost IDENTIFIED BY 'stackfsck-test-root'; CREATE OR REPLACE USER root@'127.0.0.1' IDENTIFIED BY 'stackfsck-test-root'; GRANT ALL ON *.* TO root@'127.0.0.1' WITH GRANT OPTION;"
    printf '[client]\nhost=127.0.0.1\nport=%s\nuser=root\npassword=stackfsck-test-root\n' $port > "$dir/admin.cnf"
    chmod 600 "$dir/admin.cnf"
    export STACKFSCK_MYSQL_HOST=127.0.0.1 STACKFSCK_MYSQL_PORT=$port STACKFSCK_MYSQL_SOCKET="$dir/mysqld.sock" \
        STACKFSCK_MYSQL_ADMIN_CNF="$dir/admin.cnf"
}

mariadb_stop() {
    local dir="$STATE_DIR/mariadb"
    [ -f "$dir/launcher.pid" ] || return 0
    kill "$(cat "$dir/launcher.pid")" 2> /dev/null || true
    for _ in $(seq 40); do kill -0 "$(cat "$dir/launcher.pid")" 2> /dev/null || return 0; sleep 0.25; done
}
