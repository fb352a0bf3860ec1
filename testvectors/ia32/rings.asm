; rings -- privilege transitions: IRET to ring 3, INT n from ring 3 through a DPL 3 interrupt gate
; (stack switch to TSS.SS0:ESP0) and IRET back, a call gate with parameter copying and RETF imm16 back,
; a conforming code segment (no privilege change), and the nulling of data segment registers that an
; outer ring may not use on a return to it.
; expect-status: 1
;
; Rules checked (SDM Vol. 3 5.8.5-5.8.6 call gates and stack switching, 6.12.1 interrupt procedures;
; Vol. 2 CALL, RET, IRET):
; - INT n from ring 3 through a DPL 3 gate to ring-0 code: SS:ESP = TSS.SS0:ESP0, then pushed: SS, ESP,
;   EFLAGS, CS, EIP (ESP0 - 20). IRET pops them and returns to ring 3.
; - CALL through a 32-bit call gate with a parameter count of 2: new stack from the TSS, pushed: SS, ESP,
;   the 2 parameter dwords copied from the caller's stack (same order), CS, EIP (ESP0 - 24).
;   RETF 8 returns to ring 3 and releases 8 bytes on both stacks.
; - A far CALL to a conforming segment keeps CPL: CS.RPL = 3 inside.
; - On a return to ring 3, DS/ES/FS/GS holding a data segment with DPL < 3 are loaded with null.
; Saved EIPs are printed relative to the instruction after the INT/CALL ("ret=after+00").

%include "rom.inc"

SEL_CALLGATE    equ 0x78                ; 32-bit call gate, DPL 3, 2 parameters -> SEL_CODE32:gate_func
SEL_CONFORMING  equ 0x80                ; ring-0 conforming code, base 0, 4 GiB
RING0_ESP0      equ 0x8F000
ret_label       equ user_vars           ; the expected return address for the printers

ROM_BEGIN
        ENTER_PM32
        call idt_init32
        PUTLN "rings: start"
        mov eax, RING0_ESP0
        call tss_init32
        ; int 0x80: DPL 3 interrupt gate; int 0x81: DPL 3 gate that ends the ring-3 part
        mov eax, 0x80
        mov ebx, int80_handler
        mov ecx, SEL_CODE32
        mov dl, 0xEE
        call set_gate32
        mov eax, 0x81
        mov ebx, back_to_ring0
        call set_gate32
        ; the call gate (a system descriptor: written by hand)
        mov edi, GDT_BASE + SEL_CALLGATE
        mov eax, gate_func
        mov [edi + 0], ax                       ; offset 15:0
        mov word [edi + 2], SEL_CODE32          ; selector
        mov byte [edi + 4], 2                   ; parameter count
        mov byte [edi + 5], 0xEC                ; P, DPL 3, type 0xC: 32-bit call gate
        shr eax, 16
        mov [edi + 6], ax                       ; offset 31:16
        mov eax, SEL_CONFORMING
        xor ebx, ebx
        mov ecx, 0xFFFFF
        mov dx, 0x009F | (0xC0 << 8)            ; code, conforming, readable, accessed; DPL 0
        call set_desc32

        PUTS "ring 0: cpl="
        mov ax, cs
        and al, 3
        PUTHEX8 al
        PUTS " tss.esp0="
        PUTHEX32 [TSS0_BASE + 4]
        PUTS " tss.ss0="
        PUTHEX16 [TSS0_BASE + 8]
        NEWLINE
        push dword SEL_DATA32_R3                ; SS
        push dword RING3_STACK                  ; ESP
        push dword 0x3002                       ; EFLAGS: IOPL 3 (COM1 output from ring 3)
        push dword SEL_CODE32_R3                ; CS
        push dword ring3                        ; EIP
        iretd

ring3:
        mov bx, ds                              ; DS held SEL_DATA32 (DPL 0): nulled by the IRET
        mov cx, ss
        mov ax, SEL_DATA32_R3
        mov ds, ax
        mov es, ax
        mov fs, ax
        mov gs, ax
        PUTS "ring 3: cpl="
        mov ax, cs
        and al, 3
        PUTHEX8 al
        PUTS " cs="
        mov ax, cs
        PUTHEX16 ax
        PUTS " ss="
        PUTHEX16 cx
        PUTS " ds after iret="
        PUTHEX16 bx
        mov [user_vars + 8], esp
        PUTS " esp="
        PUTHEX32 [user_vars + 8]
        NEWLINE

        ; --- INT 0x80 from ring 3 ---
        mov dword [ret_label], .after_int
        SETF 0x3000 | 0x8D5
        int 0x80
