#!/usr/bin/env bash
# Runs before `npm test`: the integration specs need the real nginx and promtool.
# On a Debian/Ubuntu machine where we are root (CI, containers) they are installed
# from the distribution; elsewhere we say exactly what to install and stop.
set -euo pipefail
# The transpile cache (tools/ts-register.js) gains an entry per edited file version; entries
# untouched for 30 days are dropped (a file still in use is transpiled again once).
cache="$(dirname "$0")/../node_modules/.cache/platform-ts"
[ -d "$cache" ] && find "$cache" -type f -mtime +30 -delete
missing=()
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || missing+=(nginx)
command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
[ "${#missing[@]}" -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "test-prereqs: installing ${missing[*]} from Debian packages (nginx, promtool for the integration specs)"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  exit 0
fi
echo "test-prereqs: the integration specs need ${missing[*]}; install them first, e.g." >&2
echo "  sudo apt-get install -y ${missing[*]}" >&2
exit 1
