; muldiv -- MUL, IMUL (one, two and three operands), DIV and IDIV in all sizes, and #DE: divide by
; zero and quotient too large, each with the saved EIP pointing at the faulting instruction.
; expect-status: 1
;
; Line formats (F = EFLAGS before, set by SETF):
;   "mulS A,B f=F: edx=EDX eax=EAX flags=M"      MUL/IMUL r/m: AL/AX/EAX = A, EDX = 0xDDDDDDDD before,
;                                                B in BL/BX/EBX. Products: AX, DX:AX, EDX:EAX.
;   "imulrS A,B f=F: result=R flags=M"           IMUL AX/EAX, BX/EBX (two operands), AX/EAX = A
;   "imuliS A,I f=F: result=R flags=M"           IMUL AX/EAX, BX/EBX, imm (BX/EBX = A, I the immediate
;                                                as the CPU sees it after sign extension)
;   "divS N,D f=F: edx=EDX eax=EAX flags=0"      DIV/IDIV: N the dividend (AX; DX:AX; EDX:EAX; for
;                                                8 bits EDX = 0xDDDDDDDD is untouched), D in BL/BX/EBX
; Masks (SDM Vol. 2): MUL and IMUL define only CF = OF (set when the upper half is significant), SF ZF
; AF PF are undefined: F_CO. DIV and IDIV leave all six undefined: mask 0.
; #DE (SDM Vol. 3 6.15, interrupt 0, a fault): the quotient does not fit (or the divisor is 0); the
; common handler prints "exc vec=00 err=none cs=0008 eip=insn+00" (+00: the saved EIP is the DIV
; itself) and the registers are printed again to show that the DIV did not change them.
; testvectors/tools/sdm-model.py recomputes the mul/imul/div/idiv lines.

%include "rom.inc"

%macro MUL1 5                                   ; op, size, a, b, flags-in
%defstr MD_OP %1
%defstr MD_SZ %2
%defstr MD_A %3
%defstr MD_B %4
%defstr MD_F %5
%strcat MD_NAME MD_OP, MD_SZ, " ", MD_A, ",", MD_B, " f=", MD_F
        SETF %5
        mov eax, %3
        mov edx, 0xDDDDDDDD
        mov ebx, %4
%if %2 == 8
        %1 bl
%elif %2 == 16
        %1 bx
%else
        %1 ebx
%endif
        REPORTD MD_NAME, F_CO
%endmacro

%macro IMUL2 4                                  ; size, a, b, flags-in
%defstr MD_SZ %1
%defstr MD_A %2
%defstr MD_B %3
%defstr MD_F %4
%strcat MD_NAME "imulr", MD_SZ, " ", MD_A, ",", MD_B, " f=", MD_F
        SETF %4
        mov eax, %2
        mov ebx, %3
%if %1 == 16
        imul ax, bx
%else
        imul eax, ebx
%endif
        REPORT MD_NAME, F_CO
%endmacro

%macro IMUL3 5                                  ; size, a, imm, imm as the CPU sees it, flags-in
%defstr MD_SZ %1
%defstr MD_A %2
%defstr MD_B %4
%defstr MD_F %5
%strcat MD_NAME "imuli", MD_SZ, " ", MD_A, ",", MD_B, " f=", MD_F
        SETF %5
        mov eax, %2
        mov ebx, %2
%if %1 == 16
        imul ax, bx, %3
%else
        imul eax, ebx, %3
%endif
        REPORT MD_NAME, F_CO
%endmacro

%macro DIVC 5                                   ; op, size, dividend, divisor, flags-in
%defstr MD_OP %1
%defstr MD_SZ %2
%defstr MD_A %3
%defstr MD_B %4
%defstr MD_F %5
%strcat MD_NAME MD_OP, MD_SZ, " ", MD_A, ",", MD_B, " f=", MD_F
        SETF %5
%if %2 == 8
        mov eax, %3
        mov edx, 0xDDDDDDDD
        mov ebx, %4
        %1 bl
