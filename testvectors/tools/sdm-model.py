#!/usr/bin/env python3
"""sdm-model.py -- recompute the report lines of the IA-32 vectors from the Intel SDM's definitions.

usage: sdm-model.py FILE.expected...   (or a Bochs or vtsim output file)

Reads lines of the form "OPSIZE A[,B[,C]] f=F: result=R flags=M" or "... edx=D eax=A flags=M" (the
format of report.inc with the names the alu, shift, muldiv, bcd and bits vectors give their cases),
computes the result and the defined flags from the Operation and "Flags Affected" sections of SDM
Vol. 2, and prints every line that disagrees. Lines it does not model are counted and skipped. Exit status 0 when all modelled lines agree, 1 otherwise.
This is how the expected files of those vectors were checked against the manual, line by line; it is
an independent second reading, not a simulator (it shares no code with vtsim).
"""
import re
import sys

CF, PF, AF, ZF, SF, OF = 0x1, 0x4, 0x10, 0x40, 0x80, 0x800
ALL = CF | PF | AF | ZF | SF | OF


def parity(v):
    return PF if bin(v & 0xFF).count("1") % 2 == 0 else 0


def szp(res, size):
    return (SF if res >> (size - 1) & 1 else 0) | (ZF if res == 0 else 0) | parity(res)


def add(a, b, c, size):
    m = (1 << size) - 1
    r = a + b + c
    res = r & m
    f = szp(res, size)
    f |= CF if r >> size else 0
    f |= OF if ((a ^ res) & (b ^ res)) >> (size - 1) & 1 else 0
    f |= AF if (a ^ b ^ res) & 0x10 else 0
    return res, f


def sub(a, b, c, size):
    m = (1 << size) - 1
    r = a - b - c
    res = r & m
    f = szp(res, size)
    f |= CF if r < 0 else 0
    f |= OF if ((a ^ b) & (a ^ res)) >> (size - 1) & 1 else 0
    f |= AF if (a ^ b ^ res) & 0x10 else 0
    return res, f


def merge(fin, fnew, defined):
    """Flags after an instruction that writes `defined` (others keep their value)."""
    return (fin & ~defined) | (fnew & defined)


# Each model returns (result, flags, mask): mask = the flags the SDM defines for the case.
def m_binary(op, size, a, b, fin):
    m = (1 << size) - 1
    cin = fin & CF
    if op == "add":
        r, f = add(a, b, 0, size)
    elif op == "adc":
        r, f = add(a, b, cin, size)
    elif op in ("sub", "cmp"):
        r, f = sub(a, b, 0, size)
    elif op == "sbb":
        r, f = sub(a, b, cin, size)
    elif op in ("and", "or", "xor", "test"):
        r = {"and": a & b, "or": a | b, "xor": a ^ b, "test": a & b}[op] & m
        return (a if op == "test" else r), szp(r, size), ALL & ~AF
    else:
        return None
    return (a if op == "cmp" else r), f, ALL


def m_unary(op, size, a, fin):
    m = (1 << size) - 1
    if op == "inc":
        r, f = add(a, 1, 0, size)
        return r, merge(fin, f, ALL & ~CF), ALL
    if op == "dec":
        r, f = sub(a, 1, 0, size)
        return r, merge(fin, f, ALL & ~CF), ALL
    if op == "neg":
        r, f = sub(0, a, 0, size)
        return r, f, ALL
    if op == "not":
        return ~a & m, fin, ALL
    return None


def msb(v, size):
    return v >> (size - 1) & 1


def m_shift(op, size, a, count, fin):
    """SAL/SAR/SHL/SHR and RCL/RCR/ROL/ROR, Operation sections."""
    m = (1 << size) - 1
    c = count & 0x1F
    if c == 0:
        return a, fin, ALL
    dest, cf, of = a, fin & CF, None
    if op in ("shl", "sal", "shr", "sar"):
        for _ in range(c):
            if op in ("shl", "sal"):
                cf = msb(dest, size)
                dest = dest << 1 & m
            else:
                cf = dest & 1
                dest = (dest >> 1) | (dest & (1 << (size - 1)) if op == "sar" else 0)
        if c == 1:
            of = {"shl": msb(dest, size) ^ cf, "sal": msb(dest, size) ^ cf, "shr": msb(a, size), "sar": 0}[op]
        f = szp(dest, size) | (CF if cf else 0) | (OF if of else 0)
        mask = SF | ZF | PF | (OF if c == 1 else 0)
        if op == "sar" or c < size:
            mask |= CF
        return dest, f, mask
    if op in ("rol", "ror"):
        t = c % size
        for _ in range(t):
            if op == "rol":
                dest = (dest << 1 & m) | msb(dest, size)
            else:
                dest = (dest >> 1) | ((dest & 1) << (size - 1))
        if op == "rol":
            cf = dest & 1
            of = msb(dest, size) ^ cf
        else:
            cf = msb(dest, size)
            of = msb(dest, size) ^ (dest >> (size - 2) & 1)
    else:  # rcl, rcr
        t = c % 9 if size == 8 else c % 17 if size == 16 else c
        if op == "rcr" and c == 1:
            of = msb(dest, size) ^ cf
        for _ in range(t):
            if op == "rcl":
                tmp = msb(dest, size)
                dest = (dest << 1 & m) | cf
            else:
                tmp = dest & 1
                dest = (dest >> 1) | (cf << (size - 1))
            cf = tmp
        if op == "rcl" and c == 1:
            of = msb(dest, size) ^ cf
    f = (fin & ~(CF | OF)) | (CF if cf else 0) | (OF if of else 0)
    return dest, f, SF | ZF | AF | PF | CF | (OF if c == 1 else 0)


