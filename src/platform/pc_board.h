// The PC board: RAM, the ROM at the reset vector, and the legacy devices, wired to one IA-32
// CPU (docs/pc-board.md has the port map).
#pragma once
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "cpu/ia32/cpu.h"
#include "mem/bus.h"
#include "timing/clock.h"
#include "trace/sink.h"

namespace vtsim::platform {

class Uart16550;
class Pic8259Pair;
class Pit8254;
class SystemControlPortB;
class Port92;
class Kbc8042;
class DebugConsole;
class IsaDebugExit;
class PostPort;
class BochsShutdownPort;

struct PcOptions {
  const ia32::Model* model = nullptr;
  u64 ram_bytes = 32ull << 20;
  std::function<void(u8)> serial_out;    // COM1 transmit
  std::function<void(u8)> debugcon_out;  // port 0xE9
};

enum class Outcome { kHalted, kShutdown, kGuestExit, kInsnLimit, kCycleLimit, kTripleFault };

struct RunResult {
  Outcome outcome = Outcome::kHalted;
  int guest_status = 0;  // (v << 1) | 1 for kGuestExit
};

class PcBoard final : public ia32::PlatformLink {
 public:
  PcBoard(const PcOptions& opts, std::vector<u8> rom, trace::Tracer& tracer);
  ~PcBoard() override;

  // Runs until the guest stops or a limit is reached. Resets requested by the guest
  // (keyboard controller 0xFE, port 0x92 bit 0) restart the CPU and go on.
  RunResult run(const ia32::RunLimits& limits);

  [[nodiscard]] u64 instructions() const { return cpu_.icount(); }
  [[nodiscard]] u64 cycles() const { return clock_.cycles; }
  [[nodiscard]] std::string cpu_state() { return cpu_.describe_state(); }
  ia32::Cpu& cpu() { return cpu_; }
  mem::Bus& bus() { return bus_; }

  // PlatformLink
  bool intr_pending() override;
  u8 intr_acknowledge() override;
  u64 next_event_cycle() override;
  void advance() override;
  bool stop_requested() override;

 private:
  timing::Clock clock_;
  mem::Bus bus_;
  std::vector<u8> rom_;
  trace::Tracer& tracer_;
  ia32::Cpu cpu_;
  bool reset_requested_ = false;
  std::unique_ptr<Pic8259Pair> pic_;
  std::unique_ptr<Uart16550> uart_;
  std::unique_ptr<Pit8254> pit_;
  std::unique_ptr<SystemControlPortB> port61_;
  std::unique_ptr<Port92> port92_;
  std::unique_ptr<Kbc8042> kbc_;
  std::unique_ptr<DebugConsole> debugcon_;
  std::unique_ptr<IsaDebugExit> exit_;
  std::unique_ptr<PostPort> post_;
  std::unique_ptr<BochsShutdownPort> shutdown_;
};

}  // namespace vtsim::platform
