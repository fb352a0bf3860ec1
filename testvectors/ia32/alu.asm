; alu -- ADD ADC SUB SBB CMP AND OR XOR TEST INC DEC NEG NOT on 8-, 16- and 32-bit operands with boundary
; values (carry, overflow, zero, sign, parity, auxiliary carry), each result and its flags printed.
; expect-status: 1
;
; Line format: "OPSIZE A,B f=F: result=R flags=M", where F is EFLAGS before the instruction (set by SETF),
; R is EAX after it (the operand is AL, AX or EAX; EAX was loaded with A, so R's upper bits are A's),
; and M is EFLAGS after it masked with the flags the SDM defines (Vol. 2 "Flags Affected"):
;   F_ALL  = OF SF ZF AF PF CF (0x8D5)
;     ADD ADC SUB SBB CMP NEG: all six set according to the result.
;     INC DEC: OF SF ZF AF PF set, CF unaffected (so F_ALL checks that CF kept its value).
;     NOT: no flag affected (F_ALL checks that all six kept their values).
;   F_NOAF = OF SF ZF PF CF (0x8C5)
;     AND OR XOR TEST: OF = CF = 0, SF ZF PF set according to the result, AF undefined.
; PF reflects the low byte of the result only; CMP and TEST write no register (R = A).
; testvectors/tools/sdm-model.py recomputes every line from the SDM's definitions.

%include "rom.inc"

; BIN op, size, a, b, flags-in, mask: EAX = a, EBX = b, EFLAGS = flags-in; op al/ax/eax, bl/bx/ebx
%macro BIN 6
%defstr BIN_OP %1
%defstr BIN_SZ %2
%defstr BIN_A %3
%defstr BIN_B %4
%defstr BIN_F %5
%strcat BIN_NAME BIN_OP, BIN_SZ, " ", BIN_A, ",", BIN_B, " f=", BIN_F
        SETF %5
        mov eax, %3
        mov ebx, %4
%if %2 == 8
        %1 al, bl
%elif %2 == 16
        %1 ax, bx
%else
        %1 eax, ebx
%endif
        REPORT BIN_NAME, %6
%endmacro

; UN op, size, a, flags-in, mask: EAX = a, EFLAGS = flags-in; op al/ax/eax
%macro UN 5
%defstr BIN_OP %1
%defstr BIN_SZ %2
%defstr BIN_A %3
%defstr BIN_F %4
%strcat BIN_NAME BIN_OP, BIN_SZ, " ", BIN_A, " f=", BIN_F
        SETF %4
        mov eax, %3
%if %2 == 8
        %1 al
%elif %2 == 16
        %1 ax
%else
        %1 eax
%endif
        REPORT BIN_NAME, %5
%endmacro

ROM_BEGIN
        ENTER_PM32
        call idt_init32
        PUTLN "alu: start"

; --- add ---
        BIN add, 8, 0x00, 0x00, 0x000, F_ALL
        BIN add, 8, 0x0F, 0x01, 0x000, F_ALL
        BIN add, 8, 0x7F, 0x01, 0x000, F_ALL
        BIN add, 8, 0xFF, 0x01, 0x000, F_ALL
        BIN add, 8, 0x80, 0xFF, 0x8D4, F_ALL
        BIN add, 8, 0x80, 0x01, 0x8D4, F_ALL
        BIN add, 8, 0x55, 0xAA, 0x8D4, F_ALL
        BIN add, 8, 0x01, 0x02, 0x8D4, F_ALL
        BIN add, 8, 0xFF, 0xFF, 0x000, F_ALL
        BIN add, 16, 0x0000, 0x0000, 0x000, F_ALL
        BIN add, 16, 0x000F, 0x0001, 0x000, F_ALL
        BIN add, 16, 0x00FF, 0x0001, 0x000, F_ALL
        BIN add, 16, 0x7FFF, 0x0001, 0x000, F_ALL
        BIN add, 16, 0xFFFF, 0x0001, 0x000, F_ALL
        BIN add, 16, 0x8000, 0xFFFF, 0x8D4, F_ALL
        BIN add, 16, 0x8000, 0x0001, 0x8D4, F_ALL
        BIN add, 16, 0x5555, 0xAAAA, 0x8D4, F_ALL
        BIN add, 16, 0x0001, 0x0002, 0x8D4, F_ALL
        BIN add, 32, 0x00000000, 0x00000000, 0x000, F_ALL
        BIN add, 32, 0x0000000F, 0x00000001, 0x000, F_ALL
        BIN add, 32, 0x000000FF, 0x00000001, 0x000, F_ALL
        BIN add, 32, 0x7FFFFFFF, 0x00000001, 0x000, F_ALL
        BIN add, 32, 0xFFFFFFFF, 0x00000001, 0x000, F_ALL
        BIN add, 32, 0x80000000, 0xFFFFFFFF, 0x8D4, F_ALL
        BIN add, 32, 0x80000000, 0x00000001, 0x8D4, F_ALL
        BIN add, 32, 0x55555555, 0xAAAAAAAA, 0x8D4, F_ALL
        BIN add, 32, 0x00000001, 0x00000002, 0x8D4, F_ALL