%elif %2 == 16
        mov eax, (%3) & 0xFFFF
        mov edx, (%3) >> 16
        mov ebx, %4
        %1 bx
%else
        mov eax, (%3) & 0xFFFFFFFF
        mov edx, (%3) >> 32
        mov ebx, %4
        %1 ebx
%endif
        REPORTD MD_NAME, 0
%endmacro

; DE name, eax, edx, ebx, insn: an expected #DE, then the registers again (unchanged by the fault)
%macro DE 5+
        PUTLN %1
        mov eax, %2
        mov edx, %3
        mov ebx, %4
        FAULTS %5
        REPORTD "  after #DE", 0
%endmacro

ROM_BEGIN
        ENTER_PM32
        call idt_init32
        PUTLN "muldiv: start"

; --- mul (one operand) ---
        MUL1 mul, 8, 0x00, 0x55, 0x000
        MUL1 mul, 8, 0x02, 0x03, 0x8D5
        MUL1 mul, 8, 0x10, 0x10, 0x000
        MUL1 mul, 8, 0xFF, 0xFF, 0x8D5
        MUL1 mul, 8, 0x80, 0x02, 0x000
        MUL1 mul, 8, 0x7F, 0xFF, 0x8D5
        MUL1 mul, 8, 0xC0, 0x02, 0x000
        MUL1 mul, 8, 0x40, 0x02, 0x8D5
        MUL1 mul, 16, 0x0002, 0x0003, 0x000
        MUL1 mul, 16, 0x0100, 0x0100, 0x8D5
        MUL1 mul, 16, 0xFFFF, 0xFFFF, 0x000
        MUL1 mul, 16, 0x8000, 0x0002, 0x8D5
        MUL1 mul, 16, 0x7FFF, 0xFFFF, 0x000
        MUL1 mul, 16, 0xC000, 0x0002, 0x8D5
        MUL1 mul, 16, 0x4000, 0x0002, 0x000
        MUL1 mul, 32, 0x00000002, 0x00000003, 0x000
        MUL1 mul, 32, 0x00010000, 0x00010000, 0x8D5
        MUL1 mul, 32, 0xFFFFFFFF, 0xFFFFFFFF, 0x000
        MUL1 mul, 32, 0x80000000, 0x00000002, 0x8D5
        MUL1 mul, 32, 0x7FFFFFFF, 0xFFFFFFFF, 0x000
        MUL1 mul, 32, 0xC0000000, 0x00000002, 0x8D5
        MUL1 mul, 32, 0x40000000, 0x00000002, 0x000
; --- imul (one operand) ---
        MUL1 imul, 8, 0x00, 0x55, 0x000
        MUL1 imul, 8, 0x02, 0x03, 0x8D5
        MUL1 imul, 8, 0x10, 0x10, 0x000
        MUL1 imul, 8, 0xFF, 0xFF, 0x8D5
        MUL1 imul, 8, 0x80, 0x02, 0x000
        MUL1 imul, 8, 0x7F, 0xFF, 0x8D5
        MUL1 imul, 8, 0xC0, 0x02, 0x000
        MUL1 imul, 8, 0x40, 0x02, 0x8D5
        MUL1 imul, 16, 0x0002, 0x0003, 0x000
        MUL1 imul, 16, 0x0100, 0x0100, 0x8D5
        MUL1 imul, 16, 0xFFFF, 0xFFFF, 0x000
        MUL1 imul, 16, 0x8000, 0x0002, 0x8D5
        MUL1 imul, 16, 0x7FFF, 0xFFFF, 0x000
        MUL1 imul, 16, 0xC000, 0x0002, 0x8D5
        MUL1 imul, 16, 0x4000, 0x0002, 0x000
        MUL1 imul, 32, 0x00000002, 0x00000003, 0x000
        MUL1 imul, 32, 0x00010000, 0x00010000, 0x8D5
        MUL1 imul, 32, 0xFFFFFFFF, 0xFFFFFFFF, 0x000
        MUL1 imul, 32, 0x80000000, 0x00000002, 0x8D5
        MUL1 imul, 32, 0x7FFFFFFF, 0xFFFFFFFF, 0x000
        MUL1 imul, 32, 0xC0000000, 0x00000002, 0x8D5
        MUL1 imul, 32, 0x40000000, 0x00000002, 0x000
