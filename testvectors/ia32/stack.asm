; stack -- PUSH and POP in all forms, PUSHA/POPA, PUSHF/POPF, ENTER (nesting levels 0, 1 and 3) and
; LEAVE: 16-bit in real mode (SS:SP), then 32-bit in protected mode (SS:ESP, B = 1).
; expect-status: 1
;
; A dump line is "NAME: sp=SP bp=BP : w0 w1 ..." (32-bit: "esp=ESP ebp=EBP : d0 d1 ..."): the stack from
; the top of stack up to the test area's top (RM_TOP = 0x7000, PM_TOP = 0x60000), lowest address first.
; Rules checked (SDM Vol. 2 PUSH, POP, PUSHA, POPA, PUSHF, POPF, ENTER, LEAVE):
; - PUSH SP/ESP pushes the value before the decrement; PUSH imm8 is sign-extended to the operand size.
; - PUSH m with an ESP-based address computes the address before the decrement; POP m with an
;   ESP-based address computes it after the increment; POP ESP loads the popped value into ESP.
; - PUSH of a segment register with a 32-bit operand size moves ESP by 4 but may write only the low
;   word (recent processors do): only the low word of that slot is printed.
; - PUSHA pushes AX CX DX BX (original) SP BP SI DI; POPA pops them all but skips SP.
; - POPF at CPL 0 (real mode counts as CPL 0): all flags but VM, RF, VIP and VIF may change, reserved
;   bits keep their values, RF is cleared. TF and IF are kept 0 in the values popped here.
; - ENTER size, level: push (E)BP, FrameTemp = (E)SP, copy level-1 frame pointers from [(E)BP - 2i]
;   ([EBP - 4i]), push FrameTemp (level > 0), (E)BP = FrameTemp, (E)SP -= size.
; No flag is affected by any instruction here except POPF.

%include "rom.inc"

RM_TOP  equ 0x7000
PM_TOP  equ 0x60000

SAVED_SP equ user_vars                         ; (E)SP saved for printing (PUTHEX pushes)

; RM_RESET / PM_RESET: fill the 0x20 (0x40) bytes below the test stack's top with 0xEE, then (E)SP = top
%macro RM_RESET 0
        mov sp, RM_STACK
        call rm_fill
        mov sp, RM_TOP
%endmacro

%macro PM_RESET 0
        mov esp, RING0_STACK
        call pm_fill
        mov esp, PM_TOP
%endmacro

%macro RMDUMP 1
        push word R16(%%name)
        call rm_dump
        jmp %%over
%%name: db %1, 0
%%over:
%endmacro

%macro PMDUMP 1
        push dword %%name
        call pm_dump
        jmp %%over
%%name: db %1, 0
%%over:
%endmacro

; PMDUMPW: the same in words (for 16-bit pushes)
%macro PMDUMPW 1
        push dword %%name + 0x80000000
        call pm_dump
        jmp %%over
%%name: db %1, 0
%%over:
%endmacro

