# StatsD (the npm package statsd 0.9.0, Etsy's daemon) on 127.0.0.1: UDP metrics on port PORT_BASE+20,
# the management console (TCP, commands such as `counters`) on PORT_BASE+21. No backend and an
# hour-long flush interval, so counters only add up during a test run. npm installs the package
# once into STACKFSCK_NPM_CACHE (default /var/cache/stackfsck), outside the repository.
# Exports STACKFSCK_STATSD_PORT and STACKFSCK_STATSD_ADMIN_PORT.
# Node.js from Debian needs its npm package; a Node.js that brings its own npm (NodeSource) conflicts with it.
command -v node > /dev/null || SERVICE_PACKAGES+=(nodejs)
command -v npm > /dev/null || SERVICE_PACKAGES+=(npm)
# The alert kill tests inject kill -9 at chosen system calls with strace.
command -v strace > /dev/null || SERVICE_PACKAGES+=(strace)

STATSD_VERSION=0.9.0

statsd_start() {
    local dir="$STATE_DIR/statsd" port=$((PORT_BASE + 20)) admin_port=$((PORT_BASE + 21))
    local package="${STACKFSCK_NPM_CACHE:-/var/cache/stackfsck}/statsd-$STATSD_VERSION"
    mkdir -p "$dir" "$package"
    if [ ! -f "$package/node_modules/statsd/stats.js" ]; then
        npm install --prefix "$package" "statsd@$STATSD_VERSION" --no-audit --no-fund --omit=optional > "$dir/npm.log" 2>&1 ||
            { cat "$dir/npm.log"; return 1; }
    fi
    cat > "$dir/config.js" <<CONF
{ address: "127.0.0.1", port: $port, mgmt_address: "127.0.0.1", mgmt_port: $admin_port,
  backends: [], flushInterval: 3600000, deleteIdleStats: false }
CONF
    setsid node "$package/node_modules/statsd/stats.js" "$dir/config.js" > "$dir/statsd.log" 2>&1 &
    echo $! > "$dir/statsd.pid"
    wait_for "StatsD" 30 statsd_health "$admin_port"
    export STACKFSCK_STATSD_PORT=$port STACKFSCK_STATSD_ADMIN_PORT=$admin_port
}

# statsd_health PORT: the management console answers "health: up".
statsd_health() {
    local answer
    exec 3<> "/dev/tcp/127.0.0.1/$1" || return 1
    printf 'health\n' >&3
    read -r -t 2 answer <&3
    exec 3>&-
    [ "$answer" = "health: up" ]
}

statsd_stop() {
    local dir="$STATE_DIR/statsd"
    [ -f "$dir/statsd.pid" ] || return 0
    kill "$(cat "$dir/statsd.pid")" 2> /dev/null || true
}
