; bits -- BT BTS BTR BTC (register operands, and memory operands with large and negative bit offsets),
; BSF BSR (with a zero source), SETcc and CMOVcc for all 16 conditions.
; expect-status: 1
;
; BT*: "OP A,N f=F: result=R flags=M": R is the register operand after the instruction, or the memory
; dword that holds the selected bit; the bit offset N is in ECX/CX (or an imm8). SDM Vol. 2 BT: with a
; register operand the offset is taken modulo the operand size; with a memory operand a register offset
; is signed and may address bits far outside the dword (the CPU reads the dword or word at
; address + 4 * (N SAR 5), or + 2 * (N SAR 4) for 16 bits), an immediate offset is taken modulo the size.
; Flags: CF = the selected bit (before BTS/BTR/BTC change it); ZF unaffected; OF SF AF PF undefined.
; Mask FL_CF | FL_ZF (ZF is preset both ways to show it kept).
; BSF BSR: ZF = 1 and the destination undefined when the source is 0 (printed with REPORTF, flags
; only); else ZF = 0 and the destination is the bit index. CF OF SF AF PF undefined. Mask FL_ZF.
; SETcc / CMOVcc: one line per EFLAGS value, one digit per condition in encoding order
; (o no b ae e ne be a s ns p np l ge le g): SETcc's byte, or 1 where CMOVcc moved EBX = 1 into EAX = 0.
; Neither affects a flag.

%include "rom.inc"

BITS_BASE       equ DATA_BASE + 0x100           ; 0x10100: a bit string with room on both sides
%define BUF (DATA_BASE + 0x800)

; BTR op, size, a, n, flags-in (register operand)
%macro BTREG 5
%defstr BT_OP %1
%defstr BT_SZ %2
%defstr BT_A %3
%defstr BT_N %4
%defstr BT_F %5
%strcat BT_NAME BT_OP, BT_SZ, " ", BT_A, ",", BT_N, " f=", BT_F
        SETF %5
        mov eax, %3
        mov ecx, %4
%if %2 == 16
        %1 ax, cx
%else
        %1 eax, ecx
%endif
        REPORT BT_NAME, FL_CF | FL_ZF
%endmacro

; BTMEM op, size, n, flags-in, "name": memory operand at BITS_BASE, offset in CX/ECX; prints the dword
; at the address the bit lives in
%macro BTMEM 5
        call fill_bits
        SETF %4
        mov ecx, %3
%if %2 == 16
        %1 word [BITS_BASE], cx
%else
        %1 dword [BITS_BASE], ecx
%endif
        mov eax, [BITS_BASE + ((%3) >>> 5) * 4]
        REPORT %5, FL_CF | FL_ZF
%endmacro

%macro BSX 4                                    ; op, size, source, "name"
        SETF 0
        mov eax, 0xEEEEEEEE
        mov ebx, %3
%if %2 == 16
        %1 ax, bx
%else
        %1 eax, ebx
%endif
        REPORT %4, FL_ZF
%endmacro

; CCLINE kind, flags: one line of 16 digits for SETcc or CMOVcc under the given EFLAGS
%macro CCLINE 2
%defstr CC_F %2
%ifidn %1, set
%strcat CC_NAME "setcc  f=", CC_F, ": "
%else
%strcat CC_NAME "cmovcc f=", CC_F, ": "
%endif
        PUTS CC_NAME
        SETF %2
%assign cc 0
%rep 16
%ifidn %1, set
        set%[CC %+ cc] byte [BUF + cc]
%else
        mov eax, 0
        mov ebx, 1
        cmov%[CC %+ cc] eax, ebx
        mov [BUF + cc], al
%endif
%assign cc cc + 1
%endrep
        call print_digits
%endmacro

%define CC0 o
%define CC1 no
%define CC2 b
%define CC3 ae
%define CC4 e
%define CC5 ne
%define CC6 be
%define CC7 a
%define CC8 s
%define CC9 ns
%define CC10 p
%define CC11 np
%define CC12 l
%define CC13 ge
%define CC14 le
%define CC15 g

ROM_BEGIN
        ENTER_PM32
        call idt_init32
        PUTLN "bits: start"

; --- register operands: the offset modulo 16 or 32 ---
        BTREG bt, 32, 0x80000001, 0, 0x000
        BTREG bt, 32, 0x80000001, 31, 0x040
        BTREG bt, 32, 0x80000001, 32, 0x000
        BTREG bt, 32, 0x80000001, 35, 0x040
        BTREG bt, 32, 0x80000001, 0xFFFFFFFF, 0x000
        BTREG bt, 16, 0x00008002, 1, 0x040
        BTREG bt, 16, 0x00008002, 17, 0x000
        BTREG bt, 16, 0x00008002, 15, 0x001
        BTREG bts, 32, 0x00000000, 4, 0x041
        BTREG bts, 32, 0x00000010, 36, 0x000
        BTREG btr, 32, 0xFFFFFFFF, 31, 0x000
        BTREG btr, 32, 0x7FFFFFFF, 63, 0x041
        BTREG btc, 32, 0x0000FFFF, 8, 0x000
        BTREG btc, 32, 0x0000FEFF, 8, 0x040
        BTREG bts, 16, 0x12340000, 31, 0x000
        BTREG btr, 16, 0x1234FFFF, 0, 0x040
        BTREG btc, 16, 0x12340001, 16, 0x001

