#!/usr/bin/env bash
# Smoke test of the Windows program under Wine (Debian's wine64) and Xvfb:
#   1. copies the .exe into a folder whose name has Chinese characters and a space, with a
#      stand-in bcryptprimitives.dll built by MinGW (Wine 8 lacks it);
#   2. runs `volunteer-ledger.exe demo` and `export contact-form` through Wine and checks the
#      database and the PDF;
#   3. starts the window on that database, waits for the window titled 志愿服务台账 and takes a
#      screenshot (target/wine-smoke/wine-window.png), which must not be blank.
# Needs: wine64, gcc-mingw-w64-x86-64, xvfb (when no DISPLAY), xdotool, imagemagick.
# Usage: tools/wine-smoke.sh [path/to/volunteer-ledger.exe]
set -euo pipefail
cd "$(dirname "$0")/.."

EXE=${1:-target/x86_64-pc-windows-gnu/release/volunteer-ledger.exe}
OUT=target/wine-smoke
[ -f "$EXE" ] || { echo "no $EXE: build it first (cargo build --release --target x86_64-pc-windows-gnu)" >&2; exit 1; }
WINE=$(command -v wine64 || command -v wine || true)
[ -n "$WINE" ] || { echo "wine not found (apt-get install wine64)" >&2; exit 1; }

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
"$WINE" wineboot -i >/dev/null 2>&1 || true

win() { winepath -w "$1" 2>/dev/null; }
DB="$APP/台账 数据.sqlite"
PDF="$APP/负责人 联络表.pdf"

echo "== volunteer-ledger.exe demo"
"$WINE" "$APP/volunteer-ledger.exe" --db "$(win "$DB")" demo --volunteers 300 </dev/null
[ -s "$DB" ] || { echo "FAIL: the demo database was not written" >&2; exit 1; }
echo "ok: $(du -h "$DB" | cut -f1) database"

echo "== volunteer-ledger.exe export contact-form"
"$WINE" "$APP/volunteer-ledger.exe" --db "$(win "$DB")" export contact-form --out "$(win "$PDF")" </dev/null
head -c 5 "$PDF" | grep -q '%PDF-' || { echo "FAIL: no PDF written" >&2; exit 1; }
echo "ok: $(du -h "$PDF" | cut -f1) PDF"

echo "== the window"
"$WINE" "$APP/volunteer-ledger.exe" --db "$(win "$DB")" </dev/null >"$OUT/window.log" 2>&1 &
WINDOW_PID=$!
for _ in $(seq 1 120); do
    if xdotool search --name '志愿服务台账' >/dev/null 2>&1; then
        break
    fi
    sleep 1
done
xdotool search --name '志愿服务台账' >/dev/null 2>&1 || { echo "FAIL: no window titled 志愿服务台账" >&2; cat "$OUT/window.log" >&2; exit 1; }
sleep 8
import -window root "$OUT/wine-window.png"
COLOURS=$(convert "$OUT/wine-window.png" -format %k info:)
[ "$COLOURS" -gt 50 ] || { echo "FAIL: the screenshot is blank ($COLOURS colours)" >&2; exit 1; }
echo "ok: window shown, screenshot $OUT/wine-window.png ($COLOURS colours)"
