; The demo ROM: prints a greeting and a few computed lines through COM1, then halts (status 0).
; Built at build time by nasm; 64 KiB, reset vector at F000:FFF0.
bits 16
org 0

start:
    cli
    xor ax, ax
    mov ss, ax
    mov sp, 0x7000
    mov ax, cs
    mov ds, ax
    mov si, msg
    call puts
    ; 5! computed with a loop, printed in hex
    mov cx, 5
    mov ax, 1
.fact:
    mul cx
    loop .fact
    push ax
    mov si, fact_msg
    call puts                   ; puts clobbers AL
    pop ax
    call puthex16
    mov al, 10
    call putc
    mov si, bye
    call puts
    cli
    hlt                         ; halted with interrupts off: vtsim exits with status 0

; putc: AL -> COM1 transmit holding register
putc:
    push dx
    mov dx, 0x3F8
    out dx, al
    pop dx
    ret

; puts: DS:SI -> zero-terminated string
puts:
    lodsb
    test al, al
    jz .done
    call putc
    jmp puts
.done:
    ret

; puthex16: AX as four hex digits
puthex16:
    mov cx, 4
.digit:
    rol ax, 4
    push ax
    and al, 0x0F
    add al, '0'
    cmp al, '9'
    jbe .out
    add al, 'a' - '0' - 10
.out:
    call putc
    pop ax
    loop .digit
    ret

msg:      db "Hello from vtsim: a Core 2 in real mode, booted from the reset vector.", 10, 0
fact_msg: db "5! = 0x", 0
bye:      db "Halting with interrupts off.", 10, 0

    times 0xFFF0 - ($ - $$) db 0xFF
reset:
    jmp 0xF000:start
    times 0x10000 - ($ - $$) db 0xFF
