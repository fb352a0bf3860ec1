#!/bin/sh
# Installs the Debian 12 packages vtsim needs, if any is missing (run as root).
set -eu
PKGS="cmake g++ make libboost-program-options-dev libfmt-dev googletest libgtest-dev libbenchmark-dev nasm
binutils-ia64-linux-gnu bochs bochs-sdl qemu-system-x86 valgrind"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "deps.sh: installing$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq $missing >/dev/null
fi
