#!/bin/sh
# Installs the Debian packages Krait's build and tests need.  Quiet and quick
# when everything is already there; safe to run again.
set -e
PKGS="gcc make time libgmp-dev unicode-data python3.11 libpython3.11-stdlib libpython3.11-testsuite"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "installing:$missing"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