def m_double(op, size, d, s, count, fin):
    """SHLD/SHRD, Operation sections."""
    m = (1 << size) - 1
    c = count % 32
    if c == 0:
        return d, fin, ALL
    if c > size:
        return None, 0, 0
    if op == "shld":
        cf = d >> (size - c) & 1
        res = ((d << c) | (s >> (size - c))) & m
    else:
        cf = d >> (c - 1) & 1
        res = ((d >> c) | (s << (size - c))) & m
    f = szp(res, size) | (CF if cf else 0)
    if c == 1 and msb(res, size) != msb(d, size):
        f |= OF
    return res, f, SF | ZF | PF | CF | (OF if c == 1 else 0)


def sx(v, size):
    v &= (1 << size) - 1
    return v - (1 << size) if v >> (size - 1) else v


def m_muldiv(op, size, a, b, fin):
    """MUL, IMUL (one operand), DIV, IDIV: returns (edx, eax, flags, mask). EAX and EDX start as in the
    vector: EAX = A (the dividend's low half for 16 and 32 bits), EDX = 0xDDDDDDDD for 8 bits and for
    one-operand multiplies, the dividend's high half for 16- and 32-bit divides."""
    m = (1 << size) - 1
    if op in ("mul", "imul"):
        edx = 0xDDDDDDDD
        if op == "mul":
            p = (a & m) * (b & m)
            big = p >> size != 0
        else:
            p = sx(a, size) * sx(b, size)
            big = sx(p, size) != p
            p &= (1 << (2 * size)) - 1
        f = (CF | OF) if big else 0
        if size == 8:
            return edx, (a & ~0xFFFF) | p, f, CF | OF
        if size == 16:
            return (edx & ~0xFFFF) | p >> 16, (a & ~0xFFFF) | (p & 0xFFFF), f, CF | OF
        return p >> 32, p & 0xFFFFFFFF, f, CF | OF
    # div, idiv: a is the whole dividend (2 * size bits)
    if op == "div":
        q, r = divmod(a, b)
    else:
        n, d = sx(a, 2 * size), sx(b, size)
        q = abs(n) // abs(d) * (1 if (n < 0) == (d < 0) else -1)
        r = n - q * d
        if sx(q, size) != q:
            return None
        q &= m
        r &= m
    if q > m:
        return None
    if size == 8:
        return 0xDDDDDDDD, (r << 8) | q, 0, 0
    return r, q, 0, 0  # 16 bits: DX = r, AX = q, and the vector's upper halves are 0


def m_bcd(op, ax, imm, fin):
    """DAA DAS AAA AAS AAM AAD, Operation sections (current SDM wording)."""
    al, cf, af = ax & 0xFF, fin & CF, fin & AF
    if op == "daa":
        old_al, old_cf, cf = al, cf, 0
        if (al & 0xF) > 9 or af:
            cf = 1 if old_cf or al + 6 > 0xFF else 0
            al, af = (al + 6) & 0xFF, 1
        else:
            af = 0
        if old_al > 0x99 or old_cf:
            al, cf = (al + 0x60) & 0xFF, 1
        else:
            cf = 0
        return (ax & ~0xFF) | al, szp(al, 8) | (CF if cf else 0) | (AF if af else 0), ALL & ~OF
    if op == "das":
        old_al, old_cf, cf = al, cf, 0
        if (al & 0xF) > 9 or af:
            cf = 1 if old_cf or al < 6 else 0
            al, af = (al - 6) & 0xFF, 1
        else:
            af = 0
        if old_al > 0x99 or old_cf:
            al, cf = (al - 0x60) & 0xFF, 1
        return (ax & ~0xFF) | al, szp(al, 8) | (CF if cf else 0) | (AF if af else 0), ALL & ~OF
    if op in ("aaa", "aas"):
        if (al & 0xF) > 9 or af:
            if op == "aaa":
                ax = (ax + 0x106) & 0xFFFF
            else:
                ax = (ax - 6) & 0xFFFF
                ax = (((ax >> 8) - 1) & 0xFF) << 8 | (ax & 0xFF)
            f = AF | CF
        else:
            f = 0
        return ax & 0xFF0F, f, AF | CF
    if op == "aam":
        if imm == 0:
            return None
        al = (ax & 0xFF) % imm
        return (ax & 0xFF) // imm << 8 | al, szp(al, 8), SF | ZF | PF
    if op == "aad":
        al = ((ax & 0xFF) + (ax >> 8 & 0xFF) * imm) & 0xFF
        return al, szp(al, 8), SF | ZF | PF
    return None


