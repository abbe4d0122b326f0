#!/usr/bin/env bash
# Make sure Debian's chromium is installed at /usr/bin/chromium, for the browser tests.
#
# Idempotent and quiet when it is already there. Playwright's own browser
# download (`playwright install`) cannot run here and is not needed: the tests
# drive this system chromium through Playwright for Python.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
  else
    echo "ensure_chromium: /usr/bin/chromium is missing and this user cannot run apt-get (not root, no sudo)" >&2
    exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
echo "ensure_chromium: installing Debian's chromium with apt-get" >&2
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! { $SUDO apt-get update -qq && \
       $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core; } >"$log" 2>&1; then
  cat "$log" >&2
  echo "ensure_chromium: apt-get failed (see above)" >&2
  exit 1
fi

if [ ! -x /usr/bin/chromium ]; then
  echo "ensure_chromium: apt-get finished but /usr/bin/chromium is still missing" >&2
  exit 1
fi
echo "ensure_chromium: $(/usr/bin/chromium --version 2>/dev/null || echo chromium installed)" >&2
