# StatsD (the npm package statsd 0.9.0, Etsy's daemon) on 127.0.0.1: UDP metrics on port PORT_BASE+20,
# the management console (TCP, commands such as `counters`) on PORT_BASE+21. No backend and an
# hour-long flush interval, so counters only add up during a test run. npm installs the package
# once into STACKFSCK_NPM_CACHE (default /var/cache/stackfsck), outside the repository.
# Exports STACKFSCK_STATSD_PORT and STACKFSCK_STATSD_ADMIN_PORT; and a Graphite behind a second
# statsd (below).
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
    graphite_start "$package"
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
    graphite_stop
    [ -f "$dir/statsd.pid" ] || return 0
    kill "$(cat "$dir/statsd.pid")" 2> /dev/null || true
}

# Graphite behind StatsD: carbon-cache (Debian's graphite-carbon) with its whisper files in the state
# folder, line receiver on PORT_BASE+24 (pickle +25, cache query +26), all on 127.0.0.1, and a second
# statsd from the same package whose graphite backend flushes to it every second (UDP on PORT_BASE+22,
# console on +23): the daemon above keeps its counters for the console, this one sends them on.
# Exports STACKFSCK_GRAPHITE_STATSD_PORT and STACKFSCK_WHISPER_DIR (stats_counts/NAME/PARTS.wsp per counter).
command -v carbon-cache > /dev/null || SERVICE_PACKAGES+=(graphite-carbon)

graphite_start() {
    local package="$1" dir="$STATE_DIR/carbon" line=$((PORT_BASE + 24)) statsd_port=$((PORT_BASE + 22)) admin_port=$((PORT_BASE + 23))
    mkdir -p "$dir/storage/whisper" "$dir/log"
    cat > "$dir/carbon.conf" <<CONF
[cache]
STORAGE_DIR = $dir/storage/
LOCAL_DATA_DIR = $dir/storage/whisper/
WHITELISTS_DIR = $dir/storage/lists/
CONF_DIR = $dir/
LOG_DIR = $dir/log/
PID_DIR = $dir/
DATABASE = whisper
USER =
MAX_CACHE_SIZE = inf
MAX_UPDATES_PER_SECOND = inf
MAX_CREATES_PER_MINUTE = inf
LINE_RECEIVER_INTERFACE = 127.0.0.1
LINE_RECEIVER_PORT = $line
ENABLE_UDP_LISTENER = False
PICKLE_RECEIVER_INTERFACE = 127.0.0.1
PICKLE_RECEIVER_PORT = $((PORT_BASE + 25))
CACHE_QUERY_INTERFACE = 127.0.0.1
CACHE_QUERY_PORT = $((PORT_BASE + 26))
LOG_CREATES = True
WHISPER_AUTOFLUSH = True
CARBON_METRIC_INTERVAL = 0
CONF
    # One point a second for an hour: statsd flushes every second.
    printf '[default]\npattern = .*\nretentions = 1s:1h\n' > "$dir/storage-schemas.conf"
    carbon-cache --config="$dir/carbon.conf" --pidfile="$dir/carbon-cache.pid" --logdir="$dir/log" start > "$dir/start.log" 2>&1 ||
        { cat "$dir/start.log" "$dir"/log/*; return 1; }
    wait_for "carbon-cache" 30 tcp_open "$line"
    cat > "$dir/statsd.js" <<CONF
{ address: "127.0.0.1", port: $statsd_port, mgmt_address: "127.0.0.1", mgmt_port: $admin_port,
  backends: ["./backends/graphite"], graphiteHost: "127.0.0.1", graphitePort: $line, flushInterval: 1000 }
CONF
    setsid node "$package/node_modules/statsd/stats.js" "$dir/statsd.js" > "$dir/statsd.log" 2>&1 &
    echo $! > "$dir/statsd.pid"
    wait_for "StatsD for Graphite" 30 statsd_health "$admin_port"
    export STACKFSCK_GRAPHITE_STATSD_PORT=$statsd_port STACKFSCK_WHISPER_DIR="$dir/storage/whisper"
}

# tcp_open PORT: something accepts connections on 127.0.0.1:PORT.
tcp_open() {
    exec 3<> "/dev/tcp/127.0.0.1/$1" || return 1
    exec 3>&-
}

graphite_stop() {
    local dir="$STATE_DIR/carbon" file
    for file in "$dir/statsd.pid" "$dir/carbon-cache.pid"; do
        [ -f "$file" ] && kill "$(cat "$file")" 2> /dev/null || true
    done
}
