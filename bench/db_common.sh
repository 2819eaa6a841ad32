# Sourced by bench/db_*.sh: bench/lib/mariadb.sh with the database checks, plus statements().
BENCH_CHECKS="check_keystone_revocations check_openstack_db_bloat"
BENCH_PACKAGES=(monitoring-plugins-standard)
BENCH_PORT_BASE=26400
source "$(dirname "${BASH_SOURCE[0]}")/lib/mariadb.sh"

# statements CHECK ARGS...: the SQL statements a check runs, as it logs them at -vvv ("sql: ..." lines).
statements() { "$DIST/$1" "${@:2}" -vvv 2>&1 > /dev/null | sed -n 's/^sql: \(.*\)$/\1;/p'; }
