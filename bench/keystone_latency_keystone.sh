#!/usr/bin/env bash
# Starts a private, real Keystone (Debian package `keystone`, Zed) on 127.0.0.1 for the latency
# benchmark and the README example: SQLite database, fernet tokens, uWSGI, all under one folder.
#
#   bench/keystone_latency_keystone.sh start DIR PORT   prints the uWSGI pid; admin password in DIR/password
#   bench/keystone_latency_keystone.sh stop DIR
#
# Installs the package when missing, with policy-rc.d keeping its own system service stopped.
set -euo pipefail
action="$1" dir="$2"

start() {
    local port="$1"
    if ! dpkg-query -W -f='${Status}' keystone 2> /dev/null | grep -q "ok installed"; then
        printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends keystone > /dev/null
    fi
    mkdir -p "$dir"
    cat > "$dir/keystone.conf" <<CONF
[DEFAULT]
log_file = $dir/keystone.log
[database]
connection = sqlite:///$dir/keystone.db
[token]
provider = fernet
[fernet_tokens]
key_repository = $dir/fernet-keys
[fernet_receipts]
key_repository = $dir/fernet-receipts
[credential]
key_repository = $dir/credential-keys
CONF
    # keystone-manage prints harmless eventlet tracebacks at exit: keep them in a log.
    local manage=(keystone-manage --config-file "$dir/keystone.conf")
    exec 3>&2 2>> "$dir/manage.log"
    [ -f "$dir/password" ] || head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$dir/password"
    chmod 600 "$dir/password"
    if [ ! -f "$dir/keystone.db" ]; then
        "${manage[@]}" db_sync
        "${manage[@]}" fernet_setup --keystone-user root --keystone-group root
        "${manage[@]}" credential_setup --keystone-user root --keystone-group root
        "${manage[@]}" bootstrap --bootstrap-password "$(cat "$dir/password")" \
            --bootstrap-admin-url "http://127.0.0.1:$port/v3" --bootstrap-public-url "http://127.0.0.1:$port/v3" \
            --bootstrap-internal-url "http://127.0.0.1:$port/v3" --bootstrap-region-id RegionOne
    fi
    exec 2>&3 3>&-
    OS_KEYSTONE_CONFIG_FILES="$dir/keystone.conf" setsid uwsgi --plugins python3 --http11-socket "127.0.0.1:$port" \
        --wsgi-file /usr/bin/keystone-wsgi-public --master --processes 2 --threads 4 --lazy-apps --die-on-term \
        --logto "$dir/uwsgi.log" --pidfile "$dir/uwsgi.pid" > /dev/null 2>&1 &
    for _ in $(seq 120); do
        curl -sf "http://127.0.0.1:$port/v3" -o /dev/null && { cat "$dir/uwsgi.pid"; return 0; }
        sleep 0.5
    done
    echo "keystone did not answer on 127.0.0.1:$port; see $dir/uwsgi.log" >&2
    return 1
}

stop() {
    [ -f "$dir/uwsgi.pid" ] && kill "$(cat "$dir/uwsgi.pid")" 2> /dev/null || true
}

case "$action" in
    start) start "$3" ;;
    stop) stop ;;
    *) echo "usage: $0 start DIR PORT | stop DIR" >&2; exit 2 ;;
esac
