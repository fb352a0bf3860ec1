; hlt -- STI; HLT woken by the PIT's IRQ0 (three times), then the final clean stop: CLI; HLT.
; expect-status: 0
; oracle: bochs-timeout-ok 3
;
; This vector does not use the exit ports: it ends in HLT with IF = 0, which vtsim reports as a clean
; halt (status 0). Bochs never leaves that state, so its runner lets it run 3 s and takes the timeout
; as the end (the serial output is complete by then: the ROM waits for the UART to drain first).
; What is checked (SDM Vol. 2 HLT and STI; Vol. 3 6.12.1):
; - STI delays interrupt recognition by one instruction, so STI; HLT cannot lose the wake-up.
; - An interrupt ends the halt: the handler runs and the saved EIP is the instruction after the HLT.
; - Each HLT returns only after an IRQ0 was handled (the count grew).

%include "rom.inc"

PIT_COUNT       equ 1000
irq_count       equ user_vars + 0x00
hlt_eip         equ user_vars + 0x04    ; saved EIP of the first IRQ0 that interrupted a HLT
hlt_addr        equ user_vars + 0x08

ROM_BEGIN
        ENTER_PM32
        call idt_init32
        call pic_init32
        PUTLN "hlt: start"
        mov eax, IRQ_BASE + 0
        mov ebx, irq0_handler
        mov ecx, SEL_CODE32
        mov dl, 0x8E
        call set_gate32
        mov dword [irq_count], 0
        mov dword [hlt_eip], 0
        mov ax, PIT_COUNT
        call pit_mode2_32
        mov al, 0xFE                            ; unmask IRQ0
        out PIC1_DATA, al

        mov dword [hlt_addr], .hlt1
        mov ebx, [irq_count]
        sti
.hlt1:  hlt
        cli
        call check_grew
        mov ebx, [irq_count]
        sti
        hlt
        cli
        call check_grew
        mov ebx, [irq_count]
        sti
        hlt
        cli
        call check_grew
        PUTS "first wake-up: saved eip=hlt+"
        mov eax, [hlt_eip]
        sub eax, .hlt1
        PUTHEX8 al
        NEWLINE

        mov al, 0xFF                            ; mask everything again
        out PIC1_DATA, al
        PUTLN "hlt: done, now cli; hlt"
        mov dx, COM1 + 5                        ; let the UART drain (the exit routine would do this)
.drain: in al, dx
        test al, 0x40
        jz .drain
.stop:  cli
        hlt
        jmp .stop

; check_grew: EBX = the count before the HLT; prints whether it grew
check_grew:
        PUTS "woken by irq0, count grew: "
        cmp [irq_count], ebx
        ja .yes
        PUTLN "no"
        ret
.yes:   PUTLN "yes"
        ret

irq0_handler:
        push eax
        inc dword [irq_count]
        cmp dword [hlt_eip], 0
        jne .eoi
        mov eax, [esp + 4]                      ; saved EIP
        mov [hlt_eip], eax
.eoi:   mov al, 0x20
        out PIC1_CMD, al
        pop eax
        iretd

%include "lib.inc"
ROM_END
