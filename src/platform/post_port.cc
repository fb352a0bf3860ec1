#include "platform/post_port.h"

namespace vtsim::platform {

PostPort::PostPort(trace::Tracer* tracer, const timing::Clock& clock)
    : tracer_(tracer), clock_(clock) {}

u8 PostPort::read_byte(u16 port) { return port == kPort ? last_code_ : 0xFF; }

void PostPort::write_byte(u16 port, u8 value) {
  if (port != kPort) return;
  last_code_ = value;
  if (tracer_ && tracer_->wants(trace::Kind::kPostCode))
    tracer_->post_code(trace::PostCode{clock_.cycles, value});
}

}  // namespace vtsim::platform
