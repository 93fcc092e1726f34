#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Fails when any C++ source of the project differs from what the checked-in .clang-format makes
# of it, naming the files; fix with: clang-format -i <files>.
# Usage: check_format.sh CLANG_FORMAT SOURCE_DIR
set -euo pipefail
clang_format="$1"
cd "$2"
log="$(mktemp)"
mapfile -t files < <(find engine ui cli app tests bench \( -name '*.h' -o -name '*.cpp' \) \
                       -not -path '*/corpus/*' | sort)
if ! "$clang_format" --dry-run -Werror "${files[@]}" 2>"$log"; then
    grep -o '^[^:]*:[0-9]*:[0-9]*: error' "$log" | cut -d: -f1 | sort -u |
        sed 's/^/needs clang-format: /'
    rm -f "$log"
    exit 1
fi
rm -f "$log"
echo "check_format: ${#files[@]} files formatted"
