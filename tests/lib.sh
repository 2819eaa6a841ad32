# Shared by tests/run and bench/ scripts: install what is missing, wait for a server.

# wait_for WHAT SECONDS COMMAND...: polls COMMAND until it succeeds, or fails.
wait_for() {
    local what="$1" seconds="$2"
    shift 2
    for _ in $(seq $((seconds * 2))); do
        "$@" > /dev/null 2>&1 && return 0
        sleep 0.5
    done
    echo "$what not ready after ${seconds}s" >&2
    return 1
}

# install_missing PACKAGE...: installs those Debian packages not installed yet (apt-get, with the
# package lists refreshed first: a new machine has none). policy-rc.d keeps the packages' own
# system services from starting: the tests and benches start private ones.
install_missing() {
    local missing=() package
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2> /dev/null | grep -q "ok installed" || missing+=("$package")
    done
    [ ${#missing[@]} -gt 0 ] || return 0
    echo "installing ${missing[*]}" >&2
    apt-get update -qq
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
    local log
    log="$(mktemp)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" > "$log" 2>&1 ||
        { cat "$log"; rm -f "$log"; return 1; }
    rm -f "$log"
}

# fresh_copy EXECUTABLE DIR: copies EXECUTABLE into DIR and prints the copy's path. Benchmarks time
# fresh copies of every binary they compare: on the development VM, kdamond (DAMON) reclaims page
# cache that sat idle, and the same check ran 12 % slower from a file written 50 minutes earlier
# than from a new copy of it (400 paired runs), where a system plugin used all day stays cached.
fresh_copy() {
    mkdir -p "$2" && cp "$1" "$2/" && echo "$2/$(basename "$1")"
}