; --- imul (two operands) ---
        IMUL2 16, 0x0002, 0x0003, 0x000
        IMUL2 16, 0x0100, 0x0100, 0x8D5
        IMUL2 16, 0xFFFF, 0xFFFF, 0x000
        IMUL2 16, 0x8000, 0x0002, 0x8D5
        IMUL2 16, 0x7FFF, 0xFFFF, 0x000
        IMUL2 16, 0xC000, 0x0002, 0x8D5
        IMUL2 16, 0x4000, 0x0002, 0x000
        IMUL2 32, 0x00000002, 0x00000003, 0x000
        IMUL2 32, 0x00010000, 0x00010000, 0x8D5
        IMUL2 32, 0xFFFFFFFF, 0xFFFFFFFF, 0x000
        IMUL2 32, 0x80000000, 0x00000002, 0x8D5
        IMUL2 32, 0x7FFFFFFF, 0xFFFFFFFF, 0x000
        IMUL2 32, 0xC0000000, 0x00000002, 0x8D5
        IMUL2 32, 0x40000000, 0x00000002, 0x000
; --- imul (three operands: imm8 sign-extended and full immediate) ---
        IMUL3 16, 0x0003, -2, 0xFFFE, 0x000
        IMUL3 16, 0x4000, 2, 0x0002, 0x8D5
        IMUL3 16, 0x8000, -1, 0xFFFF, 0x000
        IMUL3 16, 0x0100, 0x0100, 0x0100, 0x8D5
        IMUL3 16, 0x7FFF, 0x7FFF, 0x7FFF, 0x000
        IMUL3 32, 0x00000003, -2, 0xFFFFFFFE, 0x000
        IMUL3 32, 0x40000000, 2, 0x00000002, 0x8D5
        IMUL3 32, 0x80000000, -1, 0xFFFFFFFF, 0x000
        IMUL3 32, 0x00010000, 0x00010000, 0x00010000, 0x8D5
        IMUL3 32, 0x00000007, 0x12345678, 0x12345678, 0x000
; --- div ---
        DIVC div, 8, 0x0007, 0x02, 0x000
        DIVC div, 8, 0x00FF, 0x01, 0x8D5
        DIVC div, 8, 0x0100, 0x02, 0x000
        DIVC div, 8, 0x01FE, 0x02, 0x8D5
        DIVC div, 8, 0xFE01, 0xFF, 0x000
        DIVC div, 16, 0x00000007, 0x0002, 0x000
        DIVC div, 16, 0x0000FFFF, 0x0001, 0x8D5
        DIVC div, 16, 0x0001FFFE, 0x0002, 0x000
        DIVC div, 16, 0xFFFEFFFF, 0xFFFF, 0x8D5
        DIVC div, 16, 0x12345678, 0x1235, 0x000
        DIVC div, 32, 0x0000000000000007, 0x00000002, 0x000
        DIVC div, 32, 0x00000001FFFFFFFE, 0x00000002, 0x8D5
        DIVC div, 32, 0xFFFFFFFEFFFFFFFF, 0xFFFFFFFF, 0x000
        DIVC div, 32, 0x0123456789ABCDEF, 0x12345678, 0x8D5