LINE = re.compile(r"^([a-z]+?)(8|16|32) ((?:(?:0x[0-9A-F]+|\d+),?)+) f=0x([0-9A-F]+): (?:result=([0-9A-F]{8}) )?flags=([0-9A-F]{8})$")


LINE_D = re.compile(r"^([a-z]+?)(8|16|32) ((?:0x[0-9A-F]+,?)+) f=0x([0-9A-F]+): edx=([0-9A-F]{8}) eax=([0-9A-F]{8}) flags=([0-9A-F]{8})$")


def check_d(mt):
    """An "edx= eax=" line: returns a list of problems, or None when not modelled."""
    op, size = mt.group(1), int(mt.group(2))
    args = [int(x, 16) for x in mt.group(3).split(",")]
    fin = int(mt.group(4), 16)
    if op not in ("mul", "imul", "div", "idiv") or len(args) != 2:
        return None
    out = m_muldiv(op, size, args[0], args[1], fin)
    if out is None:
        return ["the SDM raises #DE here"]
    edx, eax, fl, mask = out
    got_edx, got_eax, got_f = (int(mt.group(i), 16) for i in (5, 6, 7))
    problems = []
    if (got_edx, got_eax) != (edx, eax):
        problems.append("edx:eax %08X:%08X, SDM %08X:%08X" % (got_edx, got_eax, edx, eax))
    if got_f != fl & mask:
        problems.append("flags %08X, SDM %08X (mask %03X)" % (got_f, fl & mask, mask))
    return problems


def m_bt(op, size, a, n, fin):
    """BT/BTS/BTR/BTC with a register operand: the offset is taken modulo the operand size; CF = the
    bit before the change, ZF unaffected, OF SF AF PF undefined."""
    m = (1 << size) - 1
    bit = n % size
    cf = a >> bit & 1
    r = {"bt": a, "bts": a | 1 << bit, "btr": a & ~(1 << bit), "btc": a ^ 1 << bit}[op] & m
    return r, (fin & ZF) | (CF if cf else 0), CF | ZF


def model(op, size, args, fin):
    if op in ("bt", "bts", "btr", "btc") and len(args) == 2:
        return m_bt(op, size, args[0] & ((1 << size) - 1), args[1], fin)
    if op in ("daa", "das", "aaa", "aas") and len(args) == 1:
        return m_bcd(op, args[0], 0, fin)
    if op in ("aam", "aad") and len(args) == 2:
        return m_bcd(op, args[0], args[1], fin)
    if op in ("imulr", "imuli") and len(args) == 2:
        m = (1 << size) - 1
        p = sx(args[0], size) * sx(args[1], size)
        return p & m, (CF | OF) if sx(p, size) != p else 0, CF | OF
    if op in ("shl", "sal", "shr", "sar", "rol", "ror", "rcl", "rcr") and len(args) == 2:
        return m_shift(op, size, args[0], args[1], fin)
    if op in ("shld", "shrd") and len(args) == 3:
        return m_double(op, size, args[0], args[1], args[2], fin)
    if len(args) == 2:
        return m_binary(op, size, args[0], args[1], fin)
    if len(args) == 1:
        return m_unary(op, size, args[0], fin)
    return None


def main(paths):
    if not paths:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    bad = checked = skipped = 0
    for path in paths:
        with open(path) as f:
            for n, line in enumerate(f, 1):
                line = line.rstrip("\n")
                md = LINE_D.match(line)
                if md:
                    problems = check_d(md)
                    if problems is None:
                        skipped += 1
                    else:
                        checked += 1
                        if problems:
                            bad += 1
                            print("%s:%d: %s: %s" % (path, n, line, "; ".join(problems)))
                    continue
                mt = LINE.match(line)
                if not mt:
                    continue
                op, size = mt.group(1), int(mt.group(2))
                args = [int(x, 0) for x in mt.group(3).split(",")]
                fin = int(mt.group(4), 16)
                got_r = mt.group(5)
                got_f = int(mt.group(6), 16)
                out = model(op, size, args, fin)
                if out is None:
                    skipped += 1
                    continue
                r, fl, mask = out
                # the vectors load EAX with the first operand: upper bits beyond the size are A's
                upper = args[0] & ~((1 << size) - 1) & 0xFFFFFFFF
                if op in ("daa", "das", "aaa", "aas", "aam", "aad"):
                    upper = 0  # these models return the whole of AX; EAX's upper half is 0
                want_r = None if r is None else (upper | r) & 0xFFFFFFFF
                checked += 1
                problems = []
                if got_r is not None and want_r is not None and int(got_r, 16) != want_r:
                    problems.append("result %08X, SDM %08X" % (int(got_r, 16), want_r))
                if got_f != fl & mask:
                    problems.append("flags %08X, SDM %08X (mask %03X)" % (got_f, fl & mask, mask))
                if problems:
                    bad += 1
                    print("%s:%d: %s: %s" % (path, n, line, "; ".join(problems)))
    print("sdm-model: %d lines checked, %d disagree, %d not modelled" % (checked, bad, skipped))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
