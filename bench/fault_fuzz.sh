#!/usr/bin/env bash
# The argument fuzz of tests/FaultMatrix.Tests at length: every check's dist binary against
# VECTORS hostile argument vectors (default 5000) from SEED (default: the date, so each run
# tries new ones; the failing seed is printed to replay it). Asserts what the test asserts:
# exit 0-3, no exception or stack trace, no password. Not part of tests/run (minutes, not seconds).
#   bench/fault_fuzz.sh [VECTORS] [SEED]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
VECTORS="${1:-5000}"
SEED="${2:-$(date +%Y%m%d)}"
DIST="${ARTIFACTS:+$ARTIFACTS/dist}"
DIST="${DIST:-$ROOT/dist}"
BUILD_ARGS=()
[ -n "${ARTIFACTS:-}" ] && BUILD_ARGS=(--artifacts-path "$ARTIFACTS")

make --no-print-directory dist DIST="$DIST" ARTIFACTS="${ARTIFACTS:-}"
echo "fuzzing $VECTORS vectors from seed $SEED"
STACKFSCK_DIST="$DIST" STACKFSCK_FUZZ_VECTORS="$VECTORS" STACKFSCK_FUZZ_SEED="$SEED" \
    dotnet test tests/FaultMatrix.Tests "${BUILD_ARGS[@]}" --filter "FullyQualifiedName~FuzzTests" --logger "console;verbosity=normal"
