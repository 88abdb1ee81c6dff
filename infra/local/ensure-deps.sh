#!/usr/bin/env bash
# Installs what this machine lacks for the product to start and its tests to run: Java (DynamoDB
# Local), Chromium (browser tests), poppler-utils (pdftotext/pdftoppm), then the npm packages.
# Debian packages are installed only when running as root; otherwise the missing ones are named.
set -euo pipefail
cd "$(dirname "$0")/../.."

need=()
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian packages: ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "missing Debian packages: ${need[*]} (run as root, or install them with apt-get)" >&2
  fi
fi

# npm writes node_modules/.package-lock.json on every install; a package-lock.json newer than it
# means the tree is out of date (a fresh clone, or a pull that changed dependencies).
installed=node_modules/.package-lock.json
if [ ! -f "$installed" ] || [ package-lock.json -nt "$installed" ]; then
  echo "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi
