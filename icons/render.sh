#!/bin/sh
# Re-renders the PNGs from the two SVG sources (needs rsvg-convert: Debian/Ubuntu package librsvg2-bin).
set -e
cd "$(dirname "$0")"
for s in 16 24 32; do rsvg-convert -w $s -h $s bottleneck-small.svg -o bottleneck-$s.png; done
for s in 48 64 128 256 512; do rsvg-convert -w $s -h $s bottleneck.svg -o bottleneck-$s.png; done
