#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Sets up and builds DNAS Studio (scripts/setup.sh), then runs the whole test suite.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/setup.sh"

# Two tests at a time: most tests use LibTorch, which already spreads over the cores.
cd "$ROOT/build"
ctest --output-on-failure -j2

# Every parser's libFuzzer target (tests/fuzz) in its own clang build with ASan + UBSan, each
# fuzzing for DNAS_FUZZ_SECONDS from its seed corpus; README section "Hardening". 10 s each in
# this script keeps CI inside its 25 minutes: the seeds and the first mutations of every parser
# are what a change breaks; longer sessions are run by hand.
if command -v clang++ >/dev/null; then
    cd "$ROOT"
    cmake --preset fuzz -DDNAS_FUZZ_SECONDS="${DNAS_FUZZ_SECONDS:-10}"
    cmake --build --preset fuzz
    ctest --preset fuzz
fi
