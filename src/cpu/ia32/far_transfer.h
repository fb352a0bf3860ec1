// Far JMP, CALL, RET and IRET in every mode (SDM Vol. 3A 5.8; Vol. 2 JMP, CALL, RET, IRET
// "Operation"), and the privilege-change stack helpers they share with interrupt delivery.
#pragma once
#include <optional>

#include "cpu/ia32/cpu.h"

namespace vtsim::ia32 {

// Row handlers for exec_control.cc; the operand size comes from d.o32.
void jmp_far_A(Cpu& c, const DecodedInsn& d);   // EA ptr16:16 / ptr16:32
void jmp_far_M(Cpu& c, const DecodedInsn& d);   // FF /5 m16:16 / m16:32
void call_far_A(Cpu& c, const DecodedInsn& d);  // 9A
void call_far_M(Cpu& c, const DecodedInsn& d);  // FF /3
void retf(Cpu& c, const DecodedInsn& d);        // CB, CA Iw
void iret(Cpu& c, const DecodedInsn& d);        // CF

// The descriptor a selector names, or nothing when the selector is null or lies beyond its
// table's limit: for the checks that report their own error (LAR, LSL, VERR, VERW, #TS).
std::optional<u64> find_descriptor(Cpu& c, u16 selector);

// A stack written before SS:ESP are loaded, so a fault on the way leaves the registers as
// they were. The caller checks has_room first; push() itself does no limit check.
class StackBuilder {
 public:
  StackBuilder(const Segment& ss, u32 esp);
  // True when count pushes of size bytes stay within the segment (SDM Vol. 3A 5.3, 6.2).
  [[nodiscard]] bool has_room(unsigned count, unsigned size) const;
  void push(Cpu& c, u32 value, unsigned size);
  [[nodiscard]] u32 esp() const { return esp_; }

 private:
  Segment ss_;
  u32 esp_;
  u32 mask_;  // 0xFFFF for a 16-bit stack (B = 0)
};

// The stack for privilege level dpl named by the current TSS, with the #TS/#SS checks of a
// call gate and of INT n (SDM Vol. 3A 5.8.5, 6.12.1; CALL and INT n "Operation").
struct InnerStack {
  u16 selector;
  u64 descriptor;
  u32 esp;
};
InnerStack inner_stack(Cpu& c, unsigned dpl, u32 ext);
// Loads SS (setting the descriptor's accessed bit) and ESP (SP for a 16-bit stack).
void load_stack(Cpu& c, u16 selector, u64 descriptor, u32 esp);

}  // namespace vtsim::ia32
