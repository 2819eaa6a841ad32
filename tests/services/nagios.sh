# nagios4 for `nagios4 -v` (the pre-flight check of rendered configuration); no daemon runs.
# Exports STACKFSCK_NAGIOS: the nagios4 binary the confgen tests validate every rendered server with.
SERVICE_PACKAGES+=(nagios4-core)

nagios_start() {
    export STACKFSCK_NAGIOS=/usr/sbin/nagios4
}

nagios_stop() {
    return 0
}
