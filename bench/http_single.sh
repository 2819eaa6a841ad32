#!/usr/bin/env bash
# One HTTP(S) GET: check_rabbitmq_compute_queues (the check whose run is a single GET) against
# C check_http (Debian monitoring-plugins) on the same URL of a fast local server: nginx on
# loopback serving a canned 2 KB management-API answer (/api/queues/one, one JSON list of
# queues) over http and over https with a self-signed certificate: trusted by --ca-file, by a
# system store that holds it (SSL_CERT_DIR), or not judged (--insecure). nginx stands in for
# RabbitMQ here so that the server's own time (RabbitMQ's management API takes milliseconds)
# does not hide the clients' start-up and request cost, which is what is compared.
# Also bench/http_minimal over https (the floor: the checks' build settings and OpenSSL calls,
# nothing else of a check). Targets (issue 16): plain <= 1.0x check_http, https <= 1.2x check_http --ssl.
#   bench/http_single.sh [RUNS] [CHECK]   (default 300 runs; CHECK defaults to dist/check_rabbitmq_compute_queues)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
source tests/lib.sh
RUNS="${1:-300}"
PORT_BASE="${STACKFSCK_PORT_BASE:-26600}"
HTTP_PORT=$((PORT_BASE + 80))
HTTPS_PORT=$((PORT_BASE + 81))
STATE_DIR="$(mktemp -d /tmp/stackfsck-bench.XXXXXX)"
DIST="${DIST:-$ROOT/dist}"
trap '[ -f "$STATE_DIR/nginx.pid" ] && kill "$(cat "$STATE_DIR/nginx.pid")"; rm -rf "$STATE_DIR"' EXIT

install_missing nginx-light monitoring-plugins-basic openssl
if [ -z "${2:-}" ]; then
    make --no-print-directory dist DIST="$DIST" ${ARTIFACTS:+ARTIFACTS="$ARTIFACTS"} EXECUTABLES=check_rabbitmq_compute_queues
fi
CHECK="$(fresh_copy "${2:-$DIST/check_rabbitmq_compute_queues}" "$STATE_DIR/bin")"
CHECK_HTTP="$(fresh_copy /usr/lib/nagios/plugins/check_http "$STATE_DIR/bin")"
dotnet publish bench/http_minimal -r linux-x64 -c Release -o "$STATE_DIR/http_minimal" --nologo -v quiet -clp:ErrorsOnly \
    ${ARTIFACTS:+--artifacts-path "$ARTIFACTS"}

# 2 KB: twelve queues as the management API lists them with the check's columns.
mkdir -p "$STATE_DIR/www/api/queues" "$STATE_DIR/tmp"
chmod 0755 "$STATE_DIR" # nginx's workers (www-data) read the files
python3 - > "$STATE_DIR/www/api/queues/one" <<'PY'
import json
queues = [{"name": f"compute.cmp-{i:05d}.example.org", "messages": i, "consumers": 1,
           "message_stats": {"publish_details": {"rate": 0.2}, "deliver_get_details": {"rate": 0.2}}}
          for i in range(12)]
print(json.dumps(queues))
PY
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
    -keyout "$STATE_DIR/key.pem" -out "$STATE_DIR/cert.pem" 2> /dev/null
cat > "$STATE_DIR/nginx.conf" <<EOF
daemon on;
pid $STATE_DIR/nginx.pid;
error_log $STATE_DIR/error.log;
worker_processes 1;
events { worker_connections 256; }
http {
    access_log off;
    client_body_temp_path $STATE_DIR/tmp;
    default_type application/json;
    server {
        listen 127.0.0.1:$HTTP_PORT;
        listen 127.0.0.1:$HTTPS_PORT ssl;
        ssl_certificate $STATE_DIR/cert.pem;
        ssl_certificate_key $STATE_DIR/key.pem;
        root $STATE_DIR/www;
    }
}
EOF
nginx -c "$STATE_DIR/nginx.conf" || { cat "$STATE_DIR/error.log"; exit 1; }
wait_for nginx 10 curl -sf "http://127.0.0.1:$HTTP_PORT/api/queues/one"

