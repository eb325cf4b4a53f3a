#!/usr/bin/env bash
# Installs what the tests need from Debian's packages, only when missing:
#   gettext          GNU msgcat/msgfmt/msgmerge (the tests compare our catalogs with them byte for byte)
#   chromium, chromium-driver   the real browser the reader tests drive headless
#   nodejs, npm      `npm ci` of axe-core (tests/browser/package-lock.json) for the accessibility audit
set -euo pipefail
need=()
command -v msgcat >/dev/null 2>&1 || need+=(gettext)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
command -v npm >/dev/null 2>&1 || need+=(nodejs npm)
[ ${#need[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "installing Debian packages: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
