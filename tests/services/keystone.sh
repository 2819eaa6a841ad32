# Keystone (Debian's `keystone` package, Zed) on 127.0.0.1 port PORT_BASE+5, served the way Debian's
# /etc/keystone/keystone-uwsgi.ini serves it: uWSGI with `--http-socket` (which closes the connection after
# each answer), the python3 plugin, a master, lazy apps, several processes and threads, Debian's buffer size
# and its removal of Content-Length from answers. Its private keystone.conf, fernet and credential keys and
# logs live under STATE_DIR/keystone; its database `keystone` lives in the MariaDB of mariadb.sh, which
# must start first (tests/run starts mariadb before every other server).
#
# The [security_compliance] (PCI-DSS) options are set to small values, exported for the tests:
#   STACKFSCK_KEYSTONE_LOCKOUT_FAILURE_ATTEMPTS, STACKFSCK_KEYSTONE_LOCKOUT_DURATION (seconds),
#   STACKFSCK_KEYSTONE_PASSWORD_EXPIRES_DAYS, STACKFSCK_KEYSTONE_INACTIVE_DAYS
# Also exported: STACKFSCK_KEYSTONE_URL (http://127.0.0.1:PORT/v3), STACKFSCK_KEYSTONE_ADMIN_USER,
# _ADMIN_PASSWORD, _ADMIN_PROJECT (domain Default, role admin, region RegionOne; the admin user has
# ignore_lockout_failure_attempts and ignore_password_expiry set, as operators do for service accounts, so a
# test's wrong password never locks the whole tier out), STACKFSCK_KEYSTONE_DATABASE (keystone),
# STACKFSCK_KEYSTONE_DB_CNF (an option file, [client] and [stackfsck] groups, of a user with SELECT only on
# it) and STACKFSCK_KEYSTONE_CONF (the keystone.conf, for keystone-manage).
# faketime: the token-latency tests move the checker's clock against this Keystone's.
SERVICE_PACKAGES+=(keystone python3-pymysql uwsgi uwsgi-plugin-python3 curl faketime)

KEYSTONE_LOCKOUT_FAILURE_ATTEMPTS=3
KEYSTONE_LOCKOUT_DURATION=600
KEYSTONE_PASSWORD_EXPIRES_DAYS=7
KEYSTONE_INACTIVE_DAYS=10

keystone_start() {
    local dir="$STATE_DIR/keystone" port=$((PORT_BASE + 5))
    [ -n "${STACKFSCK_MYSQL_ADMIN_CNF:-}" ] ||
        { echo "keystone keeps its database in MariaDB: start mariadb too (STACKFSCK_SERVICES=\"mariadb keystone\")" >&2; return 1; }
    mkdir -p "$dir"
    keystone_database "$dir"
    keystone_config "$dir" "$port"
    keystone_bootstrap "$dir" "$port"
    wait_for "Keystone" 60 curl -sf "http://127.0.0.1:$port/v3" -o /dev/null ||
        { tail -20 "$dir/uwsgi.log" >&2; return 1; }
    keystone_exempt_admin "http://127.0.0.1:$port/v3"
    export STACKFSCK_KEYSTONE_URL="http://127.0.0.1:$port/v3" STACKFSCK_KEYSTONE_ADMIN_USER=admin \
        STACKFSCK_KEYSTONE_ADMIN_PASSWORD="$(cat "$dir/admin.password")" STACKFSCK_KEYSTONE_ADMIN_PROJECT=admin \
        STACKFSCK_KEYSTONE_DATABASE=keystone STACKFSCK_KEYSTONE_DB_CNF="$dir/reader.cnf" \
        STACKFSCK_KEYSTONE_CONF="$dir/keystone.conf" \
        STACKFSCK_KEYSTONE_LOCKOUT_FAILURE_ATTEMPTS=$KEYSTONE_LOCKOUT_FAILURE_ATTEMPTS \
        STACKFSCK_KEYSTONE_LOCKOUT_DURATION=$KEYSTONE_LOCKOUT_DURATION \
        STACKFSCK_KEYSTONE_PASSWORD_EXPIRES_DAYS=$KEYSTONE_PASSWORD_EXPIRES_DAYS \
        STACKFSCK_KEYSTONE_INACTIVE_DAYS=$KEYSTONE_INACTIVE_DAYS
}

