// The JSONL backend: one JSON object per line, for scripts (jq, pandas). See
// docs/trace-schema.md.
#pragma once
#include <cstdio>
#include <string>

#include "trace/output.h"
#include "trace/sink.h"

namespace vtsim::trace {

class JsonlSink : public Sink {
 public:
  // Writes to file, closing it on destruction when owns_file. name is used in error messages.
  explicit JsonlSink(std::FILE* file, bool owns_file = false, std::string name = "-");

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
  template <class Event>
  void write(Kind kind, const Event& e);

  Output out_;
};

}  // namespace vtsim::trace
