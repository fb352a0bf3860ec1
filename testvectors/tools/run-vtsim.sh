#!/bin/sh
# run-vtsim.sh -- run an IA-32 test-vector ROM on vtsim and check its COM1 output and exit status.
# See docs/testvectors.md.

usage() {
  cat <<'EOF'
usage: run-vtsim.sh [-e EXPECTED] [-s VECTOR.asm] [-x STATUS] [-o OUT] [-n MAX_INSNS] VTSIM ROM

Runs `VTSIM run --rom ROM --serial OUT --max-insns MAX_INSNS` and checks it.
  -e EXPECTED   compare the COM1 output with EXPECTED byte for byte (diff -u on a mismatch);
                without -e the COM1 output is printed on stdout
  -s VECTOR.asm take the expected exit status from the vector's "; expect-status: N" line
  -x STATUS     expected exit status (overrides -s; default 1: the vector wrote 0 to port 0xF4)
  -o OUT        where to write the COM1 output (default: a temporary file)
  -n MAX_INSNS  instruction limit (default 50000000)
vtsim's statuses: 0 clean halt or "Shutdown" on port 0x8900, (v << 1) | 1 for v written to port 0xF4,
2 user error, 4 instruction or cycle limit, 6 triple fault.
Exit status: 0 success, 1 failure, 2 usage error.
EOF
}

expected= asm= want= out= max=50000000
while getopts e:s:x:o:n:h opt; do
  case $opt in
    e) expected=$OPTARG ;;
    s) asm=$OPTARG ;;
    x) want=$OPTARG ;;
    o) out=$OPTARG ;;
    n) max=$OPTARG ;;
    h) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ $# -eq 2 ] || { usage >&2; exit 2; }
vtsim=$1 rom=$2
[ -x "$vtsim" ] || { echo "run-vtsim.sh: $vtsim is not an executable" >&2; exit 2; }
[ -f "$rom" ] || { echo "run-vtsim.sh: no ROM file $rom" >&2; exit 2; }
[ -z "$expected" ] || [ -f "$expected" ] || { echo "run-vtsim.sh: no expected file $expected" >&2; exit 2; }
if [ -z "$want" ] && [ -n "$asm" ]; then
  [ -f "$asm" ] || { echo "run-vtsim.sh: no vector source $asm" >&2; exit 2; }
  want=$(sed -n 's/^;[[:space:]]*expect-status:[[:space:]]*\([0-9][0-9]*\).*/\1/p' "$asm" | head -n 1)
fi
want=${want:-1}

work=$(mktemp -d "${TMPDIR:-/tmp}/run-vtsim.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
[ -n "$out" ] || out=$work/com1.txt
rm -f "$out"
"$vtsim" run --rom "$rom" --serial "$out" --max-insns "$max" >"$work/stdout" 2>"$work/stderr"
rc=$?
touch "$out"

status=0
if [ "$rc" != "$want" ]; then
  echo "run-vtsim.sh: exit status $rc, expected $want" >&2
  echo "--- vtsim stderr (last lines) ---" >&2
  tail -n 30 "$work/stderr" >&2
  status=1
fi
if [ -s "$work/stdout" ]; then
  echo "--- vtsim stdout (port 0xE9) ---" >&2
  tail -n 30 "$work/stdout" >&2
fi
if [ -z "$expected" ]; then
  cat "$out"
elif ! cmp -s "$expected" "$out"; then
  echo "run-vtsim.sh: COM1 output differs from $expected:" >&2
  diff -u "$expected" "$out" > "$work/diff.txt"
  head -n 200 "$work/diff.txt" >&2
  [ "$(wc -l < "$work/diff.txt")" -le 200 ] || echo "run-vtsim.sh: (diff cut at 200 lines)" >&2
  status=1
fi
exit $status