; --- adc ---
        BIN adc, 8, 0x00, 0x00, 0x000, F_ALL
        BIN adc, 8, 0x00, 0x00, 0x8D5, F_ALL
        BIN adc, 8, 0x0F, 0x01, 0x000, F_ALL
        BIN adc, 8, 0x0F, 0x01, 0x8D5, F_ALL
        BIN adc, 8, 0x7F, 0x01, 0x000, F_ALL
        BIN adc, 8, 0x7F, 0x01, 0x8D5, F_ALL
        BIN adc, 8, 0xFF, 0x01, 0x000, F_ALL
        BIN adc, 8, 0xFF, 0x01, 0x8D5, F_ALL
        BIN adc, 8, 0x80, 0xFF, 0x000, F_ALL
        BIN adc, 8, 0x80, 0xFF, 0x8D5, F_ALL
        BIN adc, 8, 0x80, 0x01, 0x000, F_ALL
        BIN adc, 8, 0x80, 0x01, 0x8D5, F_ALL
        BIN adc, 8, 0x55, 0xAA, 0x000, F_ALL
        BIN adc, 8, 0x55, 0xAA, 0x8D5, F_ALL
        BIN adc, 8, 0x01, 0x02, 0x000, F_ALL
        BIN adc, 8, 0x01, 0x02, 0x8D5, F_ALL
        BIN adc, 8, 0xFF, 0xFF, 0x000, F_ALL
        BIN adc, 8, 0xFF, 0xFF, 0x8D5, F_ALL
        BIN adc, 16, 0x0000, 0x0000, 0x000, F_ALL
        BIN adc, 16, 0x0000, 0x0000, 0x8D5, F_ALL
        BIN adc, 16, 0x000F, 0x0001, 0x000, F_ALL
        BIN adc, 16, 0x000F, 0x0001, 0x8D5, F_ALL
        BIN adc, 16, 0x00FF, 0x0001, 0x000, F_ALL
        BIN adc, 16, 0x00FF, 0x0001, 0x8D5, F_ALL
        BIN adc, 16, 0x7FFF, 0x0001, 0x000, F_ALL
        BIN adc, 16, 0x7FFF, 0x0001, 0x8D5, F_ALL
        BIN adc, 16, 0xFFFF, 0x0001, 0x000, F_ALL
        BIN adc, 16, 0xFFFF, 0x0001, 0x8D5, F_ALL
        BIN adc, 16, 0x8000, 0xFFFF, 0x000, F_ALL
        BIN adc, 16, 0x8000, 0xFFFF, 0x8D5, F_ALL
        BIN adc, 16, 0x8000, 0x0001, 0x000, F_ALL
        BIN adc, 16, 0x8000, 0x0001, 0x8D5, F_ALL
        BIN adc, 16, 0x5555, 0xAAAA, 0x000, F_ALL
        BIN adc, 16, 0x5555, 0xAAAA, 0x8D5, F_ALL
        BIN adc, 16, 0x0001, 0x0002, 0x000, F_ALL
        BIN adc, 16, 0x0001, 0x0002, 0x8D5, F_ALL
        BIN adc, 32, 0x00000000, 0x00000000, 0x000, F_ALL
        BIN adc, 32, 0x00000000, 0x00000000, 0x8D5, F_ALL
        BIN adc, 32, 0x0000000F, 0x00000001, 0x000, F_ALL
        BIN adc, 32, 0x0000000F, 0x00000001, 0x8D5, F_ALL
        BIN adc, 32, 0x000000FF, 0x00000001, 0x000, F_ALL
        BIN adc, 32, 0x000000FF, 0x00000001, 0x8D5, F_ALL
        BIN adc, 32, 0x7FFFFFFF, 0x00000001, 0x000, F_ALL
        BIN adc, 32, 0x7FFFFFFF, 0x00000001, 0x8D5, F_ALL
        BIN adc, 32, 0xFFFFFFFF, 0x00000001, 0x000, F_ALL
        BIN adc, 32, 0xFFFFFFFF, 0x00000001, 0x8D5, F_ALL
        BIN adc, 32, 0x80000000, 0xFFFFFFFF, 0x000, F_ALL
        BIN adc, 32, 0x80000000, 0xFFFFFFFF, 0x8D5, F_ALL
        BIN adc, 32, 0x80000000, 0x00000001, 0x000, F_ALL
        BIN adc, 32, 0x80000000, 0x00000001, 0x8D5, F_ALL
        BIN adc, 32, 0x55555555, 0xAAAAAAAA, 0x000, F_ALL
        BIN adc, 32, 0x55555555, 0xAAAAAAAA, 0x8D5, F_ALL
        BIN adc, 32, 0x00000001, 0x00000002, 0x000, F_ALL
        BIN adc, 32, 0x00000001, 0x00000002, 0x8D5, F_ALL
