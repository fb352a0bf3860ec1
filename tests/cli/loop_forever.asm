; A ROM that never stops: only --max-insns or --max-cycles end its run.
bits 16
    times 0xFFF0 db 0x90
    jmp short $
    times 0x10000 - ($ - $$) db 0xFF
