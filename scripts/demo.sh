#!/bin/sh
# Installs what is missing, builds vtsim and runs the bundled demo ROM (it prints through COM1).
set -eu
cd "$(dirname "$0")/.."
./scripts/deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target vtsim demo_rom
./build/release/vtsim run --rom build/release/testvectors/demo/hello.rom --stats
