#!/usr/bin/env bash
# Smoke test of the Windows program under Wine and Xvfb:
#   1. copies the .exe into a folder whose name has Chinese characters and a space, with a
#      stand-in bcryptprimitives.dll built by MinGW (Wine 8 lacks it);
#   2. runs `volunteer-ledger.exe demo` and `export contact-form` through Wine and checks the
#      database and the PDF;
#   3. the window, started three times on a new Wine prefix:
#      - the first start (WGPU; under Wine it may die inside Direct3D 12 before its first frame,
#        or fall back to OpenGL by itself) — screenshot if a window came;
#      - the second start, which must show the window by itself (no environment variable): a
#        first start that never drew left its mark, so this one uses OpenGL;
#      - when the first start died: a third start, which must not crash again (the failure is
#        remembered in display.json);
#      - a start with `--renderer opengl`;
#      screenshots in target/wine-smoke/ (first-start.png, second-start.png, opengl.png), none
#      of which may be blank;
#   4. the time to the first frame (VOLUNTEER_LEDGER_STARTUP_PROBE), three starts, median.
#      With WINE_STARTUP_DB=FILE it is measured on that ledger (e.g. 100,000 example volunteers
#      made by `volunteer-ledger demo --volunteers 100000 --db FILE`).
# Needs (tools/fresh-machine.sh installs them): wine, gcc-mingw-w64-x86-64, xvfb, xdotool,
# imagemagick.
# Usage: tools/wine-smoke.sh [path/to/volunteer-ledger.exe]
set -euo pipefail
cd "$(dirname "$0")/.."

EXE=${1:-target/x86_64-pc-windows-gnu/dist/volunteer-ledger.exe}
OUT=target/wine-smoke
[ -f "$EXE" ] || { echo "no $EXE: build it first (cargo build --profile dist --target x86_64-pc-windows-gnu)" >&2; exit 1; }
for tool in wine winepath wineserver xdotool import convert x86_64-w64-mingw32-gcc; do
    command -v "$tool" >/dev/null 2>&1 || { echo "$tool not found: run tools/fresh-machine.sh" >&2; exit 1; }
done

rm -rf "$OUT"
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
APP="$OUT/志愿 台账"
mkdir -p "$APP"
cp "$EXE" "$APP/volunteer-ledger.exe"
x86_64-w64-mingw32-gcc -O2 -shared -o "$APP/bcryptprimitives.dll" \
    tools/wine/bcryptprimitives.c -ladvapi32

