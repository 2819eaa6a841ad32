# Shared by tests/run and bench/ scripts: wait for a server, start and stop the scripts in tests/services/.

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
