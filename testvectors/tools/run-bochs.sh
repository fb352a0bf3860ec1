#!/bin/sh
# run-bochs.sh -- run an IA-32 test-vector ROM on Bochs (the reference simulator), headless, with no BIOS,
# and print or check what the guest wrote to COM1. See docs/testvectors.md.
#
# Needs the Debian packages bochs and bochs-sdl (Bochs 2.7 built with its debugger). The ROM (a multiple
# of 64 KiB) is given as `romimage:` without an address, which maps it below 4 GiB and aliases it below
# 1 MiB, so the CPU starts in it at F000:FFF0.

usage() {
  cat <<'EOF'
usage: run-bochs.sh [-e EXPECTED] [-s VECTOR.asm] [-o OUT] [-m MODEL] [-t SECONDS] [-k] ROM

Runs ROM on Bochs and checks that it ended through the "Shutdown" port 0x8900.
  -e EXPECTED   compare the COM1 output with EXPECTED byte for byte (diff -u on a mismatch);
                without -e the COM1 output is printed on stdout
  -s VECTOR.asm read the vector's header directives:
                  ; oracle: skip REASON             do not run; exit 77 (CTest SKIP_RETURN_CODE)
                  ; oracle: bochs-timeout-ok [S]    the vector ends in cli; hlt, which Bochs never
                                                    leaves: run it S seconds (default 3) and take the
                                                    timeout as its end
  -o OUT        also write the COM1 output to OUT
  -m MODEL      Bochs CPU model (default core2_penryn_t9600; `bochs --help cpu` lists them)
  -t SECONDS    time limit (default 20)
  -k            keep the scratch folder (bochsrc, bochs.log, com1.txt) and print its name
Port 0xE9 output (if the guest writes any) is printed on stderr after "--- port 0xE9 ---".
Exit status: 0 success (and output equal to EXPECTED with -e), 1 failure, 2 usage error, 77 skipped.
EOF
}

expected= asm= out= model=core2_penryn_t9600 limit=20 keep=0
while getopts e:s:o:m:t:kh opt; do
  case $opt in
    e) expected=$OPTARG ;;
    s) asm=$OPTARG ;;
    o) out=$OPTARG ;;
    m) model=$OPTARG ;;
    t) limit=$OPTARG ;;
    k) keep=1 ;;
    h) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ $# -eq 1 ] || { usage >&2; exit 2; }
rom=$1
[ -f "$rom" ] || { echo "run-bochs.sh: no ROM file $rom" >&2; exit 2; }
[ -z "$expected" ] || [ -f "$expected" ] || { echo "run-bochs.sh: no expected file $expected" >&2; exit 2; }
command -v bochs >/dev/null 2>&1 || { echo "run-bochs.sh: bochs not found (Debian packages bochs, bochs-sdl)" >&2; exit 2; }

timeout_ok=0
if [ -n "$asm" ]; then
  [ -f "$asm" ] || { echo "run-bochs.sh: no vector source $asm" >&2; exit 2; }
  directive=$(sed -n 's/^;[[:space:]]*oracle:[[:space:]]*//p' "$asm" | head -n 1)
  case $directive in
    skip*) echo "run-bochs.sh: skipped:${directive#skip}" >&2; exit 77 ;;
    bochs-timeout-ok*)
      timeout_ok=1
      secs=$(echo "${directive#bochs-timeout-ok}" | tr -dc '0-9')
      limit=${secs:-3} ;;
    '') ;;
    *) echo "run-bochs.sh: unknown directive '; oracle: $directive' in $asm" >&2; exit 2 ;;
  esac
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/run-bochs.XXXXXX") || exit 1
if [ "$keep" = 1 ]; then echo "run-bochs.sh: scratch folder $work" >&2; else trap 'rm -rf "$work"' EXIT; fi
cp "$rom" "$work/rom.bin" || exit 1
# Debian's Bochs has its debugger built in: the -rc script continues the run. A CPU reset (the
# triple_fault vector's) stops in the debugger once more, hence several "c".
printf 'c\nc\nc\nc\n' > "$work/cont.rc"
cat > "$work/bochsrc" <<EOF
megs: 32
romimage: file=rom.bin
cpu: model=$model, count=1, reset_on_triple_fault=1
port_e9_hack: enabled=1
com1: enabled=1, mode=file, dev=com1.txt
log: bochs.log
display_library: sdl2
clock: sync=none
panic: action=fatal
error: action=report
info: action=report
EOF
(cd "$work" && SDL_VIDEODRIVER=dummy timeout "$limit" bochs -q -f bochsrc -rc cont.rc </dev/null >bochs.out 2>&1)
rc=$?
touch "$work/com1.txt"
[ -z "$out" ] || cp "$work/com1.txt" "$out"

# Port 0xE9 output lands on Bochs's stdout between its own messages; keep what is not Bochs's.
grep -av -e '^[0-9]\{11,\}[a-z]\[' -e '^ALSA lib' -e '^=\{20,\}' -e 'Bochs x86 Emulator' -e 'Built from' \
  -e 'Timestamp:' -e 'Compiled on' -e '^Next at t=' -e '^(0)' -e '<bochs:' -e '^Bochs is exiting' \
  -e '^\[[A-Z0-9 ]\{6\}\] ' -e 'debugger interrupt request' -e 'fgets() returned' -e '^ *$' \
  "$work/bochs.out" > "$work/e9.txt" 2>/dev/null
if [ -s "$work/e9.txt" ]; then echo "--- port 0xE9 ---" >&2; cat "$work/e9.txt" >&2; fi

status=0
if grep -q 'Shutdown port: shutdown requested' "$work/bochs.log" 2>/dev/null; then
  :
elif [ "$rc" = 124 ] && [ "$timeout_ok" = 1 ]; then
  :
elif [ "$rc" = 124 ]; then
  echo "run-bochs.sh: timed out after $limit s without the 0x8900 shutdown" >&2; status=1
else
  echo "run-bochs.sh: bochs exited with status $rc without the 0x8900 shutdown; last log lines:" >&2
  grep -a -e '>>PANIC<<' -e 'e\[' "$work/bochs.log" 2>/dev/null | tail -n 5 >&2
  status=1
fi

if [ -z "$expected" ]; then
  cat "$work/com1.txt"
elif ! cmp -s "$expected" "$work/com1.txt"; then
  echo "run-bochs.sh: COM1 output differs from $expected:" >&2
  diff -u "$expected" "$work/com1.txt" > "$work/diff.txt"
  head -n 200 "$work/diff.txt" >&2
  [ "$(wc -l < "$work/diff.txt")" -le 200 ] || echo "run-bochs.sh: (diff cut at 200 lines)" >&2
  status=1
fi
exit $status
