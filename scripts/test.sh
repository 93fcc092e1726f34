#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Sets up and builds DNAS Studio (scripts/setup.sh), then runs the whole test suite.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/setup.sh"

# Two tests at a time: most tests use LibTorch, which already spreads over the cores.
cd "$ROOT/build"
ctest --output-on-failure -j2
