; xchg -- XCHG, CMPXCHG (equal and not equal, register and memory), CMPXCHG8B, XADD, BSWAP.
; expect-status: 1
;
; Line format: "NAME: eax=EAX ebx=EBX ecx=ECX edx=EDX m=[MEM+4]:[MEM] flags=M" (MEM = 0x10000).
; Masks (SDM Vol. 2): XCHG and BSWAP affect no flag: cases start from 0x8D5 and use F_ALL to show the
; flags kept. CMPXCHG sets ZF if the accumulator equals the destination and CF PF AF SF OF as CMP
; accumulator, destination would: F_ALL. On inequality the accumulator is loaded with the destination
; (and a memory destination is written back with its own value). CMPXCHG8B: ZF only, the other five
; unaffected: F_ALL with the flags preset. XADD: as ADD: F_ALL.

%include "rom.inc"

MEM     equ DATA_BASE

%macro XREP 2
        pushfd
        push dword %2
        push dword %%name
        call xchg_report
        jmp %%over
%%name: db %1, 0
%%over:
%endmacro

; REGS eax, ebx, ecx, edx, [MEM], [MEM+4], flags
%macro REGS 7
        mov eax, %1
        mov ebx, %2
        mov ecx, %3
        mov edx, %4
        mov dword [MEM], %5
        mov dword [MEM + 4], %6
        SETF %7
%endmacro

ROM_BEGIN
        ENTER_PM32
        call idt_init32
        PUTLN "xchg: start"

; --- XCHG ---
        REGS 0x11111111, 0x22222222, 0x33333333, 0x44444444, 0x55555555, 0x66666666, 0x8D5
        xchg eax, ecx                           ; 91: the short accumulator form
        XREP "xchg eax,ecx", F_ALL
        REGS 0x11223344, 0x55667788, 0, 0, 0, 0, 0x000
        xchg al, bh                             ; 86 /r with high byte registers
        XREP "xchg al,bh", F_ALL
        REGS 0x11223344, 0x55667788, 0, 0, 0, 0, 0x000
        xchg bx, ax                             ; 66 93
        XREP "xchg bx,ax", F_ALL
        REGS 0x11223344, 0x55667788, 0, 0, 0, 0, 0x8D5
        xchg ah, al
        XREP "xchg ah,al", F_ALL
        REGS 0x11223344, 0, 0, 0, 0xAABBCCDD, 0xEEFF0011, 0x000
        xchg [MEM], eax                         ; memory operand (locked by the CPU)
        XREP "xchg m32,eax", F_ALL
        REGS 0x11223344, 0, 0, 0, 0xAABBCCDD, 0xEEFF0011, 0x8D5
        xchg [MEM + 1], ax
        XREP "xchg m16+1,ax", F_ALL
        REGS 0x11223344, 0, 0, 0, 0xAABBCCDD, 0xEEFF0011, 0x000
        xchg bl, [MEM + 3]
        XREP "xchg bl,m8+3", F_ALL
        REGS 0x11223344, 0x55667788, 0, 0, 0, 0, 0x8D5
        xchg eax, eax                           ; 90: NOP
        XREP "xchg eax,eax", F_ALL

; --- CMPXCHG: accumulator vs destination; equal -> dest = source, else accumulator = dest ---
        REGS 0x00000005, 0x000000AA, 0x00000005, 0, 0, 0, 0x000
        cmpxchg cl, bl                          ; AL = CL: CL = BL
        XREP "cmpxchg cl,bl equal", F_ALL
        REGS 0x00000006, 0x000000AA, 0x00000005, 0, 0, 0, 0x000
        cmpxchg cl, bl                          ; AL != CL: AL = CL
        XREP "cmpxchg cl,bl not equal", F_ALL
        REGS 0x00000080, 0x000000AA, 0x0000007F, 0, 0, 0, 0x8D5
        cmpxchg cl, bl                          ; 0x80 - 0x7F: OF
        XREP "cmpxchg cl,bl 80 vs 7f", F_ALL
        REGS 0xFFFF1234, 0x0000BBBB, 0x00001234, 0, 0, 0, 0x8D5
        cmpxchg cx, bx
        XREP "cmpxchg cx,bx equal", F_ALL
        REGS 0xFFFF1234, 0x0000BBBB, 0x00001235, 0, 0, 0, 0x000
        cmpxchg cx, bx
        XREP "cmpxchg cx,bx not equal", F_ALL
        REGS 0x12345678, 0xCAFEBABE, 0, 0, 0x12345678, 0x0, 0x000
        cmpxchg [MEM], ebx
        XREP "cmpxchg m32,ebx equal", F_ALL
        REGS 0x12345679, 0xCAFEBABE, 0, 0, 0x12345678, 0x0, 0x000
        cmpxchg [MEM], ebx
        XREP "cmpxchg m32,ebx not equal", F_ALL
        REGS 0x00000001, 0xCAFEBABE, 0, 0, 0x80000000, 0x0, 0x000
        lock cmpxchg [MEM], ebx                 ; 1 - 0x80000000: CF SF OF
        XREP "lock cmpxchg m32,ebx 1 vs 80000000", F_ALL
        REGS 0x00000000, 0x00000000, 0, 0, 0x00000000, 0x0, 0x8D5
        cmpxchg eax, ecx                        ; destination is the accumulator itself: equal
        XREP "cmpxchg eax,ecx", F_ALL

