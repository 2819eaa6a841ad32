# The Debian package's tools: debhelper and help2man build it (`make deb`), lintian judges it.
# nagios4-core brings the user the cron line runs stackfsck-alerts as. Nothing to start.
SERVICE_PACKAGES+=(debhelper help2man lintian nagios4-core)

package_start() { :; }

package_stop() { :; }