# keystone_database DIR: the database `keystone` with Keystone's own login, and a SELECT-only reader for the checks.
keystone_database() {
    local dir="$1"
    head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$dir/db.password"
    head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$dir/admin.password"
    head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$dir/reader.password"
    chmod 600 "$dir"/*.password
    mariadb --defaults-file="$STACKFSCK_MYSQL_ADMIN_CNF" -e "
        SET foreign_key_checks = 0;
        CREATE OR REPLACE DATABASE keystone;
        CREATE OR REPLACE USER keystone@'127.0.0.1' IDENTIFIED BY '$(cat "$dir/db.password")';
        GRANT ALL ON keystone.* TO keystone@'127.0.0.1';
        CREATE OR REPLACE USER keystone_reader@'127.0.0.1' IDENTIFIED BY '$(cat "$dir/reader.password")';
        CREATE OR REPLACE USER keystone_reader@localhost IDENTIFIED BY '$(cat "$dir/reader.password")';
        GRANT SELECT ON keystone.* TO keystone_reader@'127.0.0.1';
        GRANT SELECT ON keystone.* TO keystone_reader@localhost;"
    printf '[client]\nhost=127.0.0.1\nport=%s\nuser=keystone_reader\npassword=%s\n\n[stackfsck]\ndatabase=keystone\n' \
        "$STACKFSCK_MYSQL_PORT" "$(cat "$dir/reader.password")" > "$dir/reader.cnf"
    chmod 600 "$dir/reader.cnf"
}

keystone_config() {
    local dir="$1" port="$2"
    cat > "$dir/keystone.conf" <<CONF
[DEFAULT]
log_file = $dir/keystone.log
[database]
connection = mysql+pymysql://keystone:$(cat "$dir/db.password")@127.0.0.1:$STACKFSCK_MYSQL_PORT/keystone
[token]
provider = fernet
[fernet_tokens]
key_repository = $dir/fernet-keys
[fernet_receipts]
key_repository = $dir/fernet-receipts
[credential]
key_repository = $dir/credential-keys
[security_compliance]
lockout_failure_attempts = $KEYSTONE_LOCKOUT_FAILURE_ATTEMPTS
lockout_duration = $KEYSTONE_LOCKOUT_DURATION
password_expires_days = $KEYSTONE_PASSWORD_EXPIRES_DAYS
disable_user_account_days_inactive = $KEYSTONE_INACTIVE_DAYS
CONF
    chmod 600 "$dir/keystone.conf"
}

# keystone_bootstrap DIR PORT: schema, keys, admin user, project, region and the public endpoint, as an
# installer does. Each keystone-manage spends seconds importing Keystone: those that do not need each other
# run at once, and uWSGI starts beside the bootstrap (its workers need the keys, not the admin user).
keystone_bootstrap() {
    local dir="$1" port="$2" pids=() pid
    # keystone-manage prints harmless eventlet tracebacks at exit: keep its output in logs.
    local manage=(keystone-manage --config-file "$dir/keystone.conf")
    "${manage[@]}" db_sync > "$dir/manage-db_sync.log" 2>&1 & pids+=($!)
    "${manage[@]}" fernet_setup --keystone-user root --keystone-group root > "$dir/manage-fernet.log" 2>&1 & pids+=($!)
    "${manage[@]}" credential_setup --keystone-user root --keystone-group root > "$dir/manage-credential.log" 2>&1 & pids+=($!)
    for pid in "${pids[@]}"; do wait "$pid" || { cat "$dir"/manage-*.log >&2; return 1; }; done
    keystone_serve "$dir" "$port"
    "${manage[@]}" bootstrap --bootstrap-password "$(cat "$dir/admin.password")" \
        --bootstrap-username admin --bootstrap-project-name admin --bootstrap-role-name admin \
        --bootstrap-region-id RegionOne --bootstrap-public-url "http://127.0.0.1:$port/v3" \
        > "$dir/manage-bootstrap.log" 2>&1 || { cat "$dir/manage-bootstrap.log" >&2; return 1; }
}

# keystone_serve DIR PORT: uWSGI as Debian's keystone-uwsgi.ini runs it, with fewer processes and threads
# (2 x 4 instead of 8 x 32: a shared test machine) and no apparmor profile, uid or chdir of the packaged service.
keystone_serve() {
    local dir="$1" port="$2"
    OS_KEYSTONE_CONFIG_FILES="$dir/keystone.conf" setsid uwsgi --plugin python3 --http-socket "127.0.0.1:$port" \
        --wsgi-file /usr/bin/keystone-wsgi-public --master --processes 2 --threads 4 \
        --buffer-size 65535 --rem-header Content-Length --thunder-lock --lazy-apps --enable-threads \
        --die-on-term --no-orphans --listen 100 \
        --logto "$dir/uwsgi.log" --pidfile "$dir/uwsgi.pid" > /dev/null 2>&1 &
    echo $! > "$dir/launcher.pid"
}

# keystone_exempt_admin URL: sets the admin user's ignore_lockout_failure_attempts and ignore_password_expiry.
keystone_exempt_admin() {
    local url="$1" password token user_id
    password="$(cat "$STATE_DIR/keystone/admin.password")"
    token="$(curl -sf -D - -o /dev/null -H 'Content-Type: application/json' "$url/auth/tokens" -d "{\"auth\": {
        \"identity\": {\"methods\": [\"password\"], \"password\": {\"user\": {\"name\": \"admin\",
        \"domain\": {\"id\": \"default\"}, \"password\": \"$password\"}}},
        \"scope\": {\"project\": {\"name\": \"admin\", \"domain\": {\"id\": \"default\"}}}}}" |
        awk 'tolower($1) == "x-subject-token:" { print $2 }' | tr -d '\r')"
    [ -n "$token" ] || { echo "Keystone issued no token to admin; see $STATE_DIR/keystone/keystone.log" >&2; return 1; }
    user_id="$(curl -sf -H "X-Auth-Token: $token" "$url/users?name=admin" | /usr/bin/python3 -c 'import json, sys; print(json.load(sys.stdin)["users"][0]["id"])')"
    curl -sf -X PATCH -H "X-Auth-Token: $token" -H 'Content-Type: application/json' "$url/users/$user_id" \
        -d '{"user": {"options": {"ignore_lockout_failure_attempts": true, "ignore_password_expiry": true}}}' -o /dev/null
}

keystone_stop() {
    local dir="$STATE_DIR/keystone"
    [ -f "$dir/launcher.pid" ] || return 0
    kill "$(cat "$dir/launcher.pid")" 2> /dev/null || true
    for _ in $(seq 40); do kill -0 "$(cat "$dir/launcher.pid")" 2> /dev/null || return 0; sleep 0.25; done
}
