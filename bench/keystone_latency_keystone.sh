#!/usr/bin/env bash
# Starts the test tier's real Keystone (tests/services/keystone.sh: Debian's package, Zed, under uWSGI
# with --http-socket as Debian's keystone-uwsgi.ini runs it, its database in a private MariaDB of
# tests/services/mariadb.sh) for the latency benchmark and the README example, all under one folder.
#
#   bench/keystone_latency_keystone.sh start DIR PORT_BASE   Keystone on 127.0.0.1:PORT_BASE+5, MariaDB on +10;
#                                                             DIR/env holds the STACKFSCK_KEYSTONE_* settings to source
#   bench/keystone_latency_keystone.sh stop DIR PORT_BASE
#
# Installs what is missing (keystone, mariadb-server, uwsgi...), with policy-rc.d keeping their own system services stopped.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
action="$1" STATE_DIR="$2" PORT_BASE="$3"
SERVICE_PACKAGES=()
# shellcheck source=tests/lib.sh
source "$ROOT/tests/lib.sh"
# shellcheck source=tests/services/mariadb.sh
source "$ROOT/tests/services/mariadb.sh"
# shellcheck source=tests/services/keystone.sh
source "$ROOT/tests/services/keystone.sh"

start() {
    install_missing "${SERVICE_PACKAGES[@]}"
    mkdir -p "$STATE_DIR"
    mariadb_start
    keystone_start
    export -p | grep ' STACKFSCK_' > "$STATE_DIR/env"
    chmod 600 "$STATE_DIR/env"
}

case "$action" in
    start) start ;;
    stop) keystone_stop; mariadb_stop ;;
    *) echo "usage: $0 start DIR PORT_BASE | stop DIR PORT_BASE" >&2; exit 2 ;;
esac
