# Sourced by bench/zombies_hypervisor.sh and bench/orphans_cloud.sh: bench/lib/mariadb.sh with the
# zombie and orphan checks and libvirt, plus sum().
BENCH_CHECKS="check_nova_zombies check_openstack_orphans"
BENCH_SERVICES=(libvirt)
BENCH_PORT_BASE=26300
source "$(dirname "${BASH_SOURCE[0]}")/lib/mariadb.sh"

sum() { python3 -c "import sys; print(sum(map(float, sys.argv[1:])))" "$@"; }
