#!/bin/sh
# Installs what is missing, builds vtsim (CI preset: warnings are errors) and runs every test.
set -eu
cd "$(dirname "$0")/.."
./scripts/deps.sh
cmake --preset ci >/dev/null
cmake --build --preset ci
ctest --preset ci --output-on-failure -j2
