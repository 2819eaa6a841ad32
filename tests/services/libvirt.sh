# libvirt for check_nova_hypervisor: the library (libvirt0) the check binds to, virsh (libvirt-clients) for the
# benchmarks, and a libvirtd (libvirt-daemon) on 127.0.0.1 port PORT_BASE+40 for a check run centrally. The tests use
# libvirt's built-in test driver: test:///ABSOLUTE/PATH/node.xml opened in the check's own process, or the same file
# through the daemon as test+tcp://127.0.0.1:PORT/ABSOLUTE/PATH, a URI that names a host as qemu+ssh://cmp1/system does.
# The daemon runs as nobody (its QEMU driver then starts without Debian's libvirt-qemu user), with no authentication on
# loopback: node files it opens must be readable by others. Exports STACKFSCK_LIBVIRT_REMOTE (test+tcp://127.0.0.1:PORT).
SERVICE_PACKAGES+=(libvirt0 libvirt-clients libvirt-daemon)

libvirt_start() {
    local dir port=$((PORT_BASE + 40))
    # Not under STATE_DIR: nobody cannot enter that (mode 0700), and the daemon keeps its sockets here.
    dir="$(mktemp -d /tmp/stackfsck-libvirtd.XXXXXX)"
    echo "$dir" > "$STATE_DIR/libvirtd.dir"
    chown nobody "$dir"
    printf 'listen_tls = 0\nlisten_tcp = 1\nlisten_addr = "127.0.0.1"\ntcp_port = "%s"\nauth_tcp = "none"\nunix_sock_dir = "%s"\n' \
        "$port" "$dir" > "$dir/libvirtd.conf"
    HOME="$dir" XDG_RUNTIME_DIR="$dir" XDG_CONFIG_HOME="$dir/config" XDG_CACHE_HOME="$dir/cache" \
        setpriv --reuid=nobody --regid=nogroup --clear-groups \
        /usr/sbin/libvirtd --listen --config "$dir/libvirtd.conf" --pid-file "$dir/pid" > "$dir/log" 2>&1 &
    wait_for "libvirtd" 30 virsh -c "test+tcp://127.0.0.1:$port/default" list || { tail -20 "$dir/log" >&2; return 1; }
    export STACKFSCK_LIBVIRT_REMOTE="test+tcp://127.0.0.1:$port"
}

libvirt_stop() {
    local dir
    dir="$(cat "$STATE_DIR/libvirtd.dir" 2> /dev/null)" || return 0
    [ -f "$dir/pid" ] && kill "$(cat "$dir/pid")" 2> /dev/null
    rm -rf "$dir"
}
