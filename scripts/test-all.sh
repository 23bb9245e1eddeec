#!/usr/bin/env bash
# README's test command: installs what a fresh Debian machine lacks, then runs every check inside a
# private D-Bus session with an unlocked gnome-keyring, and ends with one line of real counts.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup-system.sh test
npm ci --no-audit --no-fund
scripts/with-keyring.sh bash scripts/run-checks.sh