; --- sub ---
        BIN sub, 8, 0x00, 0x00, 0x000, F_ALL
        BIN sub, 8, 0x0F, 0x01, 0x000, F_ALL
        BIN sub, 8, 0x7F, 0x01, 0x000, F_ALL
        BIN sub, 8, 0xFF, 0x01, 0x000, F_ALL
        BIN sub, 8, 0x80, 0xFF, 0x8D4, F_ALL
        BIN sub, 8, 0x80, 0x01, 0x8D4, F_ALL
        BIN sub, 8, 0x55, 0xAA, 0x8D4, F_ALL
        BIN sub, 8, 0x01, 0x02, 0x8D4, F_ALL
        BIN sub, 8, 0xFF, 0xFF, 0x000, F_ALL
        BIN sub, 16, 0x0000, 0x0000, 0x000, F_ALL
        BIN sub, 16, 0x000F, 0x0001, 0x000, F_ALL
        BIN sub, 16, 0x00FF, 0x0001, 0x000, F_ALL
        BIN sub, 16, 0x7FFF, 0x0001, 0x000, F_ALL
        BIN sub, 16, 0xFFFF, 0x0001, 0x000, F_ALL
        BIN sub, 16, 0x8000, 0xFFFF, 0x8D4, F_ALL
        BIN sub, 16, 0x8000, 0x0001, 0x8D4, F_ALL
        BIN sub, 16, 0x5555, 0xAAAA, 0x8D4, F_ALL
        BIN sub, 16, 0x0001, 0x0002, 0x8D4, F_ALL
        BIN sub, 32, 0x00000000, 0x00000000, 0x000, F_ALL
        BIN sub, 32, 0x0000000F, 0x00000001, 0x000, F_ALL
        BIN sub, 32, 0x000000FF, 0x00000001, 0x000, F_ALL
        BIN sub, 32, 0x7FFFFFFF, 0x00000001, 0x000, F_ALL
        BIN sub, 32, 0xFFFFFFFF, 0x00000001, 0x000, F_ALL
        BIN sub, 32, 0x80000000, 0xFFFFFFFF, 0x8D4, F_ALL
        BIN sub, 32, 0x80000000, 0x00000001, 0x8D4, F_ALL
        BIN sub, 32, 0x55555555, 0xAAAAAAAA, 0x8D4, F_ALL
        BIN sub, 32, 0x00000001, 0x00000002, 0x8D4, F_ALL
; --- sbb ---
        BIN sbb, 8, 0x00, 0x00, 0x000, F_ALL
        BIN sbb, 8, 0x00, 0x00, 0x8D5, F_ALL
        BIN sbb, 8, 0x0F, 0x01, 0x000, F_ALL
        BIN sbb, 8, 0x0F, 0x01, 0x8D5, F_ALL
        BIN sbb, 8, 0x7F, 0x01, 0x000, F_ALL
        BIN sbb, 8, 0x7F, 0x01, 0x8D5, F_ALL
        BIN sbb, 8, 0xFF, 0x01, 0x000, F_ALL
        BIN sbb, 8, 0xFF, 0x01, 0x8D5, F_ALL
        BIN sbb, 8, 0x80, 0xFF, 0x000, F_ALL
        BIN sbb, 8, 0x80, 0xFF, 0x8D5, F_ALL
        BIN sbb, 8, 0x80, 0x01, 0x000, F_ALL
        BIN sbb, 8, 0x80, 0x01, 0x8D5, F_ALL
        BIN sbb, 8, 0x55, 0xAA, 0x000, F_ALL
        BIN sbb, 8, 0x55, 0xAA, 0x8D5, F_ALL
        BIN sbb, 8, 0x01, 0x02, 0x000, F_ALL
        BIN sbb, 8, 0x01, 0x02, 0x8D5, F_ALL
        BIN sbb, 8, 0xFF, 0xFF, 0x000, F_ALL
        BIN sbb, 8, 0xFF, 0xFF, 0x8D5, F_ALL
        BIN sbb, 16, 0x0000, 0x0000, 0x000, F_ALL
        BIN sbb, 16, 0x0000, 0x0000, 0x8D5, F_ALL
        BIN sbb, 16, 0x000F, 0x0001, 0x000, F_ALL
        BIN sbb, 16, 0x000F, 0x0001, 0x8D5, F_ALL
        BIN sbb, 16, 0x00FF, 0x0001, 0x000, F_ALL
        BIN sbb, 16, 0x00FF, 0x0001, 0x8D5, F_ALL
        BIN sbb, 16, 0x7FFF, 0x0001, 0x000, F_ALL
        BIN sbb, 16, 0x7FFF, 0x0001, 0x8D5, F_ALL
        BIN sbb, 16, 0xFFFF, 0x0001, 0x000, F_ALL
        BIN sbb, 16, 0xFFFF, 0x0001, 0x8D5, F_ALL
        BIN sbb, 16, 0x8000, 0xFFFF, 0x000, F_ALL
        BIN sbb, 16, 0x8000, 0xFFFF, 0x8D5, F_ALL
        BIN sbb, 16, 0x8000, 0x0001, 0x000, F_ALL
        BIN sbb, 16, 0x8000, 0x0001, 0x8D5, F_ALL
        BIN sbb, 16, 0x5555, 0xAAAA, 0x000, F_ALL
        BIN sbb, 16, 0x5555, 0xAAAA, 0x8D5, F_ALL
        BIN sbb, 16, 0x0001, 0x0002, 0x000, F_ALL
        BIN sbb, 16, 0x0001, 0x0002, 0x8D5, F_ALL
        BIN sbb, 32, 0x00000000, 0x00000000, 0x000, F_ALL
        BIN sbb, 32, 0x00000000, 0x00000000, 0x8D5, F_ALL
        BIN sbb, 32, 0x0000000F, 0x00000001, 0x000, F_ALL
        BIN sbb, 32, 0x0000000F, 0x00000001, 0x8D5, F_ALL
        BIN sbb, 32, 0x000000FF, 0x00000001, 0x000, F_ALL
        BIN sbb, 32, 0x000000FF, 0x00000001, 0x8D5, F_ALL
        BIN sbb, 32, 0x7FFFFFFF, 0x00000001, 0x000, F_ALL
        BIN sbb, 32, 0x7FFFFFFF, 0x00000001, 0x8D5, F_ALL
        BIN sbb, 32, 0xFFFFFFFF, 0x00000001, 0x000, F_ALL
        BIN sbb, 32, 0xFFFFFFFF, 0x00000001, 0x8D5, F_ALL
        BIN sbb, 32, 0x80000000, 0xFFFFFFFF, 0x000, F_ALL
        BIN sbb, 32, 0x80000000, 0xFFFFFFFF, 0x8D5, F_ALL
        BIN sbb, 32, 0x80000000, 0x00000001, 0x000, F_ALL
        BIN sbb, 32, 0x80000000, 0x00000001, 0x8D5, F_ALL
        BIN sbb, 32, 0x55555555, 0xAAAAAAAA, 0x000, F_ALL
        BIN sbb, 32, 0x55555555, 0xAAAAAAAA, 0x8D5, F_ALL
        BIN sbb, 32, 0x00000001, 0x00000002, 0x000, F_ALL
        BIN sbb, 32, 0x00000001, 0x00000002, 0x8D5, F_ALL
