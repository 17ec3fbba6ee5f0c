#!/usr/bin/env bash
# Check the Linux desktop files: the .desktop entry and the AppStream metainfo with the
# validators distributions use, then that every screenshot the metainfo names exists in this
# repository (its address is the placeholder base plus the file's path; packaging/README.md).
#
# Needs desktop-file-utils and appstream (Debian: apt-get install desktop-file-utils appstream).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
base="https://example.org/sciatica-coach/"
metainfo="$here/org.example.SciaticaCoach.metainfo.xml"

desktop-file-validate "$here/sciatica-coach.desktop"
echo "sciatica-coach.desktop: ok"
appstreamcli validate --no-net "$metainfo"

missing=0
for url in $(sed -n 's|.*<image[^>]*>\(.*\)</image>.*|\1|p' "$metainfo"); do
    case "$url" in
        "$base"*) path="${url#"$base"}" ;;
        *) echo "screenshot address outside the convention: $url" >&2; missing=1; continue ;;
    esac
    if [ -f "$root/$path" ]; then
        echo "screenshot: $path"
    else
        echo "screenshot not in the repository yet: $path" >&2
        missing=1
    fi
done
exit "$missing"
