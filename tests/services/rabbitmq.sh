# RabbitMQ 3.10 with the management plugin, on 127.0.0.1 only (ports PORT_BASE+0..3), in a private data directory.
# Exports STACKFSCK_RABBITMQ_API (management URL, user guest/guest) and STACKFSCK_RABBITMQ_AMQP_PORT, and
# STACKFSCK_RABBITMQ_PROMETHEUS: the Prometheus plugin's HTTP listener, a RabbitMQ web port without the
# management API (what a check meets on a broker whose management plugin is disabled: 404 on /api).
SERVICE_PACKAGES+=(rabbitmq-server curl)

rabbitmq_start() {
    local dir="$STATE_DIR/rabbitmq" api_port=$((PORT_BASE + 2)) amqp_port=$((PORT_BASE + 1)) prometheus_port=$((PORT_BASE + 3))
    mkdir -p "$dir/mnesia" "$dir/log"
    # epmd outlives the node; remember whether this run started it, to end only what we started.
    pgrep -x epmd > /dev/null || touch "$dir/own-epmd"
    echo '[rabbitmq_management,rabbitmq_prometheus].' > "$dir/enabled_plugins"
    cat > "$dir/rabbitmq.conf" <<CONF
listeners.tcp.1 = 127.0.0.1:$amqp_port
management.tcp.ip = 127.0.0.1
management.tcp.port = $api_port
prometheus.tcp.ip = 127.0.0.1
prometheus.tcp.port = $prometheus_port
collect_statistics_interval = 500
CONF
    # The node's distribution port is fixed and bound to loopback too, like epmd.
    (
        # A node that fails to boot writes erl_crash.dump: into its own folder, not the checkout.
        export ERL_CRASH_DUMP="$dir/log/erl_crash.dump" HOME="$dir" RABBITMQ_NODENAME="stackfsck$PORT_BASE@localhost" ERL_EPMD_ADDRESS=127.0.0.1 \
            RABBITMQ_MNESIA_BASE="$dir/mnesia" RABBITMQ_LOG_BASE="$dir/log" \
            RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins" RABBITMQ_CONFIG_FILE="$dir/rabbitmq" \
            RABBITMQ_PID_FILE="$dir/pid" RABBITMQ_DIST_PORT=$PORT_BASE \
            RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
        setsid /usr/lib/rabbitmq/bin/rabbitmq-server > "$dir/log/stdout.log" 2>&1 &
        echo $! > "$dir/launcher.pid"
    )
    wait_for "RabbitMQ management API" 120 curl -sf -u guest:guest "http://127.0.0.1:$api_port/api/overview" -o /dev/null
    export STACKFSCK_RABBITMQ_API="http://127.0.0.1:$api_port" STACKFSCK_RABBITMQ_AMQP_PORT=$amqp_port \
        STACKFSCK_RABBITMQ_PROMETHEUS="http://127.0.0.1:$prometheus_port"
}

rabbitmq_stop() {
    local dir="$STATE_DIR/rabbitmq"
    [ -f "$dir/launcher.pid" ] || return 0
    HOME="$dir" /usr/lib/rabbitmq/bin/rabbitmqctl -n "stackfsck$PORT_BASE@localhost" stop > /dev/null 2>&1 ||
        kill -- -"$(cat "$dir/launcher.pid")" 2> /dev/null || true
    [ -f "$dir/own-epmd" ] && epmd -kill > /dev/null 2>&1 || true
}
