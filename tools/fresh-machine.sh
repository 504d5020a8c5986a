#!/usr/bin/env bash
# Installs every Debian package that CI and the Windows smoke test use, by the package that
# provides each command, then checks that every command is really there. A fresh machine has
# none of them: nothing installed by hand may be relied on.
#
#   command                      Debian package
#   x86_64-w64-mingw32-gcc       gcc-mingw-w64-x86-64        (links the Windows program)
#   x86_64-w64-mingw32-windres   binutils-mingw-w64-x86-64   (icon and version resource)
#   wine, winepath, wineserver   wine (+ wine64, the 64-bit loader it runs)
#   Xvfb                         xvfb                        (a screen for the window)
#   xdotool                      xdotool                     (finds the window by its title)
#   import, convert              imagemagick                 (screenshot, colour count)
#   xwininfo                     x11-utils                   (window geometry, for the log)
#
# By hand, the same: apt-get install gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64 wine wine64 xvfb xdotool imagemagick x11-utils
# Usage: tools/fresh-machine.sh [--check]   (--check: only report what is missing)
# Exits non-zero with one line per missing command when a command cannot be had.
set -euo pipefail

# "command package" pairs; the package is what Debian ships the command in.
NEEDED=(
    "x86_64-w64-mingw32-gcc gcc-mingw-w64-x86-64"
    "x86_64-w64-mingw32-windres binutils-mingw-w64-x86-64"
    "wine wine"
    "winepath wine"
    "wineserver wine"
    "Xvfb xvfb"
    "xdotool xdotool"
    "import imagemagick"
    "convert imagemagick"
    "xwininfo x11-utils"
)
# Packages installed with the commands' own (the 64-bit Wine loader is a separate package).
EXTRA_PACKAGES=(wine64)

# Whether a command is really there. Some machines put a stand-in `convert` on the PATH that
# only passes calls on to ImageMagick's when that is installed: ImageMagick's own is required.
have() {
    case "$1" in
        convert) [ -x /usr/bin/convert ] ;;
        *) command -v "$1" >/dev/null 2>&1 ;;
    esac
}

missing_commands() {
    local pair cmd
    for pair in "${NEEDED[@]}"; do
        cmd=${pair%% *}
        have "$cmd" || echo "$pair"
    done
}

missing=$(missing_commands)
if [ -z "$missing" ]; then
    echo "fresh-machine: every command is installed"
    exit 0
fi
if [ "${1:-}" = "--check" ]; then
    echo "$missing" | while read -r cmd pkg; do echo "missing: $cmd (Debian package $pkg)"; done
    exit 1
fi

packages=$(echo "$missing" | awk '{print $2}' | sort -u | tr '\n' ' ')
packages="$packages ${EXTRA_PACKAGES[*]}"
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "fresh-machine: cannot install ($packages): needs root and apt-get" >&2
    echo "$missing" | while read -r cmd pkg; do echo "missing: $cmd (Debian package $pkg)" >&2; done
    exit 1
fi
echo "fresh-machine: installing $packages"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $packages >/tmp/fresh-machine-apt.log 2>&1 || {
    tail -20 /tmp/fresh-machine-apt.log >&2
    echo "fresh-machine: apt-get install $packages failed" >&2
    exit 1
}

still=$(missing_commands)
if [ -n "$still" ]; then
    echo "$still" | while read -r cmd pkg; do
        echo "fresh-machine: $cmd is still missing after installing $pkg" >&2
    done
    exit 1
fi
echo "fresh-machine: every command is installed"
