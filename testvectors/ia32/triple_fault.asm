; triple_fault -- print a line, then cause a triple fault: an IDT with limit 0 and an INT3.
; expect-status: 6
;
; INT3 with vector 3 beyond the IDT limit raises #GP(0x1A); delivering that #GP fails the same way
; (a contributory exception during a contributory one: #DF, SDM Vol. 3 Table 6-5), and delivering the
; #DF fails too: the processor enters shutdown (Vol. 3 6.15, interrupt 8). vtsim stops with status 6 and
; prints the CPU state on stderr.
; Bochs resets the CPU on a triple fault instead (reset_on_triple_fault=1) and runs the ROM again with
; RAM kept. The ROM therefore writes a magic value to RAM before faulting; when it finds the value at
; start-up it prints nothing and stops Bochs through the exit ports, so both serial outputs are the same.

%include "rom.inc"

TRIPLE_MAGIC    equ 0x4C505254          ; "TRPL"

ROM_BEGIN
        cmp dword [MAGIC_ADDR], TRIPLE_MAGIC
        jne .first
        mov dword [MAGIC_ADDR], 0               ; second start (after Bochs's reset): stop quietly
        EXIT 0
.first:
        mov dword [MAGIC_ADDR], TRIPLE_MAGIC
        PUTLN "triple_fault: start"
        ENTER_PM32
        PUTLN "lidt with limit 0, then int3: #GP, #DF, shutdown"
        mov dx, COM1 + 5                        ; let the UART drain before the fault
.drain: in al, dx
        test al, 0x40
        jz .drain
        lidt [zero_idtr]
        int3
        PUTLN "still running (wrong)"
        EXIT 1

zero_idtr:
        dw 0
        dd IDT_BASE

%include "lib.inc"
ROM_END
