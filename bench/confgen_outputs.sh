#!/usr/bin/env bash
# Everything confgen writes or prints, for the example inventory and the 100x generated one
# (bench/confgen_inventory.py, 50 cells x 500 hypervisors), kept to compare two versions of
# confgen byte for byte: the rendered trees (Nagios and monasca-agent), render's summary line,
# `confgen diff` (against nothing, and the example against the 100x tree: adds and removes) and
# `confgen audit` (default and --all, on a fixed date); and every service's command line of the
# example fully expanded (DIR/expanded-TAG, see below).
#
#   bench/confgen_outputs.sh DIR TAG     writes DIR/example-TAG, DIR/scale-TAG and DIR/expanded-TAG
#
# When DIR/NAME-before exists and TAG is not "before", each NAME-TAG is compared
# with `diff -r` and the script exits 1 on any difference. Paths are relative (the runs happen
# in one work folder), so outputs of different checkouts compare equal.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIR="$(mkdir -p "$1" && cd "$1" && pwd)"
TAG="$2"
WORK="$(mktemp -d /tmp/confgen-outputs.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
# shellcheck source=bench/lib/confgen.sh
source "$ROOT/bench/lib/confgen.sh"
build_confgen
cp -r "$ROOT/templates" "$WORK/templates"
cp -r "$ROOT/environments/example" "$WORK/example"
python3 "$ROOT/bench/confgen_inventory.py" "$WORK/scale" 50 500

# outputs NAME: renders inventory NAME into NAME.tree and records what every command prints.
outputs() {
    local name="$1"
    local out="$DIR/$name-$TAG"
    rm -rf "$out" && mkdir -p "$out"
    cd "$WORK"
    dotnet "$CONFGEN" diff -i "$name" -T templates -o "$name.tree" > "$out/diff-from-nothing.out"
    local started=$EPOCHREALTIME
    dotnet "$CONFGEN" render -i "$name" -T templates -o "$name.tree" > "$out/render.out"
    echo "$name: render $(awk "BEGIN { printf \"%.2f\", $EPOCHREALTIME - $started }") s" >&2
    dotnet "$CONFGEN" diff -i "$name" -T templates -o "$name.tree" > "$out/diff-unchanged.out"
    dotnet "$CONFGEN" audit -i "$name" -T templates -o "$name.tree" --today 2027-04-01 > "$out/audit.out"
    dotnet "$CONFGEN" audit -i "$name" -T templates -o "$name.tree" --today 2026-01-01 --all > "$out/audit-all.out"
    cp -r "$name.tree" "$out/tree"
}

outputs example
outputs scale
cd "$WORK"
dotnet "$CONFGEN" diff -i example -T templates -o scale.tree > "$DIR/example-$TAG/diff-against-scale.out"

# Every service's command line of the example, fully expanded: every host marked for monasca-agent
# and the templates' _MONASCA_SKIP and _MONASCA_COMMAND lines dropped, so that each host's
# nagios_wrapper.yaml lists every service Nagios runs on it, macros expanded.
cp -r templates expanded-templates
find expanded-templates -name '*.hbs' -exec sed -i '/_MONASCA_SKIP\|_MONASCA_COMMAND/d' {} +
python3 "$ROOT/bench/lib/monasca_everywhere.py" example expanded
dotnet "$CONFGEN" render -i expanded -T expanded-templates -o expanded.tree > /dev/null
rm -rf "$DIR/expanded-$TAG" && cp -r expanded.tree/monasca-agent "$DIR/expanded-$TAG"

if [ "$TAG" != before ]; then
    status=0
    for name in example scale expanded; do
        [ -d "$DIR/$name-before" ] || continue
        if diff -r "$DIR/$name-before" "$DIR/$name-$TAG" > "$WORK/diff"; then
            echo "$name: identical to $name-before ($(find "$DIR/$name-$TAG" -type f | wc -l) files)"
        else
            echo "$name: DIFFERS from $name-before:"
            head -40 "$WORK/diff"
            status=1
        fi
    done
    exit $status
fi
