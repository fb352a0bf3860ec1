#!/bin/sh
# Runs the integer-loop ROM (bench/loop.asm) on vtsim, Bochs and QEMU and prints MIPS for each.
# Start-up cost is removed by timing a short and a long run and dividing the extra instructions
# by the extra time: MIPS = 8 * (ITER_LONG - ITER_SHORT) / (t_long - t_short) / 1e6.
# usage: bench/peers.sh [path/to/vtsim]     env: ITER_LONG (default 25000000), REPEAT (3)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
vtsim=${1:-$here/../build/release/vtsim}
long=${ITER_LONG:-25000000}
short=1000
repeat=${REPEAT:-3}
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT
nasm -f bin -DITER=$short -o "$w/short.rom" "$here/loop.asm"
nasm -f bin -DITER=$long -o "$w/long.rom" "$here/loop.asm"

# best-of-N wall time of a command, in seconds
best() {
  b=""
  i=0
  while [ $i -lt "$repeat" ]; do
    s=$(date +%s.%N)
    "$@" >/dev/null 2>&1 || true
    e=$(date +%s.%N)
    t=$(awk -v s="$s" -v e="$e" 'BEGIN { print e - s }')
    if [ -z "$b" ] || awk -v t="$t" -v b="$b" 'BEGIN { exit !(t < b) }'; then b=$t; fi
    i=$((i + 1))
  done
  echo "$b"
}

mips() {  # name, time short, time long
  awk -v n="$1" -v a="$2" -v b="$3" -v l="$long" -v s="$short" 'BEGIN {
    printf "%-8s %8.1f MIPS   (short run %.3f s, long run %.3f s)\n", n, 8 * (l - s) / (b - a) / 1e6, a, b }' 
}

run_vtsim() { "$vtsim" run --rom "$1"; }
run_qemu() {
  qemu-system-i386 -bios "$1" -display none -nodefaults -m 32 \
    -device isa-debug-exit,iobase=0xf4,iosize=0x01 -serial null
}
run_bochs() {
  d=$(mktemp -d "$w/bochs.XXXX")
  cp "$1" "$d/rom.bin"
  printf 'c\n' > "$d/cont.rc"
  cat > "$d/bochsrc" <<RC
megs: 32
romimage: file=rom.bin
cpu: model=core2_penryn_t9600, count=1, ips=4000000000
display_library: sdl2
clock: sync=none
log: /dev/null
panic: action=fatal
RC
  (cd "$d" && SDL_VIDEODRIVER=dummy timeout 300 bochs -q -f bochsrc -rc cont.rc </dev/null)
}

[ -x "$vtsim" ] && mips vtsim "$(best run_vtsim "$w/short.rom")" "$(best run_vtsim "$w/long.rom")"
command -v bochs >/dev/null && mips bochs "$(best run_bochs "$w/short.rom")" "$(best run_bochs "$w/long.rom")"
command -v qemu-system-i386 >/dev/null && mips qemu "$(best run_qemu "$w/short.rom")" "$(best run_qemu "$w/long.rom")"
