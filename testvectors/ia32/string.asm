; string -- MOVS CMPS SCAS LODS STOS with REP/REPE/REPNE, DF = 0 and DF = 1, 8/16/32-bit elements,
; ECX = 0, and 16-bit addressing (SI, DI, CX) from 32-bit code.
; expect-status: 1
;
; Line format: "NAME: esi=ESI edi=EDI ecx=ECX eax=EAX flags=M", then for stores a dump of the bytes
; around the destination. SRC (0x10000) holds bytes 00 01 02 ... FF, DST (0x11000) is cleared to 0xEE
; before each case. Masks (SDM Vol. 2): CMPS and SCAS set OF SF ZF AF PF CF like CMP (F_ALL), from the
; last element compared (CMPS: [ESI] - [EDI]; SCAS: AL/AX/EAX - [EDI]); MOVS STOS LODS and a REP
; prefix with ECX = 0 affect no flag, so their cases start from EFLAGS = 0x8D5 and the mask F_ALL shows
; the flags kept. REPE/REPNE stop when ECX reaches 0 or ZF says so; ECX counts the iterations done
; (SDM Vol. 2 REP/REPE/REPZ/REPNE/REPNZ). With DF = 1 the pointers move down.

%include "rom.inc"

SRC     equ DATA_BASE
DST     equ DATA_BASE + 0x1000

; SREP "name", mask: print ESI EDI ECX EAX and the masked flags (all registers and flags preserved)
%macro SREP 2
        pushfd
        push dword %2
        push dword %%name
        call string_report
        jmp %%over
%%name: db %1, 0
%%over:
%endmacro

; SETUP esi, edi, ecx, eax, flags: fill DST with 0xEE, then load the registers and EFLAGS
%macro SETUP 5
        call clear_dst
        mov esi, %1
        mov edi, %2
        mov ecx, %3
        mov eax, %4
        SETF %5
%endmacro

ROM_BEGIN
        ENTER_PM32
        call idt_init32
        PUTLN "string: start"
        ; SRC = 00 01 02 ... FF (plain loop, no string instructions)
        xor eax, eax
.fill:  mov [SRC + eax], al
        inc eax
        cmp eax, 256
        jb .fill

; --- MOVS ---
        SETUP SRC + 1, DST + 2, 5, 0, 0x8D5
        rep movsb
        SREP "rep movsb cld n=5", F_ALL
        call dump_dst
        SETUP SRC + 2, DST + 2, 3, 0, 0x8D5
        rep movsw
        SREP "rep movsw cld n=3", F_ALL
        call dump_dst
        SETUP SRC + 4, DST + 4, 2, 0, 0x8D5
        rep movsd
        SREP "rep movsd cld n=2", F_ALL
        call dump_dst
        SETUP SRC + 0x13, DST + 0x0B, 4, 0, 0x8D5 | FL_DF
        rep movsb
        SREP "rep movsb std n=4", F_ALL
        cld
        call dump_dst
        SETUP SRC + 0x0C, DST + 0x0C, 3, 0, 0x8D5 | FL_DF
        rep movsd
        SREP "rep movsd std n=3", F_ALL
        cld
        call dump_dst
        SETUP SRC + 0x20, DST + 0x06, 0, 0, 0x8D5
        rep movsb
        SREP "rep movsb n=0", F_ALL
        call dump_dst
        SETUP SRC + 0x30, DST + 0x01, 7, 0, 0x8D5
        movsw                                   ; no prefix: one element, ECX untouched
        SREP "movsw (no rep) cld", F_ALL
        call dump_dst

; --- STOS ---
        SETUP 0, DST + 1, 3, 0x11223344, 0x8D5
        rep stosb
        SREP "rep stosb cld n=3", F_ALL
        call dump_dst
        SETUP 0, DST + 2, 2, 0x11223344, 0x8D5
        rep stosw
        SREP "rep stosw cld n=2", F_ALL
        call dump_dst
        SETUP 0, DST + 0x0C, 3, 0x11223344, 0x8D5 | FL_DF
        rep stosd
        SREP "rep stosd std n=3", F_ALL
        cld
        call dump_dst
        SETUP 0, DST + 3, 0, 0x11223344, 0x8D5
        rep stosd
        SREP "rep stosd n=0", F_ALL
        call dump_dst

