# Sourced by the database benchmarks (through bench/db_common.sh and bench/zombies_common.sh):
# a private MariaDB on loopback (tests/services/mariadb.sh), the checks in BENCH_CHECKS built
# into DIST, the real Zed schemas, and the timing helpers. The caller sets BENCH_CHECKS and may
# set BENCH_SERVICES (more tests/services scripts), BENCH_PACKAGES and BENCH_PORT_BASE.
# Sets ROOT, DIST, STATE_DIR, FIXTURES, ADMIN (the client as root) and LOGIN (an option file for the checks).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
source tests/lib.sh
PORT_BASE="${STACKFSCK_PORT_BASE:-${BENCH_PORT_BASE:-26400}}"
STATE_DIR="$(mktemp -d /tmp/stackfsck-bench.XXXXXX)"
DIST="${DIST:-$ROOT/dist}"
FIXTURES="$ROOT/../shared/fixtures/openstack-schema-zed"
SERVICE_PACKAGES=()
for service in mariadb "${BENCH_SERVICES[@]}"; do
    source "tests/services/$service.sh"
done
trap 'mariadb_stop; rm -rf "$STATE_DIR"' EXIT

install_missing "${SERVICE_PACKAGES[@]}" time "${BENCH_PACKAGES[@]}"
make --no-print-directory dist DIST="$DIST" ${ARTIFACTS:+ARTIFACTS="$ARTIFACTS"} EXECUTABLES="$BENCH_CHECKS"
mariadb_start
ADMIN=(mariadb --defaults-file="$STACKFSCK_MYSQL_ADMIN_CNF")
LOGIN="$STACKFSCK_MYSQL_ADMIN_CNF"

# load DATABASE FIXTURE: a database created from a real Zed schema.
load() {
    "${ADMIN[@]}" -e "CREATE DATABASE $1"
    "${ADMIN[@]}" "$1" < "$FIXTURES/$2.sql"
}

# BULK: how a seeding statement list starts (end it with COMMIT). A table filled by one INSERT ... SELECT
# while still empty, in one transaction, without unique and foreign key checks, has each of its indexes
# sorted and built in bulk, not grown row by row past the buffer pool (5,000,000 ports: over 30 minutes).
BULK="SET foreign_key_checks = 0, unique_checks = 0; START TRANSACTION;"

# uuid_of SQL-EXPRESSION: the deterministic instance uuid of a sequence number, as SQL.
uuid_of() { echo "CONCAT(LPAD(HEX($1), 8, '0'), '-0000-4000-8000-000000000000')"; }

# alternate RUNS COMMAND...: each command's median wall seconds, one per line, the commands run in turn.
alternate() { python3 bench/lib/alternate.py "$@" | cut -d' ' -f1; }

# peak_rss COMMAND...: the command's peak resident memory in MiB (whatever its exit code).
peak_rss() {
    /usr/bin/time -f %M -o "$STATE_DIR/rss" "$@" > /dev/null || true
    python3 -c "import sys; print(f'{int(sys.argv[1]) / 1024:.1f}')" "$(tail -1 "$STATE_DIR/rss")"
}

ratio() { python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.2f}')" "$1" "$2"; }
ms() { python3 -c "import sys; print(f'{float(sys.argv[1]) * 1000:.1f} ms')" "$1"; }

# statements CHECK ARGS...: the SQL statements a check runs, as it logs them at -vvv ("sql: ..." lines).
statements() { "$DIST/$1" "${@:2}" -vvv 2>&1 > /dev/null | sed -n 's/^sql: \(.*\)$/\1;/p'; }

# statements_in_databases CHECK ARGS...: the same, each database's statements after a "USE DATABASE;"
# (from the check's "connected to NAME (DATABASE on SERVER)" lines): a client can run them in one process.
statements_in_databases() {
    # A check that finds something exits 1 or 2: under pipefail that is not a failure of this listing.
    { "$DIST/$1" "${@:2}" -vvv || true; } 2>&1 > /dev/null | sed -n -e 's/^connected to .* (\([^ ]*\) on .*)$/USE \1;/p' -e 's/^sql: \(.*\)$/\1;/p'
}

# against_client ROUNDS CHECK ARGS...: the check (from DIST) against the mariadb client running the
# check's own statements, each in its database, in one process: median walls, their ratio, the
# check's peak memory (the issue's targets: 1.3x, 80 MiB).
against_client() {
    local rounds=$1 check=("$DIST/$2" "${@:3}") wall
    "${check[@]}" | head -1 || true
    statements_in_databases "${@:2}" > "$STATE_DIR/same.sql"
    echo "the client runs $(grep -vc '^USE ' "$STATE_DIR/same.sql") statements in $(grep -c '^USE ' "$STATE_DIR/same.sql") databases"
    echo "== median wall of $rounds rounds: the check vs the mariadb client on the same statements"
    mapfile -t wall < <(alternate "$rounds" "${check[*]}" "mariadb --defaults-file=$LOGIN -N -B -e 'source $STATE_DIR/same.sql'")
    echo "check $(ms "${wall[0]}"), mariadb $(ms "${wall[1]}"): ratio $(ratio "${wall[0]}" "${wall[1]}") (target <= 1.3)"
    echo "peak RSS of the check: $(peak_rss "${check[@]}") MiB (target <= 80 MiB)"
}
