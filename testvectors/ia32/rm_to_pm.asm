; rm_to_pm -- real mode output, the switch to 32-bit protected mode, segment limits checked by reads
; (and by LSL/LAR), and the way back to real mode.
; expect-status: 1
;
; SDM Vol. 3 9.9.1 (switching to protected mode), 9.9.2 (back to real mode), 5.3 (limit checking:
; expand-up valid offsets 0..limit, expand-down limit+1..0xFFFFFFFF with B = 1), 3.4.5 (descriptors).
; An access any byte of which lies beyond the limit raises #GP(0) for DS/ES/FS/GS (Vol. 3 6.15).

%include "rom.inc"

SEL_SMALL       equ 0x40                ; data, base 0x20000, limit 0xFFF, byte granular, expand-up
SEL_DOWN        equ 0x48                ; data, base 0x20000, limit 0xFFF, expand-down, B = 1
SEL_PAGES       equ 0x50                ; data, base 0, limit 0 with G = 1: limit 0xFFF
SEL_RO          equ 0x58                ; read-only data, base 0x20000, limit 0xFFFF
SEL_CODE_XO     equ 0x60                ; execute-only code

ROM_BEGIN
        PUTLN "rm: hello from real mode"
        PUTS "rm: cs="
        mov ax, cs
        PUTHEX16 ax
        PUTS " msw="
        smsw ax
        and ax, 0x0001                  ; PE
        PUTHEX16 ax
        NEWLINE
        ; real-mode addressing: linear = segment * 16 + offset
        mov ax, 0x1234
        mov es, ax
        mov dword [es:0x0010], 0xC0DE1234     ; linear 0x12350
        mov ax, 0x1235
        mov es, ax
        PUTS "rm: 1235:0000="
        PUTHEX32 [es:0x0000]
        NEWLINE
        xor ax, ax
        mov es, ax

        ENTER_PM32
        call idt_init32
        PUTLN "pm: hello from protected mode"
        PUTS "pm: cs="
        mov ax, cs
        PUTHEX16 ax
        PUTS " ds="
        mov ax, ds
        PUTHEX16 ax
        PUTS " ss="
        mov ax, ss
        PUTHEX16 ax
        PUTS " cr0.pe="
        mov eax, cr0
        and eax, 1
        PUTHEX8 al
        NEWLINE
        PUTS "pm: flat [00012350]="
        PUTHEX32 [0x12350]
        NEWLINE

        ; the test segments
        mov eax, SEL_SMALL
        mov ebx, 0x20000
        mov ecx, 0xFFF
        mov dx, 0x0093 | (0x40 << 8)    ; present, DPL 0, data read/write, accessed; B = 1
        call set_desc32
        mov eax, SEL_DOWN
        mov dx, 0x0097 | (0x40 << 8)    ; data read/write expand-down, accessed; B = 1
        call set_desc32
        mov eax, SEL_PAGES
        xor ebx, ebx
        xor ecx, ecx
        mov dx, 0x0093 | (0xC0 << 8)    ; G = 1, B = 1
        call set_desc32
        mov eax, SEL_RO
        mov ebx, 0x20000
        mov ecx, 0xFFFF
        mov dx, 0x0091 | (0x40 << 8)    ; data read-only, accessed
        call set_desc32
        mov eax, SEL_CODE_XO
        mov ebx, 0
        mov ecx, 0xFFFFF
        mov dx, 0x0099 | (0xC0 << 8)    ; code execute-only, accessed
        call set_desc32

        ; LSL and LAR (SDM Vol. 2): LSL loads the limit scaled by G; LAR loads the descriptor's second
        ; dword masked with 00FxFF00H, x (limit 19:16) undefined, so the printed value is masked with
        ; 0x00F0FF00. A failed check clears ZF and leaves the destination unchanged (0xEEEEEEEE, and
        ; 0x00E0EE00 after the mask). Masks: FL_ZF, the only flag either instruction defines.
%macro SHOW_SEG 1
        PUTS "pm: sel="
        PUTHEX16 %1
        mov ecx, %1
        mov eax, 0xEEEEEEEE
        lsl eax, ecx
        REPORT " lsl", FL_ZF
        mov eax, 0xEEEEEEEE
        lar eax, ecx
        pushfd
        and eax, 0x00F0FF00             ; bits 19:16 (limit 19:16) are undefined after LAR
        popfd
        REPORT "         lar", FL_ZF
