# RabbitMQ 3.10 with the management plugin, on 127.0.0.1 only (ports PORT_BASE+0..4), in a private data directory.
# Exports STACKFSCK_RABBITMQ_API (management URL, user guest/guest) and STACKFSCK_RABBITMQ_AMQP_PORT;
# STACKFSCK_RABBITMQ_API_TLS, the same API over https (RabbitMQ's own TLS listener) with a certificate
# for 127.0.0.1 and localhost that STACKFSCK_RABBITMQ_CA (a PEM file) signed; and
# STACKFSCK_RABBITMQ_PROMETHEUS: the Prometheus plugin's HTTP listener, a RabbitMQ web port without the
# management API (what a check meets on a broker whose management plugin is disabled: 404 on /api).
SERVICE_PACKAGES+=(rabbitmq-server curl openssl)

rabbitmq_start() {
    local dir="$STATE_DIR/rabbitmq" api_port=$((PORT_BASE + 2)) amqp_port=$((PORT_BASE + 1)) prometheus_port=$((PORT_BASE + 3))
    local tls_port=$((PORT_BASE + 4))
    mkdir -p "$dir/mnesia" "$dir/log"
    rabbitmq_certificates "$dir/tls"
    # epmd outlives the node; remember whether this run started it, to end only what we started.
    pgrep -x epmd > /dev/null || touch "$dir/own-epmd"
    echo '[rabbitmq_management,rabbitmq_prometheus].' > "$dir/enabled_plugins"
    cat > "$dir/rabbitmq.conf" <<CONF
listeners.tcp.1 = 127.0.0.1:$amqp_port
management.tcp.ip = 127.0.0.1
management.tcp.port = $api_port
prometheus.tcp.ip = 127.0.0.1
prometheus.tcp.port = $prometheus_port
management.ssl.ip = 127.0.0.1
management.ssl.port = $tls_port
management.ssl.cacertfile = $dir/tls/ca.pem
management.ssl.certfile = $dir/tls/server.pem
management.ssl.keyfile = $dir/tls/server.key
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
    wait_for "RabbitMQ management API over https" 60 curl -sf --cacert "$dir/tls/ca.pem" -u guest:guest "https://127.0.0.1:$tls_port/api/overview" -o /dev/null
    export STACKFSCK_RABBITMQ_API="http://127.0.0.1:$api_port" STACKFSCK_RABBITMQ_AMQP_PORT=$amqp_port \
        STACKFSCK_RABBITMQ_API_TLS="https://127.0.0.1:$tls_port" STACKFSCK_RABBITMQ_CA="$dir/tls/ca.pem" \
        STACKFSCK_RABBITMQ_PROMETHEUS="http://127.0.0.1:$prometheus_port"
}

# rabbitmq_certificates DIR: a CA (ca.pem) and the server's key and certificate for 127.0.0.1 and localhost, signed by it.
rabbitmq_certificates() {
    mkdir -p "$1"
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=stackfsck-test-ca -keyout "$1/ca.key" -out "$1/ca.pem" 2> /dev/null
    openssl req -newkey rsa:2048 -nodes -subj /CN=127.0.0.1 -keyout "$1/server.key" -out "$1/server.csr" 2> /dev/null
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' > "$1/san.ext"
    openssl x509 -req -in "$1/server.csr" -CA "$1/ca.pem" -CAkey "$1/ca.key" -CAcreateserial -days 2 \
        -extfile "$1/san.ext" -out "$1/server.pem" 2> /dev/null
    # Private keys, readable by this user alone (the broker runs as it).
    chmod 0600 "$1/server.key" "$1/ca.key"
}

rabbitmq_stop() {
    local dir="$STATE_DIR/rabbitmq"
    [ -f "$dir/launcher.pid" ] || return 0
    HOME="$dir" /usr/lib/rabbitmq/bin/rabbitmqctl -n "stackfsck$PORT_BASE@localhost" stop > /dev/null 2>&1 ||
        kill -- -"$(cat "$dir/launcher.pid")" 2> /dev/null || true
    [ -f "$dir/own-epmd" ] && epmd -kill > /dev/null 2>&1 || true
}