.after_int:
        mov bx, ds
        mov dx, es
        mov si, fs
        pushfd
        pop edi
        mov ax, SEL_DATA32_R3
        mov ds, ax
        mov es, ax
        mov [user_vars + 8], esp
        PUTS "ring 3 after iret: esp="
        PUTHEX32 [user_vars + 8]
        PUTS " eflags="
        and edi, 0x3000 | F_ALL
        PUTHEX32 edi
        PUTS " ds="
        PUTHEX16 bx
        PUTS " es="
        PUTHEX16 dx
        PUTS " fs="
        PUTHEX16 si
        NEWLINE

        ; --- CALL through the call gate, 2 parameters ---
        push dword 0x11111111                   ; parameter 1 (pushed first)
        push dword 0x22222222                   ; parameter 2
        mov [user_vars + 8], esp
        PUTS "ring 3 before the call gate: esp="
        PUTHEX32 [user_vars + 8]
        NEWLINE
        mov dword [ret_label], .after_call
        call SEL_CALLGATE | 3:0                 ; the offset is ignored
.after_call:
        mov [user_vars + 8], esp
        PUTS "ring 3 after retf 8: esp="
        PUTHEX32 [user_vars + 8]
        PUTS " cs="
        mov ax, cs
        PUTHEX16 ax
        NEWLINE

        ; --- far CALL to a conforming ring-0 segment: CPL stays 3 ---
        mov dword [ret_label], .after_conf
        call SEL_CONFORMING:conforming_func
.after_conf:
        PUTLN "ring 3 after the conforming call"

        int 0x81

back_to_ring0:
        mov ebp, esp
        mov ax, SEL_DATA32
        mov ds, ax
        mov es, ax
        mov fs, ax
        mov gs, ax
        PUTS "ring 0 again (int 0x81): cpl="
        mov ax, cs
        and al, 3
        PUTHEX8 al
        PUTS " esp="
        PUTHEX32 ebp
        PUTS " saved ss:esp="
        PUTHEX16 [ebp + 16]
        PUTC ':'
        PUTHEX32 [ebp + 12]
        NEWLINE
        mov esp, RING0_STACK
        PUTLN "rings: done"
        EXIT 0

; --- ring-0 code entered from ring 3. Frame printers use EBP = ESP at entry. ---
int80_handler:
        mov ebp, esp
        mov ax, SEL_DATA32                      ; DPL 0 data: nulled by the IRET to ring 3
        mov ds, ax
        mov es, ax
        PUTS "int 0x80 handler: cpl="
        mov ax, cs
        and al, 3
        PUTHEX8 al
        PUTS " esp="
        PUTHEX32 ebp
        PUTS " ss="
        mov ax, ss
        PUTHEX16 ax
        NEWLINE
        PUTS "  frame: eip=after+"
        mov eax, [ebp]
        sub eax, [ret_label]
        PUTHEX8 al
        PUTS " cs="
        PUTHEX16 [ebp + 4]
        PUTS " eflags="
        mov eax, [ebp + 8]
        and eax, 0x3000 | FL_IF | F_ALL
        PUTHEX32 eax
        PUTS " esp="
        PUTHEX32 [ebp + 12]
        PUTS " ss="
        PUTHEX16 [ebp + 16]
        NEWLINE
        xor eax, eax                            ; the status flags change here; IRET restores them
        iretd

gate_func:
        mov ebp, esp
        PUTS "call gate: cpl="
        mov ax, cs
        and al, 3
        PUTHEX8 al
        PUTS " esp="
        PUTHEX32 ebp
        NEWLINE
        PUTS "  frame: eip=after+"
        mov eax, [ebp]
        sub eax, [ret_label]
        PUTHEX8 al
        PUTS " cs="
        PUTHEX16 [ebp + 4]
        PUTS " params="
        PUTHEX32 [ebp + 8]
        PUTC ' '
        PUTHEX32 [ebp + 12]
        PUTS " esp="
        PUTHEX32 [ebp + 16]
        PUTS " ss="
        PUTHEX16 [ebp + 20]
        NEWLINE
        retf 8

conforming_func:
        mov ebp, esp
        PUTS "conforming: cs="
        mov ax, cs
        PUTHEX16 ax
        PUTS " cpl="
        and al, 3
        PUTHEX8 al
        PUTS " esp="
        PUTHEX32 ebp
        PUTS " eip=after+"
        mov eax, [ebp]
        sub eax, [ret_label]
        PUTHEX8 al
        PUTS " pushed cs="
        PUTHEX16 [ebp + 4]
        NEWLINE
        retf

%include "lib.inc"
ROM_END
