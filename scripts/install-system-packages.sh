#!/usr/bin/env bash
# Installs what the tests need that npm cannot: the PostgreSQL server binaries (the suite starts
# a throwaway cluster from them) and Debian's Chromium (browser tests, accessibility checks and
# PDF; Playwright's own browser download does not work here). Idempotent.
set -euo pipefail

missing=()
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then missing+=(postgresql); fi
if [ ! -x /usr/bin/chromium ]; then missing+=(chromium fonts-liberation); fi
if ! command -v pdftotext >/dev/null 2>&1; then missing+=(poppler-utils); fi

if [ ${#missing[@]} -eq 0 ]; then
  echo "System packages: all present."
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing Debian packages: ${missing[*]}. Run this script as root, or: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "Installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
# The Debian package starts a cluster of its own; the tests do not use it.
if command -v pg_lsclusters >/dev/null 2>&1; then
  pg_lsclusters --no-header 2>/dev/null | while read -r version name _; do pg_ctlcluster "$version" "$name" stop 2>/dev/null || true; done
fi
