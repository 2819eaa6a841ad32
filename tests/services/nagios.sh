# nagios4 for `nagios4 -v` (the pre-flight check of rendered configuration); no daemon runs.
# Exports STACKFSCK_NAGIOS: the nagios4 binary the confgen tests validate every rendered server with.
# The end-to-end test runs the daemon itself, with the monitoring-plugins the templates use (check_tcp, check_ssh, check_ping).
SERVICE_PACKAGES+=(nagios4-core monitoring-plugins-basic iputils-ping)

nagios_start() {
    export STACKFSCK_NAGIOS=/usr/sbin/nagios4
}

nagios_stop() {
    return 0
}