; --- cmp ---
        BIN cmp, 8, 0x00, 0x00, 0x000, F_ALL
        BIN cmp, 8, 0x0F, 0x01, 0x000, F_ALL
        BIN cmp, 8, 0x7F, 0x01, 0x000, F_ALL
        BIN cmp, 8, 0xFF, 0x01, 0x000, F_ALL
        BIN cmp, 8, 0x80, 0xFF, 0x8D4, F_ALL
        BIN cmp, 8, 0x80, 0x01, 0x8D4, F_ALL
        BIN cmp, 8, 0x55, 0xAA, 0x8D4, F_ALL
        BIN cmp, 8, 0x01, 0x02, 0x8D4, F_ALL
        BIN cmp, 8, 0xFF, 0xFF, 0x000, F_ALL
        BIN cmp, 16, 0x0000, 0x0000, 0x000, F_ALL
        BIN cmp, 16, 0x000F, 0x0001, 0x000, F_ALL
        BIN cmp, 16, 0x00FF, 0x0001, 0x000, F_ALL
        BIN cmp, 16, 0x7FFF, 0x0001, 0x000, F_ALL
        BIN cmp, 16, 0xFFFF, 0x0001, 0x000, F_ALL
        BIN cmp, 16, 0x8000, 0xFFFF, 0x8D4, F_ALL
        BIN cmp, 16, 0x8000, 0x0001, 0x8D4, F_ALL
        BIN cmp, 16, 0x5555, 0xAAAA, 0x8D4, F_ALL
        BIN cmp, 16, 0x0001, 0x0002, 0x8D4, F_ALL
        BIN cmp, 32, 0x00000000, 0x00000000, 0x000, F_ALL
        BIN cmp, 32, 0x0000000F, 0x00000001, 0x000, F_ALL
        BIN cmp, 32, 0x000000FF, 0x00000001, 0x000, F_ALL
        BIN cmp, 32, 0x7FFFFFFF, 0x00000001, 0x000, F_ALL
        BIN cmp, 32, 0xFFFFFFFF, 0x00000001, 0x000, F_ALL
        BIN cmp, 32, 0x80000000, 0xFFFFFFFF, 0x8D4, F_ALL
        BIN cmp, 32, 0x80000000, 0x00000001, 0x8D4, F_ALL
        BIN cmp, 32, 0x55555555, 0xAAAAAAAA, 0x8D4, F_ALL
        BIN cmp, 32, 0x00000001, 0x00000002, 0x8D4, F_ALL
; --- and ---
        BIN and, 8, 0x00, 0x00, 0x000, F_NOAF
        BIN and, 8, 0x0F, 0x01, 0x000, F_NOAF
        BIN and, 8, 0x7F, 0x01, 0x000, F_NOAF
        BIN and, 8, 0xFF, 0x01, 0x000, F_NOAF
        BIN and, 8, 0x80, 0xFF, 0x8D4, F_NOAF
        BIN and, 8, 0x80, 0x01, 0x8D4, F_NOAF
        BIN and, 8, 0x55, 0xAA, 0x8D4, F_NOAF
        BIN and, 8, 0x01, 0x02, 0x8D4, F_NOAF
        BIN and, 8, 0xFF, 0xFF, 0x000, F_NOAF
        BIN and, 16, 0x0000, 0x0000, 0x000, F_NOAF
        BIN and, 16, 0x000F, 0x0001, 0x000, F_NOAF
        BIN and, 16, 0x00FF, 0x0001, 0x000, F_NOAF
        BIN and, 16, 0x7FFF, 0x0001, 0x000, F_NOAF
        BIN and, 16, 0xFFFF, 0x0001, 0x000, F_NOAF
        BIN and, 16, 0x8000, 0xFFFF, 0x8D4, F_NOAF
        BIN and, 16, 0x8000, 0x0001, 0x8D4, F_NOAF
        BIN and, 16, 0x5555, 0xAAAA, 0x8D4, F_NOAF
        BIN and, 16, 0x0001, 0x0002, 0x8D4, F_NOAF
        BIN and, 32, 0x00000000, 0x00000000, 0x000, F_NOAF
        BIN and, 32, 0x0000000F, 0x00000001, 0x000, F_NOAF
        BIN and, 32, 0x000000FF, 0x00000001, 0x000, F_NOAF
        BIN and, 32, 0x7FFFFFFF, 0x00000001, 0x000, F_NOAF
        BIN and, 32, 0xFFFFFFFF, 0x00000001, 0x000, F_NOAF
        BIN and, 32, 0x80000000, 0xFFFFFFFF, 0x8D4, F_NOAF
        BIN and, 32, 0x80000000, 0x00000001, 0x8D4, F_NOAF
        BIN and, 32, 0x55555555, 0xAAAAAAAA, 0x8D4, F_NOAF
        BIN and, 32, 0x00000001, 0x00000002, 0x8D4, F_NOAF
