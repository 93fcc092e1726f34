#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Sets up and builds DNAS Studio (scripts/setup.sh), then starts the desktop app, which opens on
# the default study (Fashion-MNIST, the fbnet-fmnist space). Arguments are passed to the app.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/setup.sh"

APP="$ROOT/build/app/dnas-studio"
cd "$ROOT"
if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ]]; then
    # A headless server or container: give the app a virtual X screen so the command still
    # works (e.g. to check that it starts); nothing is shown anywhere.
    echo "run-app: no \$DISPLAY - starting dnas-studio under xvfb-run on a virtual screen" \
         "(nothing will be visible; stop it with Ctrl+C)"
    exec xvfb-run -a -s "-screen 0 1600x1000x24" "$APP" "$@"
fi
exec "$APP" "$@"
