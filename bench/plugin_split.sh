#!/usr/bin/env bash
# Size and start-up of every check, before and after a change to how the checks are built
# (issue 15: the plugin library split into projects, so each check links only what it uses).
# BEFORE is a folder of check binaries built earlier, e.g. from main:
#   git archive main | tar -x -C /tmp/src && (cd /tmp/src && make dist DIST=/tmp/dist-before)
# AFTER defaults to this checkout's checks, built here into dist/ (or $DIST).
# Start-up is `--help` (argument parsing, help text, every library the binary maps at exec),
# the two binaries run in turn RUNS times (bench/lib/alternate.py), medians compared.
#   bench/plugin_split.sh BEFORE [AFTER] [RUNS]   (RUNS default 300)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BEFORE="$(cd "${1:?usage: bench/plugin_split.sh BEFORE [AFTER] [RUNS]}" && pwd)"
AFTER="${2:-}"
RUNS="${3:-300}"
if [ -z "$AFTER" ]; then
    AFTER="${DIST:-$ROOT/dist}"
    make --no-print-directory -C "$ROOT" dist DIST="$AFTER" ${ARTIFACTS:+ARTIFACTS="$ARTIFACTS"}
fi

kib() { python3 -c "import sys; print(f'{int(sys.argv[1]) / 1024:.0f}')" "$(stat -c %s "$1")"; }
ms() { python3 -c "import sys; print(f'{float(sys.argv[1]) * 1000:.2f}')" "$1"; }
ratio() { python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.3f}')" "$1" "$2"; }
libs() { ldd "$1" | awk '$1 ~ /^lib(mariadb|virt)/ { printf "%s ", $1 }'; }

printf '%-30s %10s %10s %11s %11s %7s  %s\n' check "KiB before" "KiB after" "ms before" "ms after" ratio "linked after"
for before in "$BEFORE"/check_*; do
    name="$(basename "$before")"
    after="$AFTER/$name"
    [ -x "$after" ] || { echo "$name: not in $AFTER" >&2; continue; }
    mapfile -t medians < <(python3 "$ROOT/bench/lib/alternate.py" --unknown-ok "$RUNS" "$before --help" "$after --help" | cut -d' ' -f1)
    printf '%-30s %10s %10s %11s %11s %7s  %s\n' "$name" "$(kib "$before")" "$(kib "$after")" \
        "$(ms "${medians[0]}")" "$(ms "${medians[1]}")" "$(ratio "${medians[1]}" "${medians[0]}")" "$(libs "$after")"
done