; --- memory operands: the bit string at BITS_BASE holds bytes 0x00, 0x11, 0x22 ... (see fill_bits) ---
        BTMEM bt, 32, 0, 0x000, "bt32 m,0 f=0x000"
        BTMEM bt, 32, 100, 0x040, "bt32 m,100 f=0x040"
        BTMEM bt, 32, 1000, 0x000, "bt32 m,1000 f=0x000"
        BTMEM bt, 32, -1, 0x040, "bt32 m,-1 f=0x040"
        BTMEM bt, 32, -33, 0x000, "bt32 m,-33 f=0x000"
        BTMEM bts, 32, 37, 0x000, "bts32 m,37 f=0x000"
        BTMEM bts, 32, -28, 0x040, "bts32 m,-28 f=0x040"
        BTMEM btr, 32, 77, 0x000, "btr32 m,77 f=0x000"
        BTMEM btr, 32, -2, 0x041, "btr32 m,-2 f=0x041"
        BTMEM btc, 32, 255, 0x000, "btc32 m,255 f=0x000"
        BTMEM btc, 32, -256, 0x001, "btc32 m,-256 f=0x001"
        BTMEM bt, 16, 100, 0x000, "bt16 m,100 f=0x000"
        BTMEM bts, 16, -1, 0x000, "bts16 m,-1 f=0x000"
        ; imm8 offsets on memory are taken modulo the operand size
        call fill_bits
        SETF 0
        bt dword [BITS_BASE + 4], 36            ; bit 4 of 0x77665544
        mov eax, [BITS_BASE + 4]
        REPORT "bt32 m,imm 36 f=0x000", FL_CF | FL_ZF
        SETF 0
        btc word [BITS_BASE + 4], 17            ; bit 1 of the word 0x5544
        mov eax, [BITS_BASE + 4]
        REPORT "btc16 m,imm 17 f=0x000", FL_CF | FL_ZF

; --- BSF / BSR ---
        BSX bsf, 32, 0x00000001, "bsf32 0x00000001"
        BSX bsf, 32, 0x80000000, "bsf32 0x80000000"
        BSX bsf, 32, 0x00010100, "bsf32 0x00010100"
        BSX bsf, 32, 0xFFFFFFFF, "bsf32 0xFFFFFFFF"
        BSX bsr, 32, 0x00000001, "bsr32 0x00000001"
        BSX bsr, 32, 0x80000000, "bsr32 0x80000000"
        BSX bsr, 32, 0x00010100, "bsr32 0x00010100"
        BSX bsr, 32, 0x7FFFFFFF, "bsr32 0x7FFFFFFF"
        BSX bsf, 16, 0xFFFF0100, "bsf16 0x0100"
        BSX bsr, 16, 0x00010300, "bsr16 0x0300"
        mov dword [BUF], 0x00400000
        SETF 0
        mov eax, 0
        bsr eax, [BUF]
        REPORT "bsr32 m 0x00400000", FL_ZF
        ; zero source: ZF = 1, destination undefined (flags only)
        mov eax, 0xEEEEEEEE
        xor ebx, ebx
        SETF 0
        bsf eax, ebx
        REPORTF "bsf32 0x00000000", FL_ZF
        SETF 0
        bsr eax, ebx
        REPORTF "bsr32 0x00000000", FL_ZF
        SETF 0
        bsf ax, bx
        REPORTF "bsf16 0x0000", FL_ZF

; --- SETcc and CMOVcc, conditions in encoding order: o no b ae e ne be a s ns p np l ge le g ---
        CCLINE set, 0x000
        CCLINE set, 0x001
        CCLINE set, 0x004
        CCLINE set, 0x040
        CCLINE set, 0x080
        CCLINE set, 0x800
        CCLINE set, 0x041
        CCLINE set, 0x880
        CCLINE set, 0x0C0
        CCLINE set, 0x840
        CCLINE set, 0x8D5
        CCLINE cmov, 0x000
        CCLINE cmov, 0x001
        CCLINE cmov, 0x004
        CCLINE cmov, 0x040
        CCLINE cmov, 0x080
        CCLINE cmov, 0x800
        CCLINE cmov, 0x041
        CCLINE cmov, 0x880
        CCLINE cmov, 0x0C0
        CCLINE cmov, 0x840
        CCLINE cmov, 0x8D5
        ; SETcc to a high byte register, CMOVcc with a memory source and 16-bit operands
        mov eax, 0x12345678
        SETF 0x001
        setc ah
        REPORT "setc ah f=0x001", F_ALL
        mov dword [BUF], 0xCAFEF00D
        mov eax, 0x11111111
        SETF 0x040
        cmovz eax, [BUF]
        REPORT "cmovz32 m f=0x040", F_ALL
        mov eax, 0x11111111
        SETF 0x000
        cmovz eax, [BUF]
        REPORT "cmovz32 m f=0x000", F_ALL
        mov eax, 0x11111111
        SETF 0x880
        cmovge ax, [BUF]
        REPORT "cmovge16 m f=0x880", F_ALL

        PUTLN "bits: done"
        EXIT 0

; fill_bits: BITS_BASE - 0x40 .. BITS_BASE + 0x40 = bytes (i * 0x11) & 0xFF, i counted from BITS_BASE
; (so [BITS_BASE] = 0x33221100, [BITS_BASE - 4] = 0x33221100 too: i = -4..-1 gives 0xBC 0xCD 0xDE 0xEF)
fill_bits:
        pushfd
        pushad
        mov ecx, -0x40
.l:     mov eax, ecx
        imul eax, eax, 0x11
        mov [BITS_BASE + ecx], al
        inc ecx
        cmp ecx, 0x40
        jl .l
        popad
        popfd
        ret


%include "lib.inc"
ROM_END
