# stackfsck-alerts: the alerts Nagios logged in the last minute, counted and sent to StatsD
# (see stackfsck-alerts(1)). Set the inventory (the configuration repository's environments/),
# the log and StatsD, then uncomment the line. With logrotate's copytruncate and olddir, add
# --olddir DIR; for Icinga 2, give --log /var/log/icinga2/compat/icinga.log.
#* * * * * nagios /usr/bin/stackfsck-alerts send -i /etc/nagios4/stackfsck/environments --log /var/log/nagios4/nagios.log --state /var/lib/nagios4/alerts.state --statsd 127.0.0.1:8125
