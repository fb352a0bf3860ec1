; control -- near and far CALL/JMP/RET (RET imm16), LOOP/LOOPE/LOOPNE, JCXZ/JECXZ, all 16 Jcc (short and
; near forms), INT n/IRET through interrupt and trap gates, INTO (#OF) and BOUND (#BR).
; expect-status: 1
;
; Return addresses and saved EIPs are printed relative to a label ("ret=after+00" means the pushed
; address is the instruction after the CALL), so the output does not depend on code placement.
; Rules checked (SDM Vol. 2 CALL, RET, JMP, Jcc, LOOP/LOOPcc, JrCXZ, INT n/INTO/INT3, IRET, BOUND;
; Vol. 3 6.12):
; - CALL pushes the address of the next instruction; a far CALL pushes CS (in a 32-bit slot; only its
;   low word is printed) then EIP; RET imm16 / RETF imm16 release imm16 more bytes after the return.
; - LOOP decrements ECX (CX with a 67h prefix) without touching flags and jumps while it is not 0;
;   LOOPE also needs ZF = 1, LOOPNE ZF = 0. JECXZ tests ECX, JCXZ (67h) tests CX.
; - Jcc digits: one line per EFLAGS value, 1 = taken, conditions in encoding order
;   (o no b ae e ne be a s ns p np l ge le g).
; - INT n pushes EFLAGS, CS, EIP of the next instruction; an interrupt gate clears IF (and TF), a trap
;   gate leaves IF alone; IRET restores EFLAGS.
; - INTO with OF = 1 raises #OF (vector 4), a trap: the saved EIP follows the INTO. BOUND out of
;   range raises #BR (vector 5), a fault: the saved EIP is the BOUND.

%include "rom.inc"

%define BUF (DATA_BASE)
int_insn        equ user_vars                   ; address of the INT instruction under test

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

; JCCLINE short|near, flags
%macro JCCLINE 2
%defstr JC_F %2
%defstr JC_K %1
%strcat JC_NAME "jcc ", JC_K, " f=", JC_F, ": "
        PUTS JC_NAME
        SETF %2
%assign cc 0
%rep 16
        j%[CC %+ cc] %1 %%taken %+ cc
        mov byte [BUF + cc], 0
        jmp %%next %+ cc
%%taken %+ cc:
        mov byte [BUF + cc], 1
%%next %+ cc:
%assign cc cc + 1
%endrep
        call print_digits
%endmacro

; SHOWRET label: in a callee with EBP = its frame (push ebp; mov ebp, esp), print "ret=after+XX" for
; the return address at [EBP + 4] relative to label
%macro SHOWRET 1
        mov eax, [ebp + 4]
        sub eax, %1
        PUTS " ret=after+"
        PUTHEX8 al
%endmacro

ROM_BEGIN
        ENTER_PM32
        call idt_init32
        call pic_init32                         ; all IRQs masked, so STI below is safe
        PUTLN "control: start"

; --- near CALL / RET ---
        mov ebx, esp
        mov dword [int_insn], .after1
        call near_func
.after1:
        sub ebx, esp
        PUTS "call rel32: esp delta after ret="
        PUTHEX32 ebx
        NEWLINE
        mov eax, near_func
        mov dword [int_insn], .after2
        call eax
.after2:
        mov dword [BUF], near_func
        mov dword [int_insn], .after3
        call [BUF]
.after3:
        mov ebx, esp
        push dword 0x11111111
        push dword 0x22222222
        call ret8_func                          ; RET 8 drops the two arguments
        sub ebx, esp
        PUTS "ret 8: esp delta="
        PUTHEX32 ebx
        NEWLINE

; --- far CALL / RETF ---
        mov ebx, esp
        call SEL_CODE32:far_func
.after4:
        sub ebx, esp
        PUTS "call far ptr16:32: esp delta after retf="
        PUTHEX32 ebx
        NEWLINE
        mov dword [BUF], far_func12
        mov word [BUF + 4], SEL_CODE32
        mov ebx, esp
        push dword 0xAAAAAAAA
        push dword 0xBBBBBBBB
        push dword 0xCCCCCCCC
        call far [BUF]                          ; m16:32
.after5:
        sub ebx, esp
        PUTS "call far m16:32, retf 12: esp delta="
        PUTHEX32 ebx
        NEWLINE

; --- JMP forms ---
        jmp short .j1
        PUTLN "jmp short: not taken (wrong)"
.j1:    jmp near .j2
        PUTLN "jmp near: not taken (wrong)"
.j2:    mov eax, .j3
        jmp eax
        PUTLN "jmp eax: not taken (wrong)"
.j3:    mov dword [BUF], .j4
        jmp [BUF]
        PUTLN "jmp m32: not taken (wrong)"
.j4:    jmp SEL_CODE32:.j5
        PUTLN "jmp ptr16:32: not taken (wrong)"
.j5:    mov dword [BUF], .j6
        mov word [BUF + 4], SEL_CODE32
        jmp far [BUF]
        PUTLN "jmp m16:32: not taken (wrong)"
.j6:    PUTLN "jmp short, near, eax, m32, ptr16:32, m16:32: all taken"

; --- LOOP family ---
        xor eax, eax
        mov ecx, 3
.l1:    inc eax
        loop .l1
        PUTS "loop ecx=3: eax="
        PUTHEX32 eax
        PUTS " ecx="
        PUTHEX32 ecx
        NEWLINE
        xor eax, eax
        mov ecx, 1
.l2:    inc eax
        loop .l2
        PUTS "loop ecx=1: eax="
        PUTHEX32 eax
        PUTS " ecx="
        PUTHEX32 ecx
        NEWLINE
        xor eax, eax
        mov ecx, 0x00010003
.l3:    inc eax
        a16 loop .l3                            ; 67 E2: CX counts, ECX's upper half stays
        PUTS "loop cx (a16) ecx=00010003: eax="
        PUTHEX32 eax
        PUTS " ecx="
        PUTHEX32 ecx
        NEWLINE
        mov eax, 2
        mov ecx, 10
.l4:    inc eax
        cmp eax, 3                              ; ZF = 1 only on the first pass
        loope .l4
        PUTS "loope (stops on ZF=0): eax="
        PUTHEX32 eax
        PUTS " ecx="
        PUTHEX32 ecx
        NEWLINE
        xor eax, eax
        mov ecx, 5
.l5:    inc eax
        cmp eax, eax                            ; ZF = 1 always: runs until ECX = 0
        loope .l5
        PUTS "loope (runs out): eax="
        PUTHEX32 eax
        PUTS " ecx="
        PUTHEX32 ecx
        NEWLINE
        xor eax, eax
        mov ecx, 10
.l6:    inc eax
        cmp eax, 4
        loopne .l6
        PUTS "loopne (stops on ZF=1): eax="
        PUTHEX32 eax
        PUTS " ecx="
        PUTHEX32 ecx
        NEWLINE
        SETF 0x8D5
        mov ecx, 2
.l7:    loop .l7
        REPORTF "loop keeps flags f=0x8D5", F_ALL
        ; JECXZ / JCXZ
        xor ecx, ecx
        mov al, '0'
        jecxz .z1
        jmp .z1n
.z1:    mov al, '1'
.z1n:   mov ecx, 0x00010000
        mov ah, '0'
        jecxz .z2
        jmp .z2n
.z2:    mov ah, '1'
.z2n:   mov bl, '0'
        a16 jcxz .z3                            ; 67 E3: CX = 0
        jmp .z3n
.z3:    mov bl, '1'
.z3n:   PUTS "jecxz ecx=0: "
        PUTC al
        PUTS "  jecxz ecx=00010000: "
        PUTC ah
        PUTS "  jcxz ecx=00010000: "
        PUTC bl
        NEWLINE

; --- Jcc: all 16 conditions, short (7x) and near (0F 8x) forms ---
        JCCLINE short, 0x000
        JCCLINE short, 0x001
        JCCLINE short, 0x004
        JCCLINE short, 0x040
        JCCLINE short, 0x080
        JCCLINE short, 0x800
        JCCLINE short, 0x041
        JCCLINE short, 0x880
        JCCLINE short, 0x0C0
        JCCLINE short, 0x840
        JCCLINE short, 0x8D5
        JCCLINE near, 0x000
        JCCLINE near, 0x041
        JCCLINE near, 0x880
        JCCLINE near, 0x8D5

; --- INT n / IRET ---
        mov eax, 0x40
        mov ebx, int_handler
        mov ecx, SEL_CODE32
        mov dl, 0x8E                            ; interrupt gate
        call set_gate32
        mov eax, 0x41
        mov dl, 0x8F                            ; trap gate, same handler
        call set_gate32
        sti
        SETF 0x200 | 0x8D5                      ; IF = 1 and all status flags
        mov dword [int_insn], .i1
.i1:    int 0x40
        REPORTF "after iret (interrupt gate)", 0x200 | F_ALL
        SETF 0x200 | 0x001
        mov dword [int_insn], .i2
.i2:    int 0x41
        REPORTF "after iret (trap gate)", 0x200 | F_ALL
        cli

; --- INTO / BOUND ---
        PUTLN "into with OF=0"
        SETF 0x000
        FAULTS into                             ; OF = 0: "no exception"
        SETF 0x800
        PUTLN "into with OF=1"
        FAULTS into
        mov dword [BUF], -5                     ; bounds [-5, 10]
        mov dword [BUF + 4], 10
        mov eax, -5
        bound eax, [BUF]
        mov eax, 10
        bound eax, [BUF]
        PUTLN "bound eax=-5 and 10 in [-5,10]: no exception"
        PUTLN "bound eax=11 in [-5,10]"
        mov eax, 11
        FAULTS bound eax, [BUF]
        PUTLN "bound eax=-6 in [-5,10]"
        mov eax, -6
        FAULTS bound eax, [BUF]
        mov word [BUF + 8], 0x0010              ; 16-bit bounds [0x10, 0x20]
        mov word [BUF + 10], 0x0020
        PUTLN "bound ax=0021 in [0010,0020]"
        mov eax, 0x21
        FAULTS bound ax, [BUF + 8]

        PUTLN "control: done"
        EXIT 0

; --- callees ---
; (EBP is saved and restored; [EBP + 4] is the return EIP, [EBP + 8] the CS of a far call or the
; first argument of a near one)
near_func:
        push ebp
        mov ebp, esp
        PUTS "near call:"
        SHOWRET [int_insn]
        NEWLINE
        pop ebp
        ret

ret8_func:
        push ebp
        mov ebp, esp
        PUTS "ret8_func: args="
        PUTHEX32 [ebp + 8]
        PUTC ' '
        PUTHEX32 [ebp + 12]
        NEWLINE
        pop ebp
        ret 8

far_func:
        push ebp
        mov ebp, esp
        PUTS "far call: cs="
        PUTHEX16 [ebp + 8]
        SHOWRET rom_entry.after4
        NEWLINE
        pop ebp
        retf

far_func12:
        push ebp
        mov ebp, esp
        PUTS "far call m16:32: cs="
        PUTHEX16 [ebp + 8]
        SHOWRET rom_entry.after5
        PUTS " args="
        PUTHEX32 [ebp + 12]
        PUTC ' '
        PUTHEX32 [ebp + 16]
        PUTC ' '
        PUTHEX32 [ebp + 20]
        NEWLINE
        pop ebp
        retf 12

; int_handler: prints the frame of INT 0x40 / 0x41, changes the flags, returns with IRETD
; frame: [EBP + 4] EIP, [EBP + 8] CS, [EBP + 12] EFLAGS; [EBP - 4] the flags inside the handler
int_handler:
        push ebp
        mov ebp, esp
        pushfd
        push eax
        PUTS "int: cs="
        PUTHEX16 [ebp + 8]
        PUTS " eip=int+"
        mov eax, [ebp + 4]
        sub eax, [int_insn]
        PUTHEX8 al
        PUTS " saved eflags="
        mov eax, [ebp + 12]
        and eax, 0x200 | 0x100 | F_ALL
        PUTHEX32 eax
        PUTS " eflags inside="
        mov eax, [ebp - 4]
        and eax, 0x200 | 0x100
        PUTHEX32 eax
        NEWLINE
        pop eax
        add esp, 4
        pop ebp
        xor ecx, ecx                            ; changes the status flags; IRET restores them
        iretd


%include "lib.inc"
ROM_END
