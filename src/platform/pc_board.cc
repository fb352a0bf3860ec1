#include "platform/pc_board.h"

#include "platform/bochs_shutdown_port.h"
#include "platform/debug_console.h"
#include "platform/isa_debug_exit.h"
#include "platform/kbc8042.h"
#include "platform/pic8259_pair.h"
#include "platform/pit8254.h"
#include "platform/port92.h"
#include "platform/post_port.h"
#include "platform/system_control_port_b.h"
#include "platform/uart16550.h"

namespace vtsim::platform {

namespace {
constexpr u64 k4G = u64{1} << 32;
constexpr u64 k1M = u64{1} << 20;
constexpr u64 kLowAlias = 128 * 1024;  // the part of the ROM also visible below 1 MiB
}  // namespace

PcBoard::PcBoard(const PcOptions& opts, std::vector<u8> rom, trace::Tracer& tracer)
    : bus_(opts.ram_bytes), rom_(std::move(rom)), tracer_(tracer),
      cpu_(*opts.model, bus_, clock_, tracer) {
  clock_.hz = opts.model->hz;
  bus_.set_tracer(&tracer_, &clock_);
  // The ROM ends at 4 GiB; its last 128 KiB also end at 1 MiB (the PC's BIOS shadow).
  bus_.map_rom(rom_, k4G);
  std::span<const u8> low(rom_);
  if (low.size() > kLowAlias) low = low.last(kLowAlias);
  bus_.map_rom(low, k1M);

  pic_ = std::make_unique<Pic8259Pair>();
  uart_ = std::make_unique<Uart16550>(opts.serial_out, pic_.get());
  pit_ = std::make_unique<Pit8254>(clock_, pic_.get());
  port61_ = std::make_unique<SystemControlPortB>(*pit_, clock_);
  auto reset = [this] { reset_requested_ = true; };
  port92_ = std::make_unique<Port92>(bus_, reset);
  kbc_ = std::make_unique<Kbc8042>(bus_, reset, pic_.get());
  debugcon_ = std::make_unique<DebugConsole>(opts.debugcon_out);
  exit_ = std::make_unique<IsaDebugExit>();
  post_ = std::make_unique<PostPort>(&tracer_, clock_);
  shutdown_ = std::make_unique<BochsShutdownPort>();

  bus_.map_ports(0x20, 2, pic_.get());
  bus_.map_ports(0xA0, 2, pic_.get());
  bus_.map_ports(0x4D0, 2, pic_.get());
  bus_.map_ports(0x3F8, 8, uart_.get());
  bus_.map_ports(0x40, 4, pit_.get());
  bus_.map_ports(0x61, 1, port61_.get());
  bus_.map_ports(0x92, 1, port92_.get());
  bus_.map_ports(0x60, 1, kbc_.get());
  bus_.map_ports(0x64, 1, kbc_.get());
  bus_.map_ports(0xE9, 1, debugcon_.get());
  bus_.map_ports(0xF4, 1, exit_.get());
  bus_.map_ports(0x80, 1, post_.get());
  bus_.map_ports(0x8900, 1, shutdown_.get());
  cpu_.set_platform(this);
}

PcBoard::~PcBoard() = default;

bool PcBoard::intr_pending() { return pic_->interrupt_pending(); }
u8 PcBoard::intr_acknowledge() { return pic_->acknowledge(); }
u64 PcBoard::next_event_cycle() { return pit_->next_event_cycle(); }
void PcBoard::advance() { pit_->update(); }
bool PcBoard::stop_requested() {
  return reset_requested_ || exit_->exit_status() || shutdown_->shutdown_requested();
}

RunResult PcBoard::run(const ia32::RunLimits& limits) {
  for (;;) {
    ia32::StopReason why = cpu_.run(limits);
    switch (why) {
      case ia32::StopReason::kHalt: return {Outcome::kHalted, 0};
      case ia32::StopReason::kInsnLimit: return {Outcome::kInsnLimit, 0};
      case ia32::StopReason::kCycleLimit: return {Outcome::kCycleLimit, 0};
      case ia32::StopReason::kTripleFault: return {Outcome::kTripleFault, 0};
      case ia32::StopReason::kNone:
      case ia32::StopReason::kDevice: break;
    }
    if (auto status = exit_->exit_status()) return {Outcome::kGuestExit, *status & 0xFF};
    if (shutdown_->shutdown_requested()) return {Outcome::kShutdown, 0};
    if (reset_requested_) {
      // A guest-requested reset restarts the processor; RAM and devices keep their state.
      if (tracer_.wants(trace::Kind::kNote)) tracer_.note({clock_.cycles, "reset", "guest requested a CPU reset"});
      reset_requested_ = false;
      bus_.set_a20(true);
      cpu_.reset();
    }
  }
}

}  // namespace vtsim::platform
