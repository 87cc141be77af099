#!/bin/sh
# Renders assets/icon.svg to the PNG sizes the manifests and stores use (public/icon/SIZE.png).
# The PNGs are committed; run this after changing the SVG. Needs rsvg-convert (Debian: librsvg2-bin).
set -eu
cd "$(dirname "$0")/.."
for size in 16 32 48 128; do
  rsvg-convert --width "$size" --height "$size" assets/icon.svg --output "public/icon/$size.png"
done