; --- LODS ---
        SETUP SRC + 0x40, 0, 0, 0xAAAAAAAA, 0x8D5
        lodsb
        SREP "lodsb cld", F_ALL
        SETUP SRC + 0x40, 0, 0, 0xAAAAAAAA, 0x8D5
        lodsw
        SREP "lodsw cld", F_ALL
        SETUP SRC + 0x40, 0, 0, 0xAAAAAAAA, 0x8D5 | FL_DF
        lodsd
        SREP "lodsd std", F_ALL
        cld
        SETUP SRC + 0x40, 0, 3, 0xAAAAAAAA, 0x8D5
        rep lodsb                               ; keeps the last element
        SREP "rep lodsb cld n=3", F_ALL

; --- CMPS ---
        ; DST = SRC[0x50..0x5F] with DST[5] changed
        call copy_block
        mov byte [DST + 5], 0x99
        SETUP SRC + 0x50, DST, 16, 0, 0
        call copy_block_again
        repe cmpsb                              ; stops after the mismatch at element 5
        SREP "repe cmpsb cld n=16 (differ at 5)", F_ALL
        SETUP SRC + 0x50, DST, 4, 0, 0
        call copy_block_again
        repe cmpsb                              ; all 4 equal: ECX = 0, ZF = 1
        SREP "repe cmpsb cld n=4 (equal)", F_ALL
        SETUP SRC + 0x50, DST, 4, 0, 0
        call copy_block_again
        repe cmpsd                              ; 2nd dword differs (byte 5)
        SREP "repe cmpsd cld n=4 (differ at 1)", F_ALL
        ; REPNE: compare SRC 0x50.. with 0x55 0x55 0x55 ...: the first equal is element 5
        SETUP SRC + 0x50, DST, 16, 0x55, 0
        mov edi, DST
        mov ecx, 16
        rep stosb
        mov edi, DST
        mov ecx, 16
        SETF 0
        repne cmpsb
        SREP "repne cmpsb cld n=16 (equal at 5)", F_ALL
        SETUP SRC + 0x50, DST, 0, 0, 0x8D5
        repe cmpsb
        SREP "repe cmpsb n=0", F_ALL
        SETUP SRC + 0x80, DST + 0x00, 0, 0, 0
        mov dword [DST], 0x7F7F8080
        mov esi, SRC + 0x80                      ; bytes 80 81 82 83
        mov edi, DST
        cmpsb                                   ; 0x80 - 0x80
        SREP "cmpsb 80-80", F_ALL
        cmpsb                                   ; 0x81 - 0x80
        SREP "cmpsb 81-80", F_ALL
        cmpsb                                   ; 0x82 - 0x7F: overflow
        SREP "cmpsb 82-7F", F_ALL
        SETUP SRC + 0x57, DST + 0x07, 16, 0, 0x8D5 | FL_DF
        call copy_block_again
        repe cmpsb                              ; backwards from element 7: differs at 5
        SREP "repe cmpsb std n=16 (differ at 5)", F_ALL
        cld

