#!/usr/bin/env bash
# Renders build/appicon.svg into the icons the builds use:
#   build/appicon.png          1024x1024, the Wails source icon (macOS .icns)
#   build/linux/ukglink.png    256x256, the Linux menu icon in the .deb and .rpm
#   build/windows/icon.ico     16-256 px, the Windows program and installer icon
# The rendered files are committed; run this again after changing the SVG.
# Needs ImageMagick with an SVG renderer (Debian: imagemagick librsvg2-bin).
set -euo pipefail
cd "$(dirname "$0")/.."

svg=build/appicon.svg
formats="$(convert -list format 2>/dev/null || true)"
if ! grep -q -E '^ *SVG' <<<"$formats" && ! command -v rsvg-convert >/dev/null; then
	echo "make-icons: ImageMagick cannot read SVG here; install librsvg2-bin" >&2
	exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

convert -background none "$svg" -resize 1024x1024 "$work/1024.png"
for size in 16 24 32 48 64 128 256; do
	convert "$work/1024.png" -resize "${size}x${size}" "$work/$size.png"
done

mkdir -p build/linux build/windows
cp "$work/1024.png" build/appicon.png
cp "$work/256.png" build/linux/ukglink.png
convert "$work"/{16,24,32,48,64,128,256}.png build/windows/icon.ico

identify build/appicon.png build/linux/ukglink.png build/windows/icon.ico