; --- or ---
        BIN or, 8, 0x00, 0x00, 0x000, F_NOAF
        BIN or, 8, 0x0F, 0x01, 0x000, F_NOAF
        BIN or, 8, 0x7F, 0x01, 0x000, F_NOAF
        BIN or, 8, 0xFF, 0x01, 0x000, F_NOAF
        BIN or, 8, 0x80, 0xFF, 0x8D4, F_NOAF
        BIN or, 8, 0x80, 0x01, 0x8D4, F_NOAF
        BIN or, 8, 0x55, 0xAA, 0x8D4, F_NOAF
        BIN or, 8, 0x01, 0x02, 0x8D4, F_NOAF
        BIN or, 8, 0xFF, 0xFF, 0x000, F_NOAF
        BIN or, 16, 0x0000, 0x0000, 0x000, F_NOAF
        BIN or, 16, 0x000F, 0x0001, 0x000, F_NOAF
        BIN or, 16, 0x00FF, 0x0001, 0x000, F_NOAF
        BIN or, 16, 0x7FFF, 0x0001, 0x000, F_NOAF
        BIN or, 16, 0xFFFF, 0x0001, 0x000, F_NOAF
        BIN or, 16, 0x8000, 0xFFFF, 0x8D4, F_NOAF
        BIN or, 16, 0x8000, 0x0001, 0x8D4, F_NOAF
        BIN or, 16, 0x5555, 0xAAAA, 0x8D4, F_NOAF
        BIN or, 16, 0x0001, 0x0002, 0x8D4, F_NOAF
        BIN or, 32, 0x00000000, 0x00000000, 0x000, F_NOAF
        BIN or, 32, 0x0000000F, 0x00000001, 0x000, F_NOAF
        BIN or, 32, 0x000000FF, 0x00000001, 0x000, F_NOAF
        BIN or, 32, 0x7FFFFFFF, 0x00000001, 0x000, F_NOAF
        BIN or, 32, 0xFFFFFFFF, 0x00000001, 0x000, F_NOAF
        BIN or, 32, 0x80000000, 0xFFFFFFFF, 0x8D4, F_NOAF
        BIN or, 32, 0x80000000, 0x00000001, 0x8D4, F_NOAF
        BIN or, 32, 0x55555555, 0xAAAAAAAA, 0x8D4, F_NOAF
        BIN or, 32, 0x00000001, 0x00000002, 0x8D4, F_NOAF
; --- xor ---
        BIN xor, 8, 0x00, 0x00, 0x000, F_NOAF
        BIN xor, 8, 0x0F, 0x01, 0x000, F_NOAF
        BIN xor, 8, 0x7F, 0x01, 0x000, F_NOAF
        BIN xor, 8, 0xFF, 0x01, 0x000, F_NOAF
        BIN xor, 8, 0x80, 0xFF, 0x8D4, F_NOAF
        BIN xor, 8, 0x80, 0x01, 0x8D4, F_NOAF
        BIN xor, 8, 0x55, 0xAA, 0x8D4, F_NOAF
        BIN xor, 8, 0x01, 0x02, 0x8D4, F_NOAF
        BIN xor, 8, 0xFF, 0xFF, 0x000, F_NOAF
        BIN xor, 16, 0x0000, 0x0000, 0x000, F_NOAF
        BIN xor, 16, 0x000F, 0x0001, 0x000, F_NOAF
        BIN xor, 16, 0x00FF, 0x0001, 0x000, F_NOAF
        BIN xor, 16, 0x7FFF, 0x0001, 0x000, F_NOAF
        BIN xor, 16, 0xFFFF, 0x0001, 0x000, F_NOAF
        BIN xor, 16, 0x8000, 0xFFFF, 0x8D4, F_NOAF
        BIN xor, 16, 0x8000, 0x0001, 0x8D4, F_NOAF
        BIN xor, 16, 0x5555, 0xAAAA, 0x8D4, F_NOAF
        BIN xor, 16, 0x0001, 0x0002, 0x8D4, F_NOAF
        BIN xor, 32, 0x00000000, 0x00000000, 0x000, F_NOAF
        BIN xor, 32, 0x0000000F, 0x00000001, 0x000, F_NOAF
        BIN xor, 32, 0x000000FF, 0x00000001, 0x000, F_NOAF
        BIN xor, 32, 0x7FFFFFFF, 0x00000001, 0x000, F_NOAF
        BIN xor, 32, 0xFFFFFFFF, 0x00000001, 0x000, F_NOAF
        BIN xor, 32, 0x80000000, 0xFFFFFFFF, 0x8D4, F_NOAF
        BIN xor, 32, 0x80000000, 0x00000001, 0x8D4, F_NOAF
        BIN xor, 32, 0x55555555, 0xAAAAAAAA, 0x8D4, F_NOAF
        BIN xor, 32, 0x00000001, 0x00000002, 0x8D4, F_NOAF
