; pit_irq -- the 8259A pair (ICW1-ICW4, vector base 0x20) and the 8254 channel 0 in mode 2 with a small
; count: IRQ0 interrupts counted with EOI until N arrived. Only timing-independent facts are printed.
; expect-status: 1
;
; What is checked (8259A and 8254 data sheets; SDM Vol. 3 6.12.1 for the interrupt gate):
; - IRQ0 arrives through vector 0x20 (ICW2 = 0x20) as an external interrupt: interrupt gate entered
;   with IF = 0, saved EFLAGS.IF = 1, saved CS = 0x0008.
; - In the handler, before the EOI, the master's ISR (OCW3 0x0B, then read port 0x20) has bit 0 set;
;   after a non-specific EOI (OCW2 0x20) it is clear.
; - Exactly N interrupts are counted: the handler masks IRQ0 (OCW1) on the N-th, and none arrives while
;   it stays masked.
; - The PIT's read-back status for channel 0 (command 0xE2) shows the programmed mode: access
;   lobyte/hibyte (bits 5-4 = 11), mode 2 (bits 3-1 = 010), binary (bit 0 = 0);
;   bit 7 (the OUT pin) and bit 6 (NULL COUNT, clear once the count is loaded on the next clock) depend
;   on timing and are masked out. A count latched while the counter runs lies in [1, COUNT].
; Exact timing differs between simulators and is never printed.

%include "rom.inc"

N_IRQS          equ 10
PIT_COUNT       equ 100                 ; about 84 us per interrupt at 1.193182 MHz

irq_count       equ user_vars + 0x00
first_eflags    equ user_vars + 0x04    ; EFLAGS inside the handler, first entry
first_saved_fl  equ user_vars + 0x08    ; the saved EFLAGS, first entry
first_saved_cs  equ user_vars + 0x0C
first_isr       equ user_vars + 0x10    ; ISR before the EOI
first_isr_eoi   equ user_vars + 0x14    ; ISR after the EOI

ROM_BEGIN
        ENTER_PM32
        call idt_init32
        call pic_init32
        PUTLN "pit_irq: start"
        mov eax, IRQ_BASE + 0
        mov ebx, irq0_handler
        mov ecx, SEL_CODE32
        mov dl, 0x8E
        call set_gate32
        mov dword [irq_count], 0

        mov ax, PIT_COUNT
        call pit_mode2_32
        mov al, 0xE2                            ; read-back: latch the status of channel 0
        out PIT_CMD, al
        in al, PIT_CH0
        and al, 0x3F                            ; bit 7 OUT and bit 6 NULL COUNT: timing-dependent
        PUTS "pit status (ch0, OUT and NULL COUNT masked)="
        PUTHEX8 al
        NEWLINE

        mov al, 0xFE                            ; OCW1: unmask IRQ0 only
        out PIC1_DATA, al
        sti
        mov ecx, 50000000                       ; a bound, only reached if interrupts never come
.wait:  cmp dword [irq_count], N_IRQS
        jae .arrived
        dec ecx
        jnz .wait
        cli
        PUTS "timeout: irq0 count="
        PUTHEX32 [irq_count]
        NEWLINE
        EXIT 1
.arrived:
        mov al, 0x00                            ; counter latch command, channel 0 (running now)
        out PIT_CMD, al
        in al, PIT_CH0
        mov ah, al
        in al, PIT_CH0
        xchg al, ah
        movzx eax, ax
        PUTS "pit latched count in [1, COUNT]: "
        cmp eax, 1
        jb .out_of_range
        cmp eax, PIT_COUNT
        ja .out_of_range
        PUTLN "yes"
        jmp .range_done
.out_of_range:
        PUTLN "no"
.range_done:
        ; IRQ0 is masked now (the handler did it): no further interrupt may arrive
        mov ecx, 100000
.idle:  dec ecx
        jnz .idle
        cli
        PUTS "irq0 count="
        PUTHEX32 [irq_count]
        NEWLINE
        PUTS "first irq0: eflags.if inside="
        mov eax, [first_eflags]
        shr eax, 9
        and al, 1
        PUTHEX8 al
        PUTS " saved eflags.if="
        mov eax, [first_saved_fl]
        shr eax, 9
        and al, 1
        PUTHEX8 al
        PUTS " saved cs="
        PUTHEX16 [first_saved_cs]
        NEWLINE
        PUTS "first irq0: isr before eoi="
        PUTHEX8 [first_isr]
        PUTS " after eoi="
        PUTHEX8 [first_isr_eoi]
        NEWLINE
        PUTS "pic imr after the last irq="
        in al, PIC1_DATA
        PUTHEX8 al
        NEWLINE
        mov al, 0xFF
        out PIC1_DATA, al
        PUTLN "pit_irq: done"
        EXIT 0

; IRQ0 (vector 0x20, interrupt gate). Frame after the two pushes: [esp+8] EIP, +12 CS, +16 EFLAGS.
irq0_handler:
        push eax
        push ebx
        mov ebx, [irq_count]
        inc ebx
        mov [irq_count], ebx
        cmp ebx, 1
        jne .not_first
        pushfd
        pop eax
        mov [first_eflags], eax
        mov eax, [esp + 16]
        mov [first_saved_fl], eax
        mov eax, [esp + 12]
        mov [first_saved_cs], eax
        mov al, 0x0B                            ; OCW3: read ISR on the next read of port 0x20
        out PIC1_CMD, al
        in al, PIC1_CMD
        mov [first_isr], al
.not_first:
        cmp ebx, N_IRQS
        jne .eoi
        in al, PIC1_DATA                        ; the N-th: mask IRQ0
        or al, 0x01
        out PIC1_DATA, al
.eoi:   mov al, 0x20                            ; OCW2: non-specific EOI
        out PIC1_CMD, al
        cmp ebx, 1
        jne .done
        in al, PIC1_CMD                         ; ISR again (OCW3 still selects it)
        mov [first_isr_eoi], al
.done:  pop ebx
        pop eax
        iretd

%include "lib.inc"
ROM_END