ROM_BEGIN
        PUTLN "stack: start (real mode, 16-bit)"
        ; --- PUSH forms ---
        RM_RESET
        mov ax, 0x1234
        push ax
        push byte -2                            ; 6A FE: sign-extended to 0xFFFE
        push word 0x5678                        ; 68 iw
        RMDUMP "push ax, push imm8 -2, push imm16"
        RM_RESET
        mov eax, 0x89ABCDEF
        push eax                                ; 66 50: 4 bytes
        push sp                                 ; the value before the decrement: 0x6FFC
        RMDUMP "push eax, push sp"
        RM_RESET
        mov word [0x6000], 0xBEEF
        mov bx, 0x6000
        push word [bx]
        push cs
        push ss
        mov ax, 0x1234
        mov es, ax
        push es
        xor ax, ax
        mov es, ax
        RMDUMP "push m16, push cs, push ss, push es(1234)"
        ; --- POP forms ---
        mov sp, RM_TOP - 8
        mov word [RM_TOP - 8], 0x1111
        mov word [RM_TOP - 6], 0x2222
        mov word [RM_TOP - 4], 0x3333
        mov word [RM_TOP - 2], 0x4444
        pop ax
        pop word [0x6000]
        pop es
        mov [SAVED_SP], sp
        PUTS "pop ax, pop m16, pop es: ax="
        PUTHEX16 ax
        PUTS " m16="
        PUTHEX16 [0x6000]
        PUTS " es="
        mov ax, es
        PUTHEX16 ax
        PUTS " sp="
        PUTHEX16 [SAVED_SP]
        NEWLINE
        xor ax, ax
        mov es, ax
        mov sp, RM_TOP - 4
        pop eax                                 ; 66 58: 4 bytes
        mov [SAVED_SP], sp
        PUTS "pop eax: eax="
        PUTHEX32 eax
        PUTS " sp="
        PUTHEX16 [SAVED_SP]
        NEWLINE
        ; --- PUSHA / POPA ---
        RM_RESET
        mov ax, 0xA0A0
        mov cx, 0xC1C1
        mov dx, 0xD2D2
        mov bx, 0xB3B3
        mov bp, 0xB5B5
        mov si, 0x5656
        mov di, 0xD7D7
        pusha
        RMDUMP "pusha"
        mov word [RM_TOP - 10], 0x0BAD          ; the SP slot: POPA must skip it
        xor ax, ax
        mov cx, ax
        mov dx, ax
        mov bx, ax
        mov bp, ax
        mov si, ax
        mov di, ax
        popa
        mov [SAVED_SP], sp
        PUTS "popa: ax="
        PUTHEX16 ax
        PUTS " cx="
        PUTHEX16 cx
        PUTS " dx="
        PUTHEX16 dx
        PUTS " bx="
        PUTHEX16 bx
        PUTS " sp="
        PUTHEX16 [SAVED_SP]
        PUTS " bp="
        PUTHEX16 bp
        PUTS " si="
        PUTHEX16 si
        PUTS " di="
        PUTHEX16 di
        NEWLINE
        ; --- PUSHF / POPF ---
        RM_RESET
        SETF 0x8D5
        pushf
        push word 0xFCFF                        ; all but TF, IF
        popf
        pushf
        push word 0x0002
        popf
        RMDUMP "pushf (8d5), popf fcff, pushf"
        ; --- ENTER / LEAVE (16-bit) ---
        RM_RESET
        mov word [RM_TOP - 0x40], 0xF111        ; a fake chain of frame pointers below BP
        mov word [RM_TOP - 0x42], 0xF222
        mov word [RM_TOP - 0x44], 0xF333
        mov bp, RM_TOP - 0x40 + 0
        add bp, 2                               ; BP = RM_TOP - 0x3E: [BP-2] = F111, [BP-4] = F222
        enter 6, 0
        RMDUMP "enter 6,0"
        leave
        RMDUMP "leave"
        RM_RESET
        mov bp, RM_TOP - 0x3E
        enter 4, 1
        RMDUMP "enter 4,1"
        RM_RESET
        mov bp, RM_TOP - 0x3E
        enter 2, 3
        RMDUMP "enter 2,3"
        leave
        RMDUMP "leave"
        mov sp, RM_STACK

        ENTER_PM32
        call idt_init32
        PUTLN "stack: protected mode, 32-bit"
        ; --- PUSH forms ---
        PM_RESET
        mov eax, 0x12345678
        push eax
        push byte -2                            ; 6A FE: sign-extended to 0xFFFFFFFE
        push dword 0x9ABCDEF0
        push word 0x5678                        ; 66 68 iw: 2 bytes
        PMDUMP "push eax, imm8 -2, imm32, push word imm16"
        PM_RESET
        push esp                                ; the value before the decrement
        mov dword [DATA_BASE], 0xFEEDFACE
        push dword [DATA_BASE]
        push dword [esp + 4]                    ; address from ESP before the decrement: the ESP pushed
        PMDUMP "push esp, push m32, push [esp+4]"
        PM_RESET
        mov dword [PM_TOP - 4], 0xEEEEEEEE
        mov dword [PM_TOP - 8], 0xEEEEEEEE
        mov dword [PM_TOP - 12], 0xEEEEEEEE
        push cs
        push ds
        push fs
        mov [SAVED_SP], esp
        PUTS "push cs, ds, fs: esp="
        PUTHEX32 [SAVED_SP]
        PUTS " low words: "
        PUTHEX16 [PM_TOP - 4]
        PUTC ' '
        PUTHEX16 [PM_TOP - 8]
        PUTC ' '
        PUTHEX16 [PM_TOP - 12]
        NEWLINE
        PM_RESET
        o16 push ds                             ; 66 1E: 2 bytes
        PMDUMP "push word ds"
        ; --- POP forms ---
        mov esp, PM_TOP - 16
        mov dword [PM_TOP - 16], 0x11111111
        mov dword [PM_TOP - 12], 0x22222222
        mov dword [PM_TOP - 8], SEL_DATA32
        mov dword [PM_TOP - 4], 0x44444444
        pop eax
        pop dword [DATA_BASE]
        pop es
        o16 pop bx                              ; 2 bytes
        mov [SAVED_SP], esp
        PUTS "pop eax, pop m32, pop es, pop bx: eax="
        PUTHEX32 eax
        PUTS " m32="
        PUTHEX32 [DATA_BASE]
        PUTS " es="
        mov ax, es
        PUTHEX16 ax
        PUTS " bx="
        PUTHEX16 bx
        PUTS " esp="
        PUTHEX32 [SAVED_SP]
        NEWLINE
        mov esp, PM_TOP - 8
        mov dword [PM_TOP - 8], 0xABCDABCD
        mov dword [PM_TOP - 4], 0x00000000
        pop dword [esp]                         ; address from ESP after the increment: PM_TOP - 4
        mov [SAVED_SP], esp
        PUTS "pop [esp]: [PM_TOP-4]="
        PUTHEX32 [PM_TOP - 4]
        PUTS " esp="
        PUTHEX32 [SAVED_SP]
        NEWLINE
        mov esp, PM_TOP - 4
        mov dword [PM_TOP - 4], PM_TOP - 0x100
        pop esp                                 ; ESP = the value popped
        mov [SAVED_SP], esp
        PUTS "pop esp: esp="
        PUTHEX32 [SAVED_SP]
        NEWLINE
        ; --- PUSHAD / POPAD ---
        PM_RESET
        mov eax, 0xA0A0A0A0
        mov ecx, 0xC1C1C1C1
        mov edx, 0xD2D2D2D2
        mov ebx, 0xB3B3B3B3
        mov ebp, 0xB5B5B5B5
        mov esi, 0x56565656
        mov edi, 0xD7D7D7D7
        pushad
        PMDUMP "pushad"
        mov dword [PM_TOP - 20], 0x0BAD0BAD     ; the ESP slot: POPAD must skip it
        xor eax, eax
        mov ecx, eax
        mov edx, eax
        mov ebx, eax
        mov ebp, eax
        mov esi, eax
        mov edi, eax
        popad
        mov [SAVED_SP], esp
        PUTS "popad: eax="
        PUTHEX32 eax
        PUTS " ecx="
        PUTHEX32 ecx
        PUTS " edx="
        PUTHEX32 edx
        PUTS " ebx="
        PUTHEX32 ebx
        NEWLINE
        PUTS "       esp="
        PUTHEX32 [SAVED_SP]
        PUTS " ebp="
        PUTHEX32 ebp
        PUTS " esi="
        PUTHEX32 esi
        PUTS " edi="
        PUTHEX32 edi
        NEWLINE
        PM_RESET
        o16 pusha                               ; 66 60: 16-bit registers
        PMDUMP "pushaw"
        ; --- PUSHFD / POPFD ---
        PM_RESET
        SETF 0x8D5
        pushfd
        push dword 0xFFFFFCFF                   ; everything but TF and IF
        popfd                                   ; VM, VIP, VIF, reserved bits kept; RF cleared
        pushfd
        push dword 0x00000002
        popfd
        PMDUMP "pushfd (8d5), popfd fffffcff, pushfd"
        PM_RESET
        push dword 0x00047002                   ; AC, IOPL 3, NT
        popfd
        o16 pushf                               ; 66 9C: FLAGS, 2 bytes
        push word 0x08D5
        o16 popf                                ; 66 9D: only FLAGS changes (AC stays 1)
        o16 pushf
        pushfd
        push dword 0x00000002
        popfd
        PMDUMPW "pushf (47002), popf 8d5, pushf, pushfd"
        ; --- ENTER / LEAVE (32-bit) ---
        mov dword [PM_TOP - 0x80], 0xF1111111   ; fake frame pointers below EBP
        mov dword [PM_TOP - 0x84], 0xF2222222
        mov dword [PM_TOP - 0x88], 0xF3333333
        PM_RESET
        mov ebp, PM_TOP - 0x7C                  ; [EBP-4] = F1111111, [EBP-8] = F2222222
        enter 16, 0
        PMDUMP "enter 16,0"
        leave
        PMDUMP "leave"
        PM_RESET
        mov ebp, PM_TOP - 0x7C
        enter 8, 1
        PMDUMP "enter 8,1"
        PM_RESET
        mov ebp, PM_TOP - 0x7C
        enter 4, 3
        PMDUMP "enter 4,3"
        leave
        PMDUMP "leave"
        ; a nested ENTER uses the frame built by the previous one
        PM_RESET
        mov ebp, PM_TOP - 0x7C
        enter 0, 1
        enter 0, 2
        PMDUMP "enter 0,1; enter 0,2"
        o16 leave                               ; 66 C9: ESP = EBP (32-bit stack), pop BP (16-bit)
        mov [SAVED_SP], esp
        PUTS "leavew: esp="
        PUTHEX32 [SAVED_SP]
        PUTS " ebp="
        PUTHEX32 ebp
        NEWLINE
        mov esp, RING0_STACK

        PUTLN "stack: done"
        EXIT 0