; --- test ---
        BIN test, 8, 0x00, 0x00, 0x000, F_NOAF
        BIN test, 8, 0x0F, 0x01, 0x000, F_NOAF
        BIN test, 8, 0x7F, 0x01, 0x000, F_NOAF
        BIN test, 8, 0xFF, 0x01, 0x000, F_NOAF
        BIN test, 8, 0x80, 0xFF, 0x8D4, F_NOAF
        BIN test, 8, 0x80, 0x01, 0x8D4, F_NOAF
        BIN test, 8, 0x55, 0xAA, 0x8D4, F_NOAF
        BIN test, 8, 0x01, 0x02, 0x8D4, F_NOAF
        BIN test, 8, 0xFF, 0xFF, 0x000, F_NOAF
        BIN test, 16, 0x0000, 0x0000, 0x000, F_NOAF
        BIN test, 16, 0x000F, 0x0001, 0x000, F_NOAF
        BIN test, 16, 0x00FF, 0x0001, 0x000, F_NOAF
        BIN test, 16, 0x7FFF, 0x0001, 0x000, F_NOAF
        BIN test, 16, 0xFFFF, 0x0001, 0x000, F_NOAF
        BIN test, 16, 0x8000, 0xFFFF, 0x8D4, F_NOAF
        BIN test, 16, 0x8000, 0x0001, 0x8D4, F_NOAF
        BIN test, 16, 0x5555, 0xAAAA, 0x8D4, F_NOAF
        BIN test, 16, 0x0001, 0x0002, 0x8D4, F_NOAF
        BIN test, 32, 0x00000000, 0x00000000, 0x000, F_NOAF
        BIN test, 32, 0x0000000F, 0x00000001, 0x000, F_NOAF
        BIN test, 32, 0x000000FF, 0x00000001, 0x000, F_NOAF
        BIN test, 32, 0x7FFFFFFF, 0x00000001, 0x000, F_NOAF
        BIN test, 32, 0xFFFFFFFF, 0x00000001, 0x000, F_NOAF
        BIN test, 32, 0x80000000, 0xFFFFFFFF, 0x8D4, F_NOAF
        BIN test, 32, 0x80000000, 0x00000001, 0x8D4, F_NOAF
        BIN test, 32, 0x55555555, 0xAAAAAAAA, 0x8D4, F_NOAF
        BIN test, 32, 0x00000001, 0x00000002, 0x8D4, F_NOAF
; --- inc ---
        UN inc, 8, 0x00, 0x000, F_ALL
        UN inc, 8, 0x00, 0x8D5, F_ALL
        UN inc, 8, 0x01, 0x000, F_ALL
        UN inc, 8, 0x01, 0x8D5, F_ALL
        UN inc, 8, 0x0F, 0x000, F_ALL
        UN inc, 8, 0x0F, 0x8D5, F_ALL
        UN inc, 8, 0x10, 0x000, F_ALL
        UN inc, 8, 0x10, 0x8D5, F_ALL
        UN inc, 8, 0x7F, 0x000, F_ALL
        UN inc, 8, 0x7F, 0x8D5, F_ALL
        UN inc, 8, 0x80, 0x000, F_ALL
        UN inc, 8, 0x80, 0x8D5, F_ALL
        UN inc, 8, 0xFF, 0x000, F_ALL
        UN inc, 8, 0xFF, 0x8D5, F_ALL
        UN inc, 16, 0x0000, 0x000, F_ALL
        UN inc, 16, 0x0000, 0x8D5, F_ALL
        UN inc, 16, 0x00FF, 0x000, F_ALL
        UN inc, 16, 0x00FF, 0x8D5, F_ALL
        UN inc, 16, 0x0100, 0x000, F_ALL
        UN inc, 16, 0x0100, 0x8D5, F_ALL
        UN inc, 16, 0x7FFF, 0x000, F_ALL
        UN inc, 16, 0x7FFF, 0x8D5, F_ALL
        UN inc, 16, 0x8000, 0x000, F_ALL
        UN inc, 16, 0x8000, 0x8D5, F_ALL
        UN inc, 16, 0xFFFF, 0x000, F_ALL
        UN inc, 16, 0xFFFF, 0x8D5, F_ALL
        UN inc, 32, 0x00000000, 0x000, F_ALL
        UN inc, 32, 0x00000000, 0x8D5, F_ALL
        UN inc, 32, 0x0000FFFF, 0x000, F_ALL
        UN inc, 32, 0x0000FFFF, 0x8D5, F_ALL
        UN inc, 32, 0x7FFFFFFF, 0x000, F_ALL
        UN inc, 32, 0x7FFFFFFF, 0x8D5, F_ALL
        UN inc, 32, 0x80000000, 0x000, F_ALL
        UN inc, 32, 0x80000000, 0x8D5, F_ALL
        UN inc, 32, 0xFFFFFFFF, 0x000, F_ALL
        UN inc, 32, 0xFFFFFFFF, 0x8D5, F_ALL
