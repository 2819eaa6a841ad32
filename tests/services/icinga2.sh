# Icinga 2 (Debian icinga2-bin 2.13) for `icinga2 daemon -C` on rendered trees and for private daemons; no daemon
# runs here. Nothing under /etc/icinga2 or /var/*/icinga2 is used: this prepares a private configuration folder,
# Debian's stock icinga2.conf (its `include_recursive "conf.d"` commented out, as Icinga's distributed monitoring
# docs advise for config sync: a rendered tree stands alone), constants.conf, zones.conf (one node; a rendered
# tree brings its own), features-available, features-enabled and scripts, which each test copies into a prefix
# of its own (tests/TestSupport/Icinga2Prefix.cs). faketime lets a test daemon reach its hourly compat log
# rotation within seconds. Exports STACKFSCK_ICINGA2 (the binary), STACKFSCK_ICINGA2_ETC (the pristine configuration
# folder), STACKFSCK_ICINGA2_API_PORT (PORT_BASE+30: where a test daemon's api feature listens, on 127.0.0.1) and
# STACKFSCK_ICINGA2_SATELLITE_API_PORT (PORT_BASE+31: a second daemon's, the satellite of a master/satellite test).
SERVICE_PACKAGES+=(icinga2-bin icinga2-common monitoring-plugins-basic faketime)

icinga2_start() {
    local etc="$STATE_DIR/icinga2/etc"
    mkdir -p "$etc"
    cp -r /etc/icinga2/icinga2.conf /etc/icinga2/constants.conf /etc/icinga2/zones.conf /etc/icinga2/features-available \
        /etc/icinga2/features-enabled /etc/icinga2/scripts "$etc/"
    sed -i 's|^include_recursive "conf.d"|// include_recursive "conf.d"|' "$etc/icinga2.conf"
    grep -q '^// include_recursive "conf.d"' "$etc/icinga2.conf" || { echo "icinga2.sh: no include_recursive \"conf.d\" in the stock icinga2.conf" >&2; return 1; }
    # The wrapper /usr/sbin/icinga2 is a shell script; the daemon is this binary (its pid is the daemon's).
    export STACKFSCK_ICINGA2=/usr/lib/x86_64-linux-gnu/icinga2/sbin/icinga2 STACKFSCK_ICINGA2_ETC="$etc" \
        STACKFSCK_ICINGA2_API_PORT=$((PORT_BASE + 30)) STACKFSCK_ICINGA2_SATELLITE_API_PORT=$((PORT_BASE + 31))
}

icinga2_stop() {
    return 0
}
