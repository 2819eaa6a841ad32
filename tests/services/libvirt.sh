# libvirt for check_nova_hypervisor: the library (libvirt0) the check binds to, and virsh (libvirt-clients) for the
# benchmarks. No daemon: the tests use libvirt's built-in test driver (test:///ABSOLUTE/PATH/node.xml), so start
# and stop have nothing to do.
SERVICE_PACKAGES+=(libvirt0 libvirt-clients)

libvirt_start() { :; }

libvirt_stop() { :; }