; --- CMPXCHG8B: EDX:EAX vs m64; equal -> m64 = ECX:EBX, else EDX:EAX = m64; only ZF ---
        REGS 0x55555555, 0xBBBBBBBB, 0xCCCCCCCC, 0x66666666, 0x55555555, 0x66666666, 0x895
        cmpxchg8b [MEM]
        XREP "cmpxchg8b equal", F_ALL
        REGS 0x55555555, 0xBBBBBBBB, 0xCCCCCCCC, 0x66666667, 0x55555555, 0x66666666, 0x8D5
        cmpxchg8b [MEM]
        XREP "cmpxchg8b not equal (high)", F_ALL
        REGS 0x55555554, 0xBBBBBBBB, 0xCCCCCCCC, 0x66666666, 0x55555555, 0x66666666, 0x000
        lock cmpxchg8b [MEM]
        XREP "lock cmpxchg8b not equal (low)", F_ALL

; --- XADD: dest = dest + src, src = old dest; flags as ADD ---
        REGS 0x000000FF, 0x00000001, 0, 0, 0, 0, 0x000
        xadd al, bl
        XREP "xadd al,bl ff+01", F_ALL
        REGS 0x00007FFF, 0x00000001, 0, 0, 0, 0, 0x000
        xadd ax, bx
        XREP "xadd ax,bx 7fff+0001", F_ALL
        REGS 0x00000010, 0xFFFFFFF0, 0, 0, 0, 0, 0x8D5
        xadd eax, ebx
        XREP "xadd eax,ebx 10+fffffff0", F_ALL
        REGS 0, 0x00000003, 0, 0, 0x7FFFFFFE, 0, 0x000
        lock xadd [MEM], ebx
        XREP "lock xadd m32,ebx 7ffffffe+3", F_ALL
        REGS 0x00000005, 0, 0, 0, 0, 0, 0x000
        xadd eax, eax                           ; both operands the same register: 5 + 5
        XREP "xadd eax,eax", F_ALL

; --- BSWAP ---
        REGS 0x11223344, 0x80000001, 0x000000FF, 0xA5A55A5A, 0, 0, 0x8D5
        bswap eax
        bswap ebx
        bswap ecx
        bswap edx
        XREP "bswap eax ebx ecx edx", F_ALL

        PUTLN "xchg: done"
        EXIT 0

xchg_report:                                    ; [esp+4] name, [esp+8] mask, [esp+12] flags
        push ebp
        mov ebp, esp
        pushad
        mov esi, [ebp + 8]
        call puts32
        PUTS ": eax="
        PUTHEX32 [ebp - 4]
        PUTS " ebx="
        PUTHEX32 [ebp - 16]
        PUTS " ecx="
        PUTHEX32 [ebp - 8]
        PUTS " edx="
        PUTHEX32 [ebp - 12]
        PUTS " m="
        PUTHEX32 [MEM + 4]
        PUTC ':'
        PUTHEX32 [MEM]
        PUTS " flags="
        mov eax, [ebp + 16]
        and eax, [ebp + 12]
        call hex32_32
        NEWLINE
        popad
        pop ebp
        push dword [esp + 12]
        popfd
        ret 12

%include "lib.inc"
ROM_END