export RABBITMQ_USERNAME=guest RABBITMQ_PASSWORD=guest
URL_PATH="/api/queues/one?columns=name,messages,consumers,message_stats.publish_details.rate,message_stats.deliver_get_details.rate"
OURS="$CHECK -H 127.0.0.1 -p $HTTP_PORT --vhost one"
C_PLUGIN="$CHECK_HTTP -H 127.0.0.1 -p $HTTP_PORT -a guest:guest -u $URL_PATH"
OURS_TLS="$CHECK -H 127.0.0.1 -p $HTTPS_PORT --vhost one --ssl --ca-file $STATE_DIR/cert.pem"
OURS_TLS_INSECURE="$CHECK -H 127.0.0.1 -p $HTTPS_PORT --vhost one --ssl --insecure"
# The default trust, the system store, as Debian's /etc/ssl/certs holds it (authorities under their
# subject's hash): here a store of the one self-signed certificate, named by SSL_CERT_DIR in the
# environment every command of the run inherits (only this one reads it).
mkdir -p "$STATE_DIR/store" && cp "$STATE_DIR/cert.pem" "$STATE_DIR/store/" && openssl rehash "$STATE_DIR/store"
OURS_TLS_STORE="$CHECK -H 127.0.0.1 -p $HTTPS_PORT --vhost one --ssl"
C_PLUGIN_TLS="$CHECK_HTTP -H 127.0.0.1 -p $HTTPS_PORT --ssl -a guest:guest -u $URL_PATH"
MINIMAL_TLS="$STATE_DIR/http_minimal/http_minimal $HTTPS_PORT /api/queues/one"
ratio() { python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.2f}')" "$1" "$2"; }
ms() { python3 -c "import sys; print(f'{float(sys.argv[1]) * 1000:.2f} ms')" "$1"; }

echo "answer: $(wc -c < "$STATE_DIR/www/api/queues/one") bytes; check $CHECK ($(stat -c %s "$CHECK") bytes)"
for command in "$OURS" "$C_PLUGIN" "$OURS_TLS" "$C_PLUGIN_TLS" "$MINIMAL_TLS"; do $command | head -1 || true; done
env -u SSL_CERT_FILE SSL_CERT_DIR="$STATE_DIR/store" \
    python3 bench/lib/alternate.py "$RUNS" "$OURS" "$C_PLUGIN" "$OURS_TLS" "$OURS_TLS_INSECURE" "$C_PLUGIN_TLS" "$OURS_TLS_STORE" "$MINIMAL_TLS" > "$STATE_DIR/medians"
mapfile -t medians < <(cut -d' ' -f1 "$STATE_DIR/medians")
mapfile -t cpu < <(cut -d' ' -f2 "$STATE_DIR/medians")
echo "median wall (CPU user+sys) over $RUNS runs, load average $(cut -d' ' -f1-3 /proc/loadavg):"
echo "  http:  ours $(ms "${medians[0]}") ($(ms "${cpu[0]}")), check_http $(ms "${medians[1]}") ($(ms "${cpu[1]}")):" \
    "ratio $(ratio "${medians[0]}" "${medians[1]}") (CPU $(ratio "${cpu[0]}" "${cpu[1]}")) (target <= 1.0)"
echo "  https: ours $(ms "${medians[2]}") ($(ms "${cpu[2]}")) --ca-file, $(ms "${medians[3]}") ($(ms "${cpu[3]}")) --insecure," \
    "check_http --ssl $(ms "${medians[4]}") ($(ms "${cpu[4]}")):"
echo "         ratio $(ratio "${medians[2]}" "${medians[4]}") (CPU $(ratio "${cpu[2]}" "${cpu[4]}")) verifying," \
    "$(ratio "${medians[3]}" "${medians[4]}") (CPU $(ratio "${cpu[3]}" "${cpu[4]}")) not (target <= 1.2)"
echo "         the system store (SSL_CERT_DIR): $(ms "${medians[5]}") ($(ms "${cpu[5]}")), ratio $(ratio "${medians[5]}" "${medians[4]}") (CPU $(ratio "${cpu[5]}" "${cpu[4]}"))"
echo "         http_minimal (the floor, not judging the certificate): $(ms "${medians[6]}") ($(ms "${cpu[6]}")), ratio $(ratio "${medians[6]}" "${medians[4]}") (CPU $(ratio "${cpu[6]}" "${cpu[4]}"));" \
    "ours --insecure / floor $(ratio "${medians[3]}" "${medians[6]}")"
