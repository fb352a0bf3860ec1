// The Chrome trace-event backend: a {"traceEvents":[...]} file of instant events that opens in
// Perfetto (ui.perfetto.dev) and chrome://tracing. One nanosecond on their timeline is one
// simulated cycle. See docs/trace-schema.md.
#pragma once
#include <cstdio>
#include <string>

#include "trace/output.h"
#include "trace/sink.h"

namespace vtsim::trace {

class ChromeSink : public Sink {
 public:
  // Writes to file, closing it on destruction when owns_file. name is used in error messages.
  explicit ChromeSink(std::FILE* file, bool owns_file = false, std::string name = "-");
  // Flushes, so the file ends with the closing "]}".
  ~ChromeSink() override;

  void retire(const Retire& e) override;
  void memory(const Memory& e) override;
  void exception(const Exception& e) override;
  void interrupt(const Interrupt& e) override;
  void port_io(const PortIo& e) override;
  void post_code(const PostCode& e) override;
  void mode_switch(const ModeSwitch& e) override;
  void note(const Note& e) override;
  // Writes the closing "]}" after the events so far, so the file is complete JSON even if the
  // process then dies. The next event seeks back over it. On a pipe or terminal, which cannot
  // seek, the closing is written by the destructor only.
  void flush() override;

 private:
  template <class Event>
  void write(Kind kind, const Event& e);

  Output out_;
  bool closed_ = false;  // the file currently ends with the closing "]}"
};

}  // namespace vtsim::trace
