; The integer-loop ROM for the MIPS comparison (bench/peers.sh): switches to flat 32-bit
; protected mode, runs ITER iterations of an 8-instruction integer loop, and stops the machine
; on vtsim (isa-debug-exit 0xF4), QEMU (isa-debug-exit) and Bochs (port 0x8900 "Shutdown").
; Instructions retired in the loop: 8 * ITER (plus about 40 of set-up and exit).
%ifndef ITER
%define ITER 25000000
%endif
bits 16
org 0

start:
    cli
    xor ax, ax
    mov ds, ax
    ; build a GDT at 0x500: null, flat code 0x08, flat data 0x10
    mov di, 0x500
    mov es, ax
    mov cx, 12
    mov si, gdt_image
    cs rep movsw
    o32 lgdt [cs:gdt_desc]
    mov eax, cr0
    or al, 1
    mov cr0, eax
    jmp dword 0x08:(0xF0000 + pm32)

bits 32
pm32:
    mov ax, 0x10
    mov ds, ax
    mov es, ax
    mov ss, ax
    mov esp, 0x7000
    mov ecx, ITER
    xor eax, eax
    mov ebx, 1
    mov esi, 0x1000
.loop:
    add eax, ebx            ; 8 instructions a turn: ALU, shift-add, memory, compare, branch
    xor ebx, eax
    lea edx, [eax + ebx*4]
    mov [esi], edx
    add eax, [esi]
    shl ebx, 1
    dec ecx
    jnz .loop
    ; exit: vtsim / QEMU isa-debug-exit, then Bochs's shutdown port
    mov al, 0
    out 0xF4, al
    mov dx, 0x8900
    mov esi, 0xF0000 + shutdown_str
.sd:
    mov al, [esi]
    test al, al
    jz .halt
    out dx, al
    inc esi
    jmp .sd
.halt:
    cli
    hlt
    jmp .halt

shutdown_str: db "Shutdown", 0
align 8
gdt_image:
    dq 0
    dq 0x00CF9B000000FFFF   ; code, base 0, limit 4 GiB, 32-bit
    dq 0x00CF93000000FFFF   ; data, base 0, limit 4 GiB, 32-bit
gdt_desc:
    dw 23
    dd 0x500

    times 0xFFF0 - ($ - $$) db 0xFF
bits 16
    jmp 0xF000:start
    times 0x10000 - ($ - $$) db 0xFF
