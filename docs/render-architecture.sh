#!/usr/bin/env bash
# Renders docs/architecture.svg to docs/architecture.png (2x, for sharp text on high-DPI screens)
# with headless Chromium (Debian: apt-get install -y chromium). Run after editing the SVG and
# commit both files.
set -euo pipefail
cd "$(dirname "$0")"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
"${CHROMIUM:-chromium}" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --hide-scrollbars --force-device-scale-factor=2 \
  --window-size=1280,900 --screenshot="$PWD/architecture.png" "file://$PWD/architecture.svg" 2>/dev/null
echo "wrote $PWD/architecture.png"
