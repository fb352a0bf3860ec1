#include "trace/jsonl_sink.h"

#include <utility>

#include "trace/event_json.h"

namespace vtsim::trace {

JsonlSink::JsonlSink(std::FILE* file, bool owns_file, std::string name)
    : out_(file, owns_file, std::move(name)) {}

// {"type":"<kind>","cycle":N,<fields>}\n
template <class Event>
void JsonlSink::write(Kind kind, const Event& e) {
  fmt::memory_buffer& buf = out_.buffer();
  JsonObject obj(buf);
  obj.string("type", kind_name(kind));
  add_fields(obj, e);
  obj.close();
  buf.push_back('\n');
  out_.commit();
}

void JsonlSink::retire(const Retire& e) { write(Kind::kRetire, e); }
void JsonlSink::memory(const Memory& e) { write(Kind::kMemory, e); }
void JsonlSink::exception(const Exception& e) { write(Kind::kException, e); }
void JsonlSink::interrupt(const Interrupt& e) { write(Kind::kInterrupt, e); }
void JsonlSink::port_io(const PortIo& e) { write(Kind::kPortIo, e); }
void JsonlSink::post_code(const PostCode& e) { write(Kind::kPostCode, e); }
void JsonlSink::mode_switch(const ModeSwitch& e) { write(Kind::kModeSwitch, e); }
void JsonlSink::note(const Note& e) { write(Kind::kNote, e); }

}  // namespace vtsim::trace