rm_fill:
        bits 16
        pushf
        pusha
        mov di, RM_TOP - 0x20
.l:     mov word [di], 0xEEEE
        add di, 2
        cmp di, RM_TOP
        jb .l
        popa
        popf
        ret

        bits 32
pm_fill:
        pushfd
        pushad
        mov edi, PM_TOP - 0x40
.l:     mov dword [edi], 0xEEEEEEEE
        add edi, 4
        cmp edi, PM_TOP
        jb .l
        popad
        popfd
        ret

; rm_dump: [sp+2] = name; prints the words from the caller's SP to RM_TOP (preserves everything)
        bits 16
rm_dump:
        push bp
        mov bp, sp
        pushf
        pusha
        mov si, [bp + 4]
        call puts16
        PUTS ": sp="
        lea ax, [bp + 6]
        PUTHEX16 ax
        PUTS " bp="
        PUTHEX16 [bp]
        PUTS " :"
        lea si, [bp + 6]
.next:  cmp si, RM_TOP
        jae .done
        PUTC ' '
        PUTHEX16 [si]
        add si, 2
        jmp .next
.done:  NEWLINE
        popa
        popf
        pop bp
        ret 2

; pm_dump: [esp+4] = name (bit 31 set: print words); prints the dwords from the caller's ESP to PM_TOP
; (a first word alone if ESP is 2 bytes off) (preserves everything)
        bits 32
pm_dump:
        push ebp
        mov ebp, esp
        pushfd
        pushad
        mov esi, [ebp + 8]
        btr esi, 31
        setc bl
        call puts32
        PUTS ": esp="
        lea eax, [ebp + 12]
        PUTHEX32 eax
        PUTS " ebp="
        PUTHEX32 [ebp]
        PUTS " :"
        lea esi, [ebp + 12]
        test bl, bl
        jnz .words
        test esi, 2
        jz .next
        PUTC ' '
        PUTHEX16 [esi]
        add esi, 2
        jmp .next
.words: cmp esi, PM_TOP
        jae .done
        PUTC ' '
        PUTHEX16 [esi]
        add esi, 2
        jmp .words
.next:  cmp esi, PM_TOP
        jae .done
        PUTC ' '
        PUTHEX32 [esi]
        add esi, 4
        jmp .next
.done:  NEWLINE
        popad
        popfd
        pop ebp
        ret 4

%include "lib.inc"
ROM_END