export WINEPREFIX="$OUT/prefix"
export WINEDEBUG=-all
export WINEDLLOVERRIDES="mscoree,mshtml="
unset WGPU_BACKEND
XVFB_PID=""
WINDOW_PID=""
cleanup() {
    [ -n "$WINDOW_PID" ] && kill "$WINDOW_PID" 2>/dev/null || true
    wineserver -k 2>/dev/null || true
    [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null || true
}
trap cleanup EXIT
if [ -z "${DISPLAY:-}" ]; then
    Xvfb :97 -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
    XVFB_PID=$!
    export DISPLAY=:97
    sleep 2
fi
echo "== preparing the Wine prefix"
wine wineboot -i >/dev/null 2>&1 || true

win() { winepath -w "$1" 2>/dev/null; }
DB="$APP/台账 数据.sqlite"
PDF="$APP/负责人 联络表.pdf"

echo "== volunteer-ledger.exe demo"
wine "$APP/volunteer-ledger.exe" --db "$(win "$DB")" demo --volunteers 300 </dev/null
[ -s "$DB" ] || { echo "FAIL: the demo database was not written" >&2; exit 1; }
echo "ok: $(du -h "$DB" | cut -f1) database"

echo "== volunteer-ledger.exe export contact-form"
wine "$APP/volunteer-ledger.exe" --db "$(win "$DB")" export contact-form --out "$(win "$PDF")" </dev/null
head -c 5 "$PDF" | grep -q '%PDF-' || { echo "FAIL: no PDF written" >&2; exit 1; }
echo "ok: $(du -h "$PDF" | cut -f1) PDF"

# The display state the program keeps in its data folder (%APPDATA%\binhai\VolunteerLedger\data).
display_state() {
    local f
    f=$(find "$WINEPREFIX/drive_c/users" -name display.json 2>/dev/null | head -n 1)
    [ -n "$f" ] && tr -d ' \n' <"$f" || echo "(none)"
}

# Starts the window with "$@"; waits for a window titled 志愿服务台账 or for the process to end.
# Returns 0 when a window came and its first frame cleared the start mark (a screenshot is
# taken as $OUT/$name.png and must not be blank), 1 when the process ended without a window.
start_window() {
    local name=$1
    shift
    wineserver -k 2>/dev/null || true
    wineserver -w 2>/dev/null || true
    wine "$APP/volunteer-ledger.exe" --db "$(win "$DB")" "$@" </dev/null >"$OUT/$name.log" 2>&1 &
    WINDOW_PID=$!
    local shown=""
    for _ in $(seq 1 120); do
        if xdotool search --name '志愿服务台账' >/dev/null 2>&1; then
            shown=yes
            break
        fi
        kill -0 "$WINDOW_PID" 2>/dev/null || break
        sleep 1
    done
    # The first frame clears the start mark (a window may appear and its process still die
    # inside the graphics driver before drawing).
    if [ -n "$shown" ]; then
        for _ in $(seq 1 60); do
            display_state | grep -q '"starting":null' && break
            kill -0 "$WINDOW_PID" 2>/dev/null || { shown=""; break; }
            sleep 1
        done
    fi
    if [ -z "$shown" ]; then
        wait "$WINDOW_PID" 2>/dev/null || true
        WINDOW_PID=""
        echo "$name: no window drawn; the process ended. Its output:"
        tail -n 5 "$OUT/$name.log" | sed 's/^/    /'
        return 1
    fi
    sleep 3
    import -window root "$OUT/$name.png"
    local colours
    colours=$(convert "$OUT/$name.png" -format %k info:)
    kill "$WINDOW_PID" 2>/dev/null || true
    wineserver -k 2>/dev/null || true
    WINDOW_PID=""
    [ "$colours" -gt 50 ] || { echo "FAIL: $name: the screenshot is blank ($colours colours)" >&2; exit 1; }
    display_state | grep -q '"starting":null' \
        || { echo "FAIL: $name: the first frame did not clear the start mark: $(display_state)" >&2; exit 1; }
    echo "ok: $name: window shown, screenshot $OUT/$name.png ($colours colours)"
    return 0
}

echo "== the window, first start (automatic renderer)"
FIRST_DREW=""
if start_window first-start; then
    FIRST_DREW=yes
    echo "first start drew by itself: $(display_state)"
else
    display_state | grep -q '"starting":"wgpu"' \
        || { echo "FAIL: the first start died without leaving its mark: $(display_state)" >&2; exit 1; }
    echo "first start died before its first frame and left its mark: $(display_state)"
fi

echo "== the window, second start (must open by itself)"
start_window second-start || { echo "FAIL: the second start showed no window" >&2; exit 1; }
echo "second start: $(display_state)"
if [ -z "$FIRST_DREW" ]; then
    display_state | grep -q '"wgpu_failed":true' \
        || { echo "FAIL: the failure of the first start was not remembered: $(display_state)" >&2; exit 1; }
    echo "== the window, third start (the failure is remembered: no second crash)"
    start_window third-start || { echo "FAIL: the third start showed no window" >&2; exit 1; }
fi

echo "== the window, --renderer opengl"
start_window opengl --renderer opengl || { echo "FAIL: --renderer opengl showed no window" >&2; exit 1; }

echo "== time to the first frame"
PROBE_DB="$DB"
if [ -n "${WINE_STARTUP_DB:-}" ]; then
    # A larger ledger made beforehand (e.g. by the Linux build's `demo --volunteers 100000`:
    # the same file; generating it under Wine is slow, as Wine's random numbers go through its
    # server).
    PROBE_DB="$APP/大 数据.sqlite"
    cp "$WINE_STARTUP_DB" "$PROBE_DB"
    # Open once, so that the day's first backup is not part of what is measured.
    VOLUNTEER_LEDGER_STARTUP_PROBE=1 wine "$APP/volunteer-ledger.exe" --db "$(win "$PROBE_DB")" </dev/null >/dev/null 2>&1 || true
fi
times=()
for i in 1 2 3; do
    wineserver -k 2>/dev/null || true
    wineserver -w 2>/dev/null || true
    VOLUNTEER_LEDGER_STARTUP_PROBE=1 wine "$APP/volunteer-ledger.exe" --db "$(win "$PROBE_DB")" \
        </dev/null >"$OUT/probe-$i.log" 2>&1 || true
    ms=$(sed -n 's/.*首帧用时 \([0-9]*\) 毫秒.*/\1/p' "$OUT/probe-$i.log" | head -n 1)
    [ -n "$ms" ] || { echo "FAIL: the start-up probe printed no time:" >&2; cat "$OUT/probe-$i.log" >&2; exit 1; }
    times+=("$ms")
done
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)
echo "ok: time to first frame under Wine: ${times[*]} ms (median $median ms) on $(basename "$PROBE_DB")"
