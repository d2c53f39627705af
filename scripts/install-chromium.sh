#!/usr/bin/env bash
# Install Debian's chromium for the Playwright browser tests.
#
# Idempotent: does nothing when /usr/bin/chromium already exists.
# Never use `playwright install`: browser builds cannot be downloaded here;
# the tests drive Debian's /usr/bin/chromium through `executable_path`.
set -euo pipefail

bash "$(dirname "$0")/apt-install-once.sh" /usr/bin/chromium chromium fonts-liberation
echo "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo unknown version)"
