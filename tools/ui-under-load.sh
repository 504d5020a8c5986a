#!/usr/bin/env bash
# The egui_kittest UI tests once more, under load: two copies of each UI test binary run side
# by side (each with its own test threads) on this machine's cores, so a test that counts
# frames or assumes a fast machine fails here before it fails on a slower one.
# Usage: tools/ui-under-load.sh [copies]   (default 2)
set -euo pipefail
cd "$(dirname "$0")/.."
COPIES=${1:-2}

args=()
for f in tests/ui*.rs; do
    args+=(--test "$(basename "$f" .rs)")
done
# Build (already built by `cargo test`) and list the binaries.
mapfile -t bins < <(cargo test --no-run "${args[@]}" 2>&1 \
    | sed -n 's/^ *Executable tests\/ui[^ ]* (\(.*\))$/\1/p')
[ "${#bins[@]}" -gt 0 ] || { echo "ui-under-load: no UI test binary found" >&2; exit 1; }

failed=0
for bin in "${bins[@]}"; do
    name=$(basename "$bin")
    pids=()
    for i in $(seq 1 "$COPIES"); do
        "$bin" -q >"/tmp/ui-under-load-$name-$i.log" 2>&1 &
        pids+=($!)
    done
    for i in "${!pids[@]}"; do
        if ! wait "${pids[$i]}"; then
            failed=1
            echo "ui-under-load: $name (copy $((i + 1)) of $COPIES) FAILED:" >&2
            cat "/tmp/ui-under-load-$name-$((i + 1)).log" >&2
        fi
    done
    echo "ui-under-load: $name: $COPIES copies side by side $( [ $failed = 0 ] && echo passed || echo 'had failures')"
done
exit $failed
