#!/usr/bin/env bash
# Install Debian's chromium for the Playwright browser tests.
#
# Idempotent: does nothing when /usr/bin/chromium already exists.
# Never use `playwright install`: browser builds cannot be downloaded here;
# the tests drive Debian's /usr/bin/chromium through `executable_path`.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
    echo "chromium already installed: $(/usr/bin/chromium --version 2>/dev/null || echo unknown version)"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    else
        echo "install-chromium.sh: not root and no sudo; install the 'chromium' package by hand" >&2
        exit 1
    fi
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends chromium fonts-liberation

echo "chromium installed: $(/usr/bin/chromium --version 2>/dev/null || echo unknown version)"