; --- idiv ---
        DIVC idiv, 8, 0x0007, 0x02, 0x000
        DIVC idiv, 8, 0xFFF9, 0x02, 0x8D5
        DIVC idiv, 8, 0x0007, 0xFE, 0x000
        DIVC idiv, 8, 0xFFF9, 0xFE, 0x8D5
        DIVC idiv, 8, 0xFF80, 0x01, 0x000
        DIVC idiv, 8, 0x0080, 0xFF, 0x8D5
        DIVC idiv, 8, 0xFF02, 0x02, 0x000
        DIVC idiv, 8, 0xFFFF, 0xFF, 0x8D5
        DIVC idiv, 16, 0x00000007, 0x0002, 0x000
        DIVC idiv, 16, 0xFFFFFFF9, 0x0002, 0x8D5
        DIVC idiv, 16, 0x00000007, 0xFFFE, 0x000
        DIVC idiv, 16, 0xFFFFFFF9, 0xFFFE, 0x8D5
        DIVC idiv, 16, 0xFFFF8000, 0x0001, 0x000
        DIVC idiv, 16, 0x00008000, 0xFFFF, 0x8D5
        DIVC idiv, 16, 0xFFFFFFFF, 0xFFFF, 0x000
        DIVC idiv, 32, 0x0000000000000007, 0x00000002, 0x000
        DIVC idiv, 32, 0xFFFFFFFFFFFFFFF9, 0x00000002, 0x8D5
        DIVC idiv, 32, 0x0000000000000007, 0xFFFFFFFE, 0x000
        DIVC idiv, 32, 0xFFFFFFFFFFFFFFF9, 0xFFFFFFFE, 0x8D5
        DIVC idiv, 32, 0xFFFFFFFF80000000, 0x00000001, 0x000
        DIVC idiv, 32, 0x0000000080000000, 0xFFFFFFFF, 0x8D5
        DIVC idiv, 32, 0xFFFFFFFFFFFFFFFF, 0xFFFFFFFF, 0x000
        DIVC idiv, 32, 0xFFFFFFFEDCBA9877, 0x00001000, 0x8D5

; --- memory operands ---
        mov dword [DATA_BASE], 0x00010001
        SETF 0
        mov eax, 0x00010001
        mul dword [DATA_BASE]
        REPORTD "mul32 m 0x00010001,0x00010001 f=0x000", F_CO
        mov word [DATA_BASE], 0xFFFF
        SETF 0
        mov eax, 0x00000003
        imul ax, [DATA_BASE]
        REPORT "imulr16 m 0x0003,0xFFFF f=0x000", F_CO
        mov dword [DATA_BASE], 7
        mov eax, 100
        xor edx, edx
        div dword [DATA_BASE]
        REPORTD "div32 m 0x0000000000000064,0x00000007 f=0x000", 0

; --- #DE: divide by zero and quotient overflow (SDM Vol. 2 DIV/IDIV Operation) ---
        DE "div8 by zero (ax=1234)", 0x1234, 0xDDDDDDDD, 0, div bl
        DE "div16 by zero", 0x5678, 0x1234, 0, div bx
        DE "div32 by zero", 0x9ABCDEF0, 0x12345678, 0, div ebx
        DE "idiv32 by zero", 0x9ABCDEF0, 0x12345678, 0, idiv ebx
        DE "div8 quotient 0x100 (0100/01)", 0x0100, 0xDDDDDDDD, 1, div bl
        DE "div16 quotient 0x10000 (00010000/0001)", 0x0000, 0x0001, 1, div bx
        DE "div32 quotient 0x100000000 (0000000100000000/00000001)", 0, 1, 1, div ebx
        DE "idiv8 quotient +128 (FF80/FF)", 0xFF80, 0xDDDDDDDD, 0xFF, idiv bl
        DE "idiv16 quotient +32768 (FFFF8000/FFFF)", 0x8000, 0xFFFF, 0xFFFF, idiv bx
        DE "idiv32 quotient +2^31 (FFFFFFFF80000000/FFFFFFFF)", 0x80000000, 0xFFFFFFFF, 0xFFFFFFFF, idiv ebx
        DE "idiv8 quotient -129 (FEFE/02)", 0xFEFE, 0xDDDDDDDD, 2, idiv bl
        mov dword [DATA_BASE], 0
        DE "div32 memory operand by zero", 1, 0, 0, div dword [DATA_BASE]

        PUTLN "muldiv: done"
        EXIT 0

%include "lib.inc"
ROM_END