; --- dec ---
        UN dec, 8, 0x00, 0x000, F_ALL
        UN dec, 8, 0x00, 0x8D5, F_ALL
        UN dec, 8, 0x01, 0x000, F_ALL
        UN dec, 8, 0x01, 0x8D5, F_ALL
        UN dec, 8, 0x0F, 0x000, F_ALL
        UN dec, 8, 0x0F, 0x8D5, F_ALL
        UN dec, 8, 0x10, 0x000, F_ALL
        UN dec, 8, 0x10, 0x8D5, F_ALL
        UN dec, 8, 0x7F, 0x000, F_ALL
        UN dec, 8, 0x7F, 0x8D5, F_ALL
        UN dec, 8, 0x80, 0x000, F_ALL
        UN dec, 8, 0x80, 0x8D5, F_ALL
        UN dec, 8, 0xFF, 0x000, F_ALL
        UN dec, 8, 0xFF, 0x8D5, F_ALL
        UN dec, 16, 0x0000, 0x000, F_ALL
        UN dec, 16, 0x0000, 0x8D5, F_ALL
        UN dec, 16, 0x00FF, 0x000, F_ALL
        UN dec, 16, 0x00FF, 0x8D5, F_ALL
        UN dec, 16, 0x0100, 0x000, F_ALL
        UN dec, 16, 0x0100, 0x8D5, F_ALL
        UN dec, 16, 0x7FFF, 0x000, F_ALL
        UN dec, 16, 0x7FFF, 0x8D5, F_ALL
        UN dec, 16, 0x8000, 0x000, F_ALL
        UN dec, 16, 0x8000, 0x8D5, F_ALL
        UN dec, 16, 0xFFFF, 0x000, F_ALL
        UN dec, 16, 0xFFFF, 0x8D5, F_ALL
        UN dec, 32, 0x00000000, 0x000, F_ALL
        UN dec, 32, 0x00000000, 0x8D5, F_ALL
        UN dec, 32, 0x0000FFFF, 0x000, F_ALL
        UN dec, 32, 0x0000FFFF, 0x8D5, F_ALL
        UN dec, 32, 0x7FFFFFFF, 0x000, F_ALL
        UN dec, 32, 0x7FFFFFFF, 0x8D5, F_ALL
        UN dec, 32, 0x80000000, 0x000, F_ALL
        UN dec, 32, 0x80000000, 0x8D5, F_ALL
        UN dec, 32, 0xFFFFFFFF, 0x000, F_ALL
        UN dec, 32, 0xFFFFFFFF, 0x8D5, F_ALL
; --- neg ---
        UN neg, 8, 0x00, 0x000, F_ALL
        UN neg, 8, 0x00, 0x8D5, F_ALL
        UN neg, 8, 0x01, 0x000, F_ALL
        UN neg, 8, 0x01, 0x8D5, F_ALL
        UN neg, 8, 0x0F, 0x000, F_ALL
        UN neg, 8, 0x0F, 0x8D5, F_ALL
        UN neg, 8, 0x10, 0x000, F_ALL
        UN neg, 8, 0x10, 0x8D5, F_ALL
        UN neg, 8, 0x7F, 0x000, F_ALL
        UN neg, 8, 0x7F, 0x8D5, F_ALL
        UN neg, 8, 0x80, 0x000, F_ALL
        UN neg, 8, 0x80, 0x8D5, F_ALL
        UN neg, 8, 0xFF, 0x000, F_ALL
        UN neg, 8, 0xFF, 0x8D5, F_ALL
        UN neg, 16, 0x0000, 0x000, F_ALL
        UN neg, 16, 0x0000, 0x8D5, F_ALL
        UN neg, 16, 0x00FF, 0x000, F_ALL
        UN neg, 16, 0x00FF, 0x8D5, F_ALL
        UN neg, 16, 0x0100, 0x000, F_ALL
        UN neg, 16, 0x0100, 0x8D5, F_ALL
        UN neg, 16, 0x7FFF, 0x000, F_ALL
        UN neg, 16, 0x7FFF, 0x8D5, F_ALL
        UN neg, 16, 0x8000, 0x000, F_ALL
        UN neg, 16, 0x8000, 0x8D5, F_ALL
        UN neg, 16, 0xFFFF, 0x000, F_ALL
        UN neg, 16, 0xFFFF, 0x8D5, F_ALL
        UN neg, 32, 0x00000000, 0x000, F_ALL
        UN neg, 32, 0x00000000, 0x8D5, F_ALL
        UN neg, 32, 0x0000FFFF, 0x000, F_ALL
        UN neg, 32, 0x0000FFFF, 0x8D5, F_ALL
        UN neg, 32, 0x7FFFFFFF, 0x000, F_ALL
        UN neg, 32, 0x7FFFFFFF, 0x8D5, F_ALL
        UN neg, 32, 0x80000000, 0x000, F_ALL
        UN neg, 32, 0x80000000, 0x8D5, F_ALL
        UN neg, 32, 0xFFFFFFFF, 0x000, F_ALL
        UN neg, 32, 0xFFFFFFFF, 0x8D5, F_ALL
