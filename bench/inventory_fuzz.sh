#!/usr/bin/env bash
# The inventory fuzz of tests/Confgen.Tests (InventoryFuzzTests) at length: CASES mutations of the
# example inventory from the same fixed seed (the tests run 120), each rendered by confgen: one
# error line and exit 1, or a whole tree; never a stack trace, a changed tree or a leftover folder.
#   bench/inventory_fuzz.sh [CASES]   (default 2000; ARTIFACTS keeps the build output apart)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
CASES="${1:-2000}"
ART="${ARTIFACTS:-/tmp/stackfsck-bench-fuzz-build}"
start=$(date +%s)
STACKFSCK_FUZZ_CASES="$CASES" dotnet test tests/Confgen.Tests --artifacts-path "$ART" --nologo -v quiet \
    --filter "FullyQualifiedName~InventoryFuzzTests"
echo "$CASES mutated inventories in $(( $(date +%s) - start )) s (build included)"
