# Sourced by the confgen benches: builds confgen in Release into $ART (ARTIFACTS or $WORK/artifacts)
# and sets CONFGEN to its dll, so every bench times the same build.
build_confgen() {
    ART="${ARTIFACTS:-$WORK/artifacts}"
    dotnet build "$ROOT/confgen" -c Release -v quiet --nologo --artifacts-path "$ART" > "$WORK/build.log" || { cat "$WORK/build.log"; exit 1; }
    CONFGEN="$ART/bin/confgen/release/confgen.dll"
}
