# Sourced by bench/zombies_hypervisor.sh and bench/orphans_cloud.sh: a private MariaDB on loopback
# (tests/services/mariadb.sh), the checks built into DIST, the real Zed schemas, and timing helpers.
# Sets ROOT, DIST, STATE_DIR, ADMIN (mysql client as root) and LOGIN (an option file for the checks).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source tests/lib.sh
PORT_BASE="${STACKFSCK_PORT_BASE:-26300}"
STATE_DIR="$(mktemp -d /tmp/stackfsck-bench.XXXXXX)"
DIST="${DIST:-$ROOT/dist}"
FIXTURES="$ROOT/../shared/fixtures/openstack-schema-zed"
SERVICE_PACKAGES=()
source tests/services/mariadb.sh
source tests/services/libvirt.sh
trap 'mariadb_stop; rm -rf "$STATE_DIR"' EXIT

for package in "${SERVICE_PACKAGES[@]}" time; do
    dpkg-query -W -f='${Status}' "$package" 2> /dev/null | grep -q "ok installed" ||
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$package" > /dev/null
done
make --no-print-directory dist DIST="$DIST" ${ARTIFACTS:+ARTIFACTS="$ARTIFACTS"} CHECKS="check_nova_zombies check_openstack_orphans"
mariadb_start
ADMIN=(mysql --defaults-file="$STACKFSCK_MYSQL_ADMIN_CNF")
LOGIN="$STACKFSCK_MYSQL_ADMIN_CNF"

# load DATABASE FIXTURE: a database created from a real Zed schema.
load() {
    "${ADMIN[@]}" -e "CREATE DATABASE $1"
    "${ADMIN[@]}" "$1" < "$FIXTURES/$2.sql"
}

# uuid_of SQL-EXPRESSION: the deterministic instance uuid of a sequence number, as SQL.
uuid_of() { echo "CONCAT(LPAD(HEX($1), 8, '0'), '-0000-4000-8000-000000000000')"; }

# alternate RUNS COMMAND...: each command's median wall seconds, one per line, the commands run in turn (bench/lib/alternate.py).
alternate() { python3 bench/lib/alternate.py "$@" | cut -d' ' -f1; }

# peak_rss COMMAND...: the command's peak resident memory in MiB (whatever its exit code).
peak_rss() {
    /usr/bin/time -f %M -o "$STATE_DIR/rss" "$@" > /dev/null || true
    echo $(($(tail -1 "$STATE_DIR/rss") / 1024))
}

ratio() { python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.2f}')" "$1" "$2"; }
ms() { python3 -c "import sys; print(f'{float(sys.argv[1]) * 1000:.1f} ms')" "$1"; }
sum() { python3 -c "import sys; print(sum(map(float, sys.argv[1:])))" "$@"; }
