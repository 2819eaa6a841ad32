# Sourced by bench/db_*.sh: bench/lib/mariadb.sh with the database checks.
BENCH_CHECKS="check_keystone_revocations check_openstack_db_bloat"
BENCH_PACKAGES=(monitoring-plugins-standard)
BENCH_PORT_BASE=26400
source "$(dirname "${BASH_SOURCE[0]}")/lib/mariadb.sh"

