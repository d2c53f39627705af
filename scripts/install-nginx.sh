#!/usr/bin/env bash
# Install Debian's nginx for the test that runs the bundled proxy configuration
# (docker/nginx/: real_ip from NEWSROOM_TRUSTED_PROXIES, embargo tokens redacted from the log).
#
# Idempotent: does nothing when nginx is already installed. The test starts its own nginx on a
# free loopback port with its own configuration; the package's service is not used.
set -euo pipefail

if command -v nginx >/dev/null 2>&1; then
    echo "nginx already installed: $(nginx -v 2>&1)"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    else
        echo "install-nginx.sh: not root and no sudo; install the 'nginx-light' package by hand" >&2
        exit 1
    fi
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends nginx-light

echo "nginx installed: $(nginx -v 2>&1)"
