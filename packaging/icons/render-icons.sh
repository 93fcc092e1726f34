#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Renders the hicolor PNG sizes of the app icon from dnas-studio.svg (needs rsvg-convert from
# librsvg2-bin). The PNGs are committed, so a build needs no SVG renderer: rerun this after
# editing the SVG and commit the result.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
for size in 16 32 48 64 128 256; do
  mkdir -p "hicolor/${size}x${size}"
  rsvg-convert --width "$size" --height "$size" dnas-studio.svg -o "hicolor/${size}x${size}/dnas-studio.png"
done
