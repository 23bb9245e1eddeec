#!/usr/bin/env bash
# Renders build/icon.svg, the one source image, to the 1024x1024 build/icon.png that electron-builder
# turns into every platform's icon. The PNG is committed, so only whoever changes the SVG needs this.
# Needs rsvg-convert (Debian/Ubuntu: apt-get install librsvg2-bin; macOS: brew install librsvg).
set -euo pipefail
cd "$(dirname "$0")/../.."
rsvg-convert --width 1024 --height 1024 --format png --output build/icon.png build/icon.svg
echo "wrote build/icon.png"
