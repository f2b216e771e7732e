#!/bin/sh
# Re-renders the PNGs from the two SVG sources (needs rsvg-convert: Debian/Ubuntu package librsvg2-bin).
set -e
cd "$(dirname "$0")"
for s in 16 24 32; do rsvg-convert -w $s -h $s bottleneck-small.svg -o bottleneck-$s.png; done
for s in 48 64 128 256 512; do rsvg-convert -w $s -h $s bottleneck.svg -o bottleneck-$s.png; done
# The Windows and macOS icons for jpackage, from the PNGs (ImageMagick; png2icns from Debian's icnsutils).
convert bottleneck-16.png bottleneck-24.png bottleneck-32.png bottleneck-48.png bottleneck-64.png \
    bottleneck-128.png bottleneck-256.png bottleneck.ico
png2icns bottleneck.icns bottleneck-16.png bottleneck-32.png bottleneck-48.png bottleneck-128.png \
    bottleneck-256.png bottleneck-512.png
