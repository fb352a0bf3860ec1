// The text backend: one greppable line per event in fixed columns, for people. See
// docs/trace-schema.md for the layout of each kind.
#pragma once
#include <cstdio>
#include <string>

#include "trace/output.h"
#include "trace/sink.h"

namespace vtsim::trace {

class TextSink : public Sink {
 public:
  // Writes to file, closing it on destruction when owns_file. name is used in error messages.
  explicit TextSink(std::FILE* file, bool owns_file = false, std::string name = "-");

  void retire(const Retire& e) override;
  void memory(const Memory& e) override;
  void exception(const Exception& e) override;
  void interrupt(const Interrupt& e) override;
  void port_io(const PortIo& e) override;
  void post_code(const PostCode& e) override;
  void mode_switch(const ModeSwitch& e) override;
  void note(const Note& e) override;
  void flush() override { out_.flush(); }

 private:
  // Writes "[c=<cycle>]" and the kind name, each padded to its column; returns the buffer.
  fmt::memory_buffer& begin(u64 cycle, Kind kind);
  void end();

  Output out_;
};

}  // namespace vtsim::trace
