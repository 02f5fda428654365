#!/usr/bin/env bash
# Install the system tools the tests drive, when missing: Debian's git, rsync, nginx and a
# Java runtime (for the Nu HTML Checker), and from npm into tests/tools/node_modules:
# s3rver (a real S3-compatible store), vnu-jar, axe-core and sitemap (its sitemaps.org XSD).
# Idempotent: a second run installs nothing. Called by scripts/check.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v git >/dev/null 2>&1 || need_apt+=(git)
command -v rsync >/dev/null 2>&1 || need_apt+=(rsync)
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || need_apt+=(nginx)
command -v npm >/dev/null 2>&1 || need_apt+=(nodejs npm)
command -v java >/dev/null 2>&1 || need_apt+=(default-jre-headless)
if [ ${#need_apt[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    "${need_apt[@]}" >/dev/null
  # Debian starts nginx as a service on install; the tests run their own on a free port.
  if [[ " ${need_apt[*]} " == *" nginx "* ]] && command -v service >/dev/null 2>&1; then
    $sudo service nginx stop >/dev/null 2>&1 || true
  fi
fi

if [ ! -x tests/tools/node_modules/.bin/s3rver ] \
  || [ ! -f tests/tools/node_modules/vnu-jar/build/dist/vnu.jar ] \
  || [ ! -f tests/tools/node_modules/axe-core/axe.min.js ] \
  || [ ! -f tests/tools/node_modules/sitemap/schema/sitemap.xsd ]; then
  # ci: exactly what package-lock.json pins.
  npm ci --prefix tests/tools --no-audit --no-fund --loglevel=error
fi
