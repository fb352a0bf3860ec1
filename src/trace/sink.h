// The trace sink interface and the Tracer that fans events out to the chosen sinks.
#pragma once
#include <memory>
#include <vector>

#include "trace/events.h"

namespace vtsim::trace {

// A trace backend. Each method receives one typed event; default bodies ignore it.
class Sink {
 public:
  virtual ~Sink() = default;
  virtual void retire(const Retire&) {}
  virtual void memory(const Memory&) {}
  virtual void exception(const Exception&) {}
  virtual void interrupt(const Interrupt&) {}
  virtual void port_io(const PortIo&) {}
  virtual void post_code(const PostCode&) {}
  virtual void mode_switch(const ModeSwitch&) {}
  virtual void note(const Note&) {}
  // Writes out anything buffered. Called at the end of a run and on every error path.
  virtual void flush() {}
};

// Holds the sinks of a run. Producers test wants(kind) (one load and one branch) before they
// build an event, so a run with tracing off pays nothing more.
class Tracer {
 public:
  void add(std::unique_ptr<Sink> sink) { sinks_.push_back(std::move(sink)); }
  // Selects the event kinds that are produced; sinks see only these.
  void set_mask(KindMask mask) { mask_ = sinks_.empty() ? 0 : mask; }
  [[nodiscard]] bool wants(Kind k) const { return (mask_ & bit(k)) != 0; }
  [[nodiscard]] KindMask mask() const { return mask_; }

  void retire(const Retire& e) { for (auto& s : sinks_) s->retire(e); }
  void memory(const Memory& e) { for (auto& s : sinks_) s->memory(e); }
  void exception(const Exception& e) { for (auto& s : sinks_) s->exception(e); }
  void interrupt(const Interrupt& e) { for (auto& s : sinks_) s->interrupt(e); }
  void port_io(const PortIo& e) { for (auto& s : sinks_) s->port_io(e); }
  void post_code(const PostCode& e) { for (auto& s : sinks_) s->post_code(e); }
  void mode_switch(const ModeSwitch& e) { for (auto& s : sinks_) s->mode_switch(e); }
  void note(const Note& e) { for (auto& s : sinks_) s->note(e); }
  void flush() { for (auto& s : sinks_) s->flush(); }

 private:
  std::vector<std::unique_ptr<Sink>> sinks_;
  KindMask mask_ = 0;
};

}  // namespace vtsim::trace
