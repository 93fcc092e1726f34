#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the Debian 12 packages listed in scripts/packages.txt (only the missing ones; apt's
# index is refreshed only when something is missing, so a second run is quick and offline),
# then configures and builds DNAS Studio in Release with Ninja into ./build.
# Run as root (or with sudo available) on Debian 12.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# Package names: strip comments and blank lines.
mapfile -t PACKAGES < <(sed -e 's/#.*//' scripts/packages.txt | awk 'NF { print $1 }')

missing=()
for pkg in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}\n' "$pkg" 2>/dev/null | grep -q '^install ok installed$'; then
        missing+=("$pkg")
    fi
done

if ((${#missing[@]} > 0)); then
    echo "setup: installing ${#missing[@]} missing package(s): ${missing[*]}"
    SUDO=()
    if [[ $EUID -ne 0 ]]; then
        if command -v sudo >/dev/null; then
            SUDO=(sudo)
        else
            echo "setup: packages are missing and this is not root; run: sudo bash $0" >&2
            exit 1
        fi
    fi
    export DEBIAN_FRONTEND=noninteractive
    "${SUDO[@]}" apt-get update
    "${SUDO[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
else
    echo "setup: all ${#PACKAGES[@]} packages are installed"
fi

# CMakeLists.txt puts ccache in front of the compiler when it is installed (it is in the list):
# rebuilding the LibTorch-heavy engine after a fresh checkout then takes seconds.
cmake -S "$ROOT" -B "$ROOT/build" -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build "$ROOT/build"
echo "setup: built into $ROOT/build (app: build/app/dnas-studio, CLI: build/app/dnas)"
