#include "platform/debug_console.h"

#include <utility>

namespace vtsim::platform {

DebugConsole::DebugConsole(std::function<void(u8)> output) : output_(std::move(output)) {}

u8 DebugConsole::read_byte(u16 port) { return port == kPort ? 0xE9 : 0xFF; }

void DebugConsole::write_byte(u16 port, u8 value) {
  if (port == kPort && output_) output_(value);
}

}  // namespace vtsim::platform
