#!/usr/bin/env bash
# Debian packages the test suite uses. Installs only what is missing; safe to run again.
set -euo pipefail

# fonts-noto-color-emoji: the browser tests' screenshots show the emoji buttons, not empty boxes
PACKAGES=(sqlite3 wordnet-base espeak-ng chromium redis-server fonts-noto-color-emoji)

missing=()
for package in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
        || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    echo "Please install these Debian packages: ${missing[*]}" >&2
    exit 1
fi
echo "Installing ${missing[*]}…"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
