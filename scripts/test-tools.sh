#!/usr/bin/env bash
# Install the system tools the tests drive, when missing: from Debian (apt-get, as root
# or through sudo) Chromium, git, rsync, nginx, Node.js with npm and a Java runtime (for
# the Nu HTML Checker); from npm into tests/tools/node_modules: s3rver (a real
# S3-compatible store), vnu-jar, axe-core and sitemap (its sitemaps.org XSD).
# Says what it installs before it does. Idempotent: a second run installs nothing.
# Called by scripts/check.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
# Chromium with its recommended packages (fonts among them), as Debian installs it.
with_recommends=()
command -v chromium >/dev/null 2>&1 || with_recommends+=(chromium)
command -v git >/dev/null 2>&1 || need_apt+=(git)
command -v rsync >/dev/null 2>&1 || need_apt+=(rsync)
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || need_apt+=(nginx)
command -v npm >/dev/null 2>&1 || need_apt+=(nodejs npm)
command -v java >/dev/null 2>&1 || need_apt+=(default-jre-headless)
everything=("${with_recommends[@]}" "${need_apt[@]}")
if [ ${#everything[@]} -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null 2>&1; then
      echo "scripts/test-tools.sh: the tests need ${everything[*]}; run this as root" \
        "(apt-get installs them) or install them yourself" >&2
      exit 1
    fi
    sudo="sudo"
  fi
  echo "scripts/test-tools.sh: installing with apt-get${sudo:+ (through sudo)}:" \
    "${everything[*]}" >&2
  $sudo apt-get update -qq
  if [ ${#with_recommends[@]} -gt 0 ]; then
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
      "${with_recommends[@]}" >/dev/null
  fi
  if [ ${#need_apt[@]} -gt 0 ]; then
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
      --no-install-recommends "${need_apt[@]}" >/dev/null
  fi
  # Debian starts nginx as a service on install; the tests run their own on a free port.
  if [[ " ${need_apt[*]} " == *" nginx "* ]] && command -v service >/dev/null 2>&1; then
    $sudo service nginx stop >/dev/null 2>&1 || true
  fi
fi

if [ ! -x tests/tools/node_modules/.bin/s3rver ] \
  || [ ! -f tests/tools/node_modules/vnu-jar/build/dist/vnu.jar ] \
  || [ ! -f tests/tools/node_modules/axe-core/axe.min.js ] \
  || [ ! -f tests/tools/node_modules/sitemap/schema/sitemap.xsd ]; then
  echo "scripts/test-tools.sh: installing with npm into tests/tools/:" \
    "s3rver vnu-jar axe-core sitemap" >&2
  # ci: exactly what package-lock.json pins.
  npm ci --prefix tests/tools --no-audit --no-fund --loglevel=error
fi
