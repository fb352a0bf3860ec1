// The POST diagnostic port at 0x80: firmware writes progress codes here.
#pragma once
#include "common/types.h"
#include "platform/byte_port_device.h"
#include "timing/clock.h"
#include "trace/sink.h"

namespace vtsim::platform {

// A write emits a trace::PostCode event (when the tracer wants Kind::kPostCode) stamped with
// the clock's cycle; reads return the last code written (0 before any write).
class PostPort : public BytePortDevice {
 public:
  static constexpr u16 kPort = 0x80;

  // tracer may be null.
  PostPort(trace::Tracer* tracer, const timing::Clock& clock);

  [[nodiscard]] u8 last_code() const { return last_code_; }

 protected:
  u8 read_byte(u16 port) override;
  void write_byte(u16 port, u8 value) override;

 private:
  trace::Tracer* tracer_;
  const timing::Clock& clock_;
  u8 last_code_ = 0;
};

}  // namespace vtsim::platform
