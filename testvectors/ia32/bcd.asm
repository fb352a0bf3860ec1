; bcd -- DAA DAS AAA AAS AAM AAD, including the edge cases of the SDM's current pseudo-code (AAA adds
; 106H to AX, AAS subtracts 6 from AX and 1 from AH, DAS keeps the borrow of its first step), AAM and
; AAD with bases other than 10, and AAM 0 -> #DE.
; expect-status: 1
;
; Line format: "OP8 AX f=F: result=EAX flags=M" (AAM/AAD: "OP8 AX,IMM8 ..."); EAX = AX before (upper
; half 0), F = EFLAGS before. Masks (SDM Vol. 2, "Flags Affected"):
;   DAA DAS: CF AF SF ZF PF defined, OF undefined: F_NOOF (0x0D5)
;   AAA AAS: AF CF defined, OF SF ZF PF undefined: FL_AF | FL_CF (0x011)
;   AAM AAD: SF ZF PF defined from AL, OF AF CF undefined: F_SZP (0x0C4)
; AAM 0 raises #DE (a fault: saved EIP = the AAM); AX is printed again to show it unchanged.
; testvectors/tools/sdm-model.py recomputes every line from the SDM's Operation sections.

%include "rom.inc"

%macro BCD 3                                    ; op, ax, flags-in
%defstr BCD_OP %1
%defstr BCD_A %2
%defstr BCD_F %3
%strcat BCD_NAME BCD_OP, "8 ", BCD_A, " f=", BCD_F
%ifidn %1, daa
%assign BCD_MASK F_NOOF
%elifidn %1, das
%assign BCD_MASK F_NOOF
%else
%assign BCD_MASK FL_AF | FL_CF
%endif
        SETF %3
        mov eax, %2
        %1
        REPORT BCD_NAME, BCD_MASK
%endmacro

%macro BCDI 4                                   ; op, ax, imm8, flags-in
%defstr BCD_OP %1
%defstr BCD_A %2
%defstr BCD_B %3
%defstr BCD_F %4
%strcat BCD_NAME BCD_OP, "8 ", BCD_A, ",", BCD_B, " f=", BCD_F
        SETF %4
        mov eax, %2
        %1 %3
        REPORT BCD_NAME, F_SZP
%endmacro

ROM_BEGIN
        ENTER_PM32
        call idt_init32
        PUTLN "bcd: start"

; --- daa ---
        BCD daa, 0x1200, 0x000
        BCD daa, 0x1209, 0x000
        BCD daa, 0x120A, 0x000
        BCD daa, 0x120F, 0x000
        BCD daa, 0x1210, 0x010
        BCD daa, 0x1299, 0x000
        BCD daa, 0x129A, 0x000
        BCD daa, 0x12A0, 0x000
        BCD daa, 0x12FA, 0x000
        BCD daa, 0x12FF, 0x000
        BCD daa, 0x123C, 0x001
        BCD daa, 0x1200, 0x011
        BCD daa, 0x1299, 0x001
        BCD daa, 0x1245, 0x8C4
; --- das ---
        BCD das, 0x1200, 0x000
        BCD das, 0x1209, 0x000
        BCD das, 0x120A, 0x000
        BCD das, 0x1210, 0x010
        BCD das, 0x1203, 0x010
        BCD das, 0x1299, 0x000
        BCD das, 0x129A, 0x000
        BCD das, 0x12A0, 0x000
        BCD das, 0x12FF, 0x000
        BCD das, 0x1200, 0x001
        BCD das, 0x1266, 0x011
        BCD das, 0x1205, 0x010
        BCD das, 0x12EE, 0x8D5
; --- aaa ---
        BCD aaa, 0x0000, 0x000
        BCD aaa, 0x0009, 0x000
        BCD aaa, 0x000A, 0x000
        BCD aaa, 0x000F, 0x000
        BCD aaa, 0x0035, 0x000
        BCD aaa, 0x0039, 0x010
        BCD aaa, 0x01FA, 0x000
        BCD aaa, 0x00FA, 0x000
        BCD aaa, 0xFF0B, 0x000
        BCD aaa, 0x0010, 0x010
; --- aas ---
        BCD aas, 0x0000, 0x000
        BCD aas, 0x0009, 0x000
        BCD aas, 0x000A, 0x000
        BCD aas, 0x0203, 0x010
        BCD aas, 0x0205, 0x010
        BCD aas, 0x020F, 0x000
        BCD aas, 0x0000, 0x010
        BCD aas, 0x0036, 0x010
        BCD aas, 0x01FF, 0x000
; --- aam ---
        BCDI aam, 0x0000, 0x0A, 0x000
        BCDI aam, 0x0009, 0x0A, 0x8D5
        BCDI aam, 0x0063, 0x0A, 0x000
        BCDI aam, 0x00FF, 0x0A, 0x8D5
        BCDI aam, 0x1234, 0x0A, 0x000
        BCDI aam, 0x00FF, 0x10, 0x8D5
        BCDI aam, 0x0080, 0x07, 0x000
        BCDI aam, 0x0050, 0xFF, 0x8D5
; --- aad ---
        BCDI aad, 0x0000, 0x0A, 0x000
        BCDI aad, 0x0909, 0x0A, 0x8D5
        BCDI aad, 0x0102, 0x0A, 0x000
        BCDI aad, 0xFFFF, 0x0A, 0x8D5
        BCDI aad, 0x0F0F, 0x10, 0x000
        BCDI aad, 0x1234, 0x07, 0x8D5
        BCDI aad, 0x8000, 0x02, 0x000
        BCDI aad, 0x0101, 0xFF, 0x8D5

; --- AAM 0: #DE ---
        PUTLN "aam 0 (ax=1234)"
        mov eax, 0x1234
        FAULTS aam 0
        REPORT "  after #DE", 0

        PUTLN "bcd: done"
        EXIT 0

%include "lib.inc"
ROM_END