; --- not ---
        UN not, 8, 0x00, 0x000, F_ALL
        UN not, 8, 0x00, 0x8D5, F_ALL
        UN not, 8, 0x01, 0x000, F_ALL
        UN not, 8, 0x01, 0x8D5, F_ALL
        UN not, 8, 0x0F, 0x000, F_ALL
        UN not, 8, 0x0F, 0x8D5, F_ALL
        UN not, 8, 0x10, 0x000, F_ALL
        UN not, 8, 0x10, 0x8D5, F_ALL
        UN not, 8, 0x7F, 0x000, F_ALL
        UN not, 8, 0x7F, 0x8D5, F_ALL
        UN not, 8, 0x80, 0x000, F_ALL
        UN not, 8, 0x80, 0x8D5, F_ALL
        UN not, 8, 0xFF, 0x000, F_ALL
        UN not, 8, 0xFF, 0x8D5, F_ALL
        UN not, 16, 0x0000, 0x000, F_ALL
        UN not, 16, 0x0000, 0x8D5, F_ALL
        UN not, 16, 0x00FF, 0x000, F_ALL
        UN not, 16, 0x00FF, 0x8D5, F_ALL
        UN not, 16, 0x0100, 0x000, F_ALL
        UN not, 16, 0x0100, 0x8D5, F_ALL
        UN not, 16, 0x7FFF, 0x000, F_ALL
        UN not, 16, 0x7FFF, 0x8D5, F_ALL
        UN not, 16, 0x8000, 0x000, F_ALL
        UN not, 16, 0x8000, 0x8D5, F_ALL
        UN not, 16, 0xFFFF, 0x000, F_ALL
        UN not, 16, 0xFFFF, 0x8D5, F_ALL
        UN not, 32, 0x00000000, 0x000, F_ALL
        UN not, 32, 0x00000000, 0x8D5, F_ALL
        UN not, 32, 0x0000FFFF, 0x000, F_ALL
        UN not, 32, 0x0000FFFF, 0x8D5, F_ALL
        UN not, 32, 0x7FFFFFFF, 0x000, F_ALL
        UN not, 32, 0x7FFFFFFF, 0x8D5, F_ALL
        UN not, 32, 0x80000000, 0x000, F_ALL
        UN not, 32, 0x80000000, 0x8D5, F_ALL
        UN not, 32, 0xFFFFFFFF, 0x000, F_ALL
        UN not, 32, 0xFFFFFFFF, 0x8D5, F_ALL

; --- other encodings: immediates (sign-extended imm8, imm16/32), memory destinations, high byte
; registers. Each prints the destination (memory read back with MOV, which leaves the flags alone).
        mov dword [DATA_BASE], 0x7FFFFFFF
        SETF 0
        add dword [DATA_BASE], byte 1           ; 83 /0 ib: imm8 sign-extended
        mov eax, [DATA_BASE]
        REPORT "add32 m,imm8 0x7FFFFFFF,0x01 f=0x000", F_ALL
        SETF 0
        sub dword [DATA_BASE], byte -1          ; 83 /5 ib: subtracts 0xFFFFFFFF
        mov eax, [DATA_BASE]
        REPORT "sub32 m,imm8 0x80000000,0xFFFFFFFF f=0x000", F_ALL
        mov eax, 0x00001234
        SETF 0x8D5
        and ax, 0xFF00                          ; imm16
        REPORT "and16 0x1234,0xFF00 f=0x8D5", F_NOAF
        mov eax, 0x12345678
        SETF 0
        xor eax, 0x12345678                     ; imm32
        REPORT "xor32 0x12345678,0x12345678 f=0x000", F_NOAF
        mov eax, 0x0000FF01
        SETF 0
        add ah, al                              ; high byte register: AH = 0xFF + 0x01
        REPORT "add8 ah,al 0xFF,0x01 f=0x000", F_ALL
        mov word [DATA_BASE], 0x8000
        SETF 0x001
        sbb word [DATA_BASE], 0                 ; 0x8000 - 0 - CF
        movzx eax, word [DATA_BASE]
        REPORT "sbb16 m,imm 0x8000,0x0000 f=0x001", F_ALL
        mov byte [DATA_BASE], 0xFF
        SETF 0
        inc byte [DATA_BASE]
        movzx eax, byte [DATA_BASE]
        REPORT "inc8 m 0xFF f=0x000", F_ALL
        mov dword [DATA_BASE], 0x80000000
        SETF 0
        neg dword [DATA_BASE]
        mov eax, [DATA_BASE]
        REPORT "neg32 m 0x80000000 f=0x000", F_ALL
        mov eax, 0x000000F0
        mov dword [DATA_BASE], 0x0000000F
        SETF 0x8D5
        test [DATA_BASE], eax
        REPORT "test32 m 0x0000000F,0x000000F0 f=0x8D5", F_NOAF
        mov eax, 0x00000080
        SETF 0
        cmp al, 0x7F
        REPORT "cmp8 0x80,0x7F f=0x000", F_ALL

        PUTLN "alu: done"
        EXIT 0

%include "lib.inc"
ROM_END
