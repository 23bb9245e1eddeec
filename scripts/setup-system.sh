#!/usr/bin/env bash
# Installs the Debian packages a fresh machine lacks: the keytar build needs libsecret's headers and
# pkg-config; the tests need Chromium, a real Secret Service (gnome-keyring in a D-Bus session),
# PostgreSQL (team mode's tests start a throwaway cluster of their own; the system one is left alone) and
# curl (to run the commands the console prints).
# Usage: scripts/setup-system.sh [app|test]   (app: what running the app needs; test: also the test tools)
set -euo pipefail

need=(libsecret-1-dev pkg-config)
if [ "${1:-test}" = test ]; then
  need+=(chromium gnome-keyring dbus dbus-x11 postgresql curl)
fi

missing=()
for package in "${need[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null; then
  echo "Please install these packages (or your system's equivalents): ${missing[*]}" >&2
  exit 1
fi
sudo=()
[ "$(id -u)" -ne 0 ] && sudo=(sudo)
echo "Installing system packages: ${missing[*]}"
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
