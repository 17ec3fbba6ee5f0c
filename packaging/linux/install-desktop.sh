#!/usr/bin/env bash
# Put Sciatica Coach in the desktop's application menu: the .desktop entry, the AppStream
# metainfo and the icons (copied from assets/icons, which stays the only copy in git).
#
#   packaging/linux/install-desktop.sh [--prefix DIR] [--exec PROGRAM] [--uninstall]
#
# --prefix   where to install; default ~/.local (for you only); /usr/local for everyone
# --exec     the program the menu entry starts; default the bundle in dist/ if it was built,
#            else `sciatica-coach` as found on PATH (a wheel installed with pip or pipx)
# --uninstall  remove what an install put there
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
name="sciatica-coach"
app_id="org.example.SciaticaCoach"
prefix="${HOME}/.local"
program=""
uninstall=false

while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) prefix="${2:?--prefix needs a folder}"; shift 2 ;;
        --exec) program="${2:?--exec needs a program}"; shift 2 ;;
        --uninstall) uninstall=true; shift ;;
        -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
        *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
    esac
done

share="$prefix/share"
applications="$share/applications"
metainfo="$share/metainfo"
icons="$share/icons/hicolor"

refresh_caches() {
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$applications" || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$icons/index.theme" ]; then
        gtk-update-icon-cache -q -t "$icons" || true
    fi
}

if $uninstall; then
    rm -f "$applications/$name.desktop" "$metainfo/$app_id.metainfo.xml" \
        "$icons/scalable/apps/$name.svg"
    for png in "$root"/assets/icons/hicolor/*/apps/"$name".png; do
        size="$(basename "$(dirname "$(dirname "$png")")")"
        rm -f "$icons/$size/apps/$name.png"
    done
    refresh_caches
    echo "Removed Sciatica Coach's menu entry and icons from $share"
    exit 0
fi

if [ -z "$program" ]; then
    if [ -x "$root/dist/$name/$name" ]; then
        program="$root/dist/$name/$name"
    elif command -v "$name" >/dev/null 2>&1; then
        program="$(command -v "$name")"
    else
        echo "No $name program found: build the bundle (make package), install the wheel," >&2
        echo "or say which program to start with --exec PATH." >&2
        exit 1
    fi
fi
case "$program" in
    *[[:space:]\"\'\\\$\`%]*)
        echo "the program path must not contain spaces, quotes or %: $program" >&2
        exit 2 ;;
esac

install -d "$applications" "$metainfo" "$icons/scalable/apps"
sed -e "s|^Exec=.*|Exec=$program|" -e "s|^TryExec=.*|TryExec=$program|" \
    "$here/$name.desktop" > "$applications/$name.desktop"
chmod 644 "$applications/$name.desktop"
install -m 644 "$here/$app_id.metainfo.xml" "$metainfo/$app_id.metainfo.xml"
install -m 644 "$root/assets/icons/$name.svg" "$icons/scalable/apps/$name.svg"
for png in "$root"/assets/icons/hicolor/*/apps/"$name".png; do
    size="$(basename "$(dirname "$(dirname "$png")")")"
    install -D -m 644 "$png" "$icons/$size/apps/$name.png"
done
refresh_caches
echo "Installed Sciatica Coach's menu entry in $applications (starts $program)"