%endmacro
        SHOW_SEG SEL_CODE32
        SHOW_SEG SEL_DATA32
        SHOW_SEG SEL_CODE16
        SHOW_SEG SEL_SMALL
        SHOW_SEG SEL_DOWN
        SHOW_SEG SEL_PAGES
        SHOW_SEG SEL_CODE_XO
        ; LSL of the null selector and of one beyond the GDT limit fail: ZF = 0, destination unchanged
        SHOW_SEG 0x0000
        SHOW_SEG 0x0200

        ; expand-up segment, limit 0xFFF: offsets 0..0xFFF
        mov ax, SEL_SMALL
        mov es, ax
        mov dword [es:0xFFC], 0x11223344
        PUTS "pm: small es:[0FFC]="
        PUTHEX32 [es:0xFFC]
        PUTS " flat [00020FFC]="
        PUTHEX32 [0x20FFC]
        NEWLINE
        PUTS "pm: small es:[0FFF] byte="
        PUTHEX8 [es:0xFFF]
        NEWLINE
        PUTLN "pm: small es:[0FFD] dword (crosses the limit)"
        FAULTS mov eax, [es:0xFFD]
        PUTLN "pm: small es:[1000] byte"
        FAULTS mov al, [es:0x1000]
        PUTLN "pm: small es:[FFFFFFFF] byte"
        FAULTS mov al, [es:0xFFFFFFFF]

        ; expand-down segment, limit 0xFFF, B = 1: offsets 0x1000..0xFFFFFFFF
        mov ax, SEL_DOWN
        mov es, ax
        PUTS "pm: down es:[1000]="
        PUTHEX32 [es:0x1000]
        PUTS " es:[FFFFFFFC]="
        PUTHEX32 [es:0xFFFFFFFC]       ; base 0x20000 + 0xFFFFFFFC wraps to linear 0x1FFFC
        NEWLINE
        PUTLN "pm: down es:[0FFF] byte"
        FAULTS mov al, [es:0xFFF]
        PUTLN "pm: down es:[0FFE] word"
        FAULTS mov ax, [es:0xFFE]
        PUTLN "pm: down es:[0FFF] word (straddles limit+1)"
        FAULTS mov ax, [es:0xFFF]
        PUTLN "pm: down es:[0000] byte"
        FAULTS mov al, [es:0x0000]

        ; G = 1 with limit 0: offsets 0..0xFFF
        mov ax, SEL_PAGES
        mov es, ax
        PUTS "pm: pages es:[0FFC]="
        PUTHEX32 [es:0xFFC]
        NEWLINE
        PUTLN "pm: pages es:[1000] byte"
        FAULTS mov al, [es:0x1000]

        ; read-only data: a write faults, a read works; execute-only code: a read through CS faults
        mov ax, SEL_RO
        mov es, ax
        PUTS "pm: ro es:[0FFC]="
        PUTHEX32 [es:0xFFC]
        NEWLINE
        PUTLN "pm: ro write"
        FAULTS mov byte [es:0], 1
        PUTLN "pm: load es with execute-only code"
        mov ax, SEL_CODE_XO
        FAULTS mov es, ax
        PUTLN "pm: write through cs"
        FAULTS mov [cs:DATA_BASE], eax
        mov ax, SEL_DATA32
        mov es, ax

        ; back to real mode: the 16-bit segment with limit 0xFFFF gives real-mode-like limits
        LEAVE_PM32
        PUTS "rm: back in real mode, cs="
        mov ax, cs
        PUTHEX16 ax
        PUTS " msw="
        smsw ax
        and ax, 0x0001
        PUTHEX16 ax
        NEWLINE
        mov ax, 0x2000
        mov es, ax
        PUTS "rm: 2000:0FFC="
        PUTHEX32 [es:0x0FFC]
        NEWLINE
        xor ax, ax
        mov es, ax
        PUTLN "rm: done"
        EXIT 0

%include "lib.inc"
ROM_END
