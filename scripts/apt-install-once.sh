#!/usr/bin/env bash
# Install Debian packages for the tests unless COMMAND is already there:
#   scripts/apt-install-once.sh COMMAND PACKAGE...
# Idempotent; needs root or sudo.
set -euo pipefail

command_name=$1
shift
if command -v "$command_name" >/dev/null 2>&1; then
    echo "$command_name already installed"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    else
        echo "apt-install-once.sh: not root and no sudo; install $* by hand" >&2
        exit 1
    fi
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends "$@"
echo "$command_name installed"
