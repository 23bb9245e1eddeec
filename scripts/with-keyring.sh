#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring (a real Secret Service),
# on a throwaway XDG_DATA_HOME so an existing login keyring with an unknown password is never touched.
# Usage: scripts/with-keyring.sh <command> [args...]
set -euo pipefail

if [ -z "${GENAUTH_KEYRING_SESSION:-}" ]; then
  export GENAUTH_KEYRING_SESSION=1
  XDG_DATA_HOME=$(mktemp -d)
  export XDG_DATA_HOME
  trap 'rm -rf "$XDG_DATA_HOME"' EXIT
  dbus-run-session -- "$0" "$@"
  exit $?
fi

# Inside the session: unlock a fresh keyring with a throwaway password, then run the command.
eval "$(printf 'throwaway-test-password' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
exec "$@"