; --- SCAS ---
        SETUP 0, SRC, 256, 0x00000042, 0
        repne scasb                             ; finds 0x42 at SRC + 0x42
        SREP "repne scasb cld find 42", F_ALL
        SETUP 0, SRC + 0x10, 8, 0x00000042, 0
        repne scasb                             ; not found within 8: ECX = 0, ZF = 0
        SREP "repne scasb cld n=8 not found", F_ALL
        SETUP 0, SRC + 0x20, 8, 0x00002120, 0
        repe scasw                              ; SRC+0x20 = 20 21, then 22 23 differs
        SREP "repe scasw cld", F_ALL
        SETUP 0, SRC + 0x30, 4, 0x33323130, 0
        repe scasd                              ; 30 31 32 33 equal, then 34.. differs
        SREP "repe scasd cld", F_ALL
        SETUP 0, SRC + 0x0F, 16, 0x00000008, FL_DF
        repne scasb                             ; backwards from 0x0F, finds 08
        SREP "repne scasb std find 08", F_ALL
        cld
        SETUP 0, SRC, 0, 0x00000000, 0x8D5
        repne scasb
        SREP "repne scasb n=0", F_ALL
        SETUP 0, SRC + 0x10, 0, 0x000000FF, 0
        scasb                                   ; 0xFF - 0x10, no prefix
        SREP "scasb ff-10", F_ALL

; --- 16-bit addressing in 32-bit code (67h prefix): SI, DI and CX, wrapping at 64 KiB ---
        mov dword [0xFFFC], 0xEEEEEEEE
        mov dword [0x0000], 0xEEEEEEEE
        mov edi, 0x0001FFFE                     ; DI = FFFE; EDI's upper half is not used nor changed
        mov ecx, 0x00010003                     ; CX = 3; ECX's upper half is not used nor changed
        mov eax, 0x000000AB
        SETF 0x8D5
        a16 rep stosb
        SREP "a16 rep stosb cld cx=3 di=FFFE", F_ALL
        PUTS "  [0000FFFC] "
        PUTHEX32 [0xFFFC]
        PUTS " [00000000] "
        PUTHEX32 [0x0000]
        NEWLINE
        mov dword [0x8000], 0x44332211
        mov dword [0x9000], 0xEEEEEEEE
        mov esi, 0xABCD8000                     ; SI = 0x8000
        mov edi, 0x12349000                     ; DI = 0x9000
        mov ecx, 0x55550002
        SETF 0x8D5
        a16 rep movsw                           ; copies 2 words from linear 0x8000 to 0x9000
        SREP "a16 rep movsw cld cx=2", F_ALL
        PUTS "  [00009000] "
        PUTHEX32 [0x9000]
        NEWLINE
        mov dword [0x0000], 0                   ; restore the real-mode IVT slot 0
        mov dword [0xFFFC], 0

        PUTLN "string: done"
        EXIT 0

; --- helpers (32-bit) ---
clear_dst:                                      ; DST[0..0x1F] = 0xEE; preserves everything
        pushfd
        pushad
        mov edi, DST
        mov ecx, 0x20
.l:     mov byte [edi], 0xEE
        inc edi
        loop .l
        popad
        popfd
        ret

copy_block:                                     ; DST[0..15] = SRC[0x50..0x5F]
copy_block_again:                               ; the same, then DST[5] = 0x99 (preserves everything)
        pushfd
        pushad
        xor ecx, ecx
.l:     mov al, [SRC + 0x50 + ecx]
        mov [DST + ecx], al
        inc ecx
        cmp ecx, 16
        jb .l
        mov byte [DST + 5], 0x99
        popad
        popfd
        ret

dump_dst:                                       ; "  [DST] b0 b1 ... b15"; preserves everything
        pushfd
        pushad
        PUTS "  [00011000]"
        xor ecx, ecx
.l:     PUTC ' '
        PUTHEX8 [DST + ecx]
        inc ecx
        cmp ecx, 16
        jb .l
        NEWLINE
        popad
        popfd
        ret

string_report:                                  ; [esp+4] name, [esp+8] mask, [esp+12] flags
        push ebp
        mov ebp, esp
        pushad
        mov esi, [ebp + 8]
        call puts32
        ; saved registers below EBP, pushad order: EAX ECX EDX EBX ESP EBP ESI EDI
        PUTS ": esi="
        PUTHEX32 [ebp - 28]
        PUTS " edi="
        PUTHEX32 [ebp - 32]
        PUTS " ecx="
        PUTHEX32 [ebp - 8]
        PUTS " eax="
        PUTHEX32 [ebp - 4]
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
