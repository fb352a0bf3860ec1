; kbc_reset -- a guest-requested reset through the keyboard controller and through port 0x92.
; expect-status: 1
;
; Command 0xFE to port 0x64 pulses the CPU's reset line (8042 "pulse output port"); bit 0 of
; port 0x92 (System Control Port A) is the fast reset. Both restart the processor at F000:FFF0
; with RAM kept, so the ROM counts its starts in RAM: start 1 resets through the 8042, start 2
; through port 0x92, start 3 reports and exits.

%include "rom.inc"

RESET_MAGIC     equ 0x54534552          ; "REST"

ROM_BEGIN
        cmp dword [MAGIC_ADDR], RESET_MAGIC
        je .again
        mov dword [MAGIC_ADDR], RESET_MAGIC
        mov dword [MAGIC_ADDR + 4], 0
.again:
        inc dword [MAGIC_ADDR + 4]
        cmp dword [MAGIC_ADDR + 4], 1
        jne .second
        PUTLN "kbc_reset: start 1, resetting through the 8042 (0xFE to port 0x64)"
        call drain
        mov al, 0xFE
        out 0x64, al
        jmp $                                   ; not reached: the reset takes effect at once
.second:
        cmp dword [MAGIC_ADDR + 4], 2
        jne .third
        PUTLN "kbc_reset: start 2, resetting through port 0x92 bit 0"
        call drain
        in al, 0x92
        and al, 0xFE                            ; bit 0 must go from 0 to 1
        out 0x92, al
        or al, 1
        out 0x92, al
        jmp $
.third:
        PUTLN "kbc_reset: start 3, both resets restarted the processor"
        mov dword [MAGIC_ADDR], 0
        EXIT 0

drain:                                          ; wait until the UART has sent everything
        mov dx, COM1 + 5
.wait:  in al, dx
        test al, 0x40
        jz .wait
        ret

%include "lib.inc"
ROM_END
