#include "trace/chrome_sink.h"

#include <fmt/compile.h>

#include <utility>

#include "common/error.h"
#include "trace/event_json.h"

namespace vtsim::trace {

namespace {

// The file opens with the time unit note and two metadata events naming the process and thread;
// every event after them starts with ",\n".
constexpr std::string_view kHead =
    "{\"displayTimeUnit\":\"ns\",\"otherData\":{\"generator\":\"vtsim\","
    "\"timeline\":\"1 ns = 1 cycle\"},\"traceEvents\":[\n"
    "{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":1,\"tid\":1,\"args\":{\"name\":\"vtsim\"}},\n"
    "{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":1,\"tid\":1,\"args\":{\"name\":\"cpu\"}}";
constexpr std::string_view kTail = "\n]}\n";

// The mnemonic of an Intel-syntax line: its first word, two with a rep or lock prefix.
std::string_view mnemonic(std::string_view disasm) {
  std::size_t end = disasm.find(' ');
  std::string_view first = disasm.substr(0, end);
  bool prefix = first == "rep" || first == "repe" || first == "repne" || first == "repz" ||
                first == "repnz" || first == "lock";
  if (prefix && end != std::string_view::npos) end = disasm.find(' ', end + 1);
  return disasm.substr(0, end);
}

// The event's name on the timeline.
using Name = fmt::memory_buffer;
void name_of(Name& n, const Retire& e) {
  n.append(e.disasm.empty() ? std::string_view("retire") : mnemonic(e.disasm));
}
void name_of(Name& n, const Memory& e) {
  n.append(e.write ? std::string_view("write") : std::string_view("read"));
}
void name_of(Name& n, const Exception& e) {
  n.append(e.name.empty() ? std::string_view("exception") : e.name);
}
void name_of(Name& n, const Interrupt& e) {
  fmt::format_to(fmt::appender(n), FMT_COMPILE("{} {:#04x}"), e.source, e.vector);
}
void name_of(Name& n, const PortIo& e) {
  fmt::format_to(fmt::appender(n), FMT_COMPILE("{} {:#x}"), e.write ? "out" : "in", e.port);
}
void name_of(Name& n, const PostCode& e) {
  fmt::format_to(fmt::appender(n), FMT_COMPILE("post {:#04x}"), e.code);
}
void name_of(Name& n, const ModeSwitch& e) {
  fmt::format_to(fmt::appender(n), FMT_COMPILE("{} -> {}"), e.from, e.to);
}
void name_of(Name& n, const Note& e) { n.append(e.what); }

}  // namespace

ChromeSink::ChromeSink(std::FILE* file, bool owns_file, std::string name)
    : out_(file, owns_file, std::move(name)) {
  out_.buffer().append(kHead);
}

ChromeSink::~ChromeSink() {
  try {
    if (!closed_) out_.buffer().append(kTail);
    closed_ = true;
    out_.flush();
  } catch (const UserError&) {
    // A destructor cannot report; callers that care call flush() first.
  }
}

void ChromeSink::flush() {
  if (!closed_ && out_.seekable()) {
    out_.buffer().append(kTail);
    closed_ = true;
  }
  out_.flush();
}

// {"name":..,"cat":"<kind>","ph":"i","s":"t","ts":<cycle/1000>,"pid":1,"tid":1,"args":{..}}
template <class Event>
void ChromeSink::write(Kind kind, const Event& e) {
  Name name;
  name_of(name, e);
  if (closed_) {
    out_.rewind(kTail.size());
    closed_ = false;
  }
  fmt::memory_buffer& buf = out_.buffer();
  buf.append(std::string_view(",\n"));
  JsonObject obj(buf);
  obj.string("name", std::string_view(name.data(), name.size()));
  obj.string("cat", kind_name(kind));
  obj.string("ph", "i");
  obj.string("s", "t");
  fmt::format_to(fmt::appender(obj.raw("ts")), FMT_COMPILE("{}.{:03}"), e.cycle / 1000,
                 e.cycle % 1000);
  obj.number("pid", 1);
  obj.number("tid", 1);
  JsonObject args = obj.object("args");
  add_fields(args, e);
  args.close();
  obj.close();
  out_.commit();
}

void ChromeSink::retire(const Retire& e) { write(Kind::kRetire, e); }
void ChromeSink::memory(const Memory& e) { write(Kind::kMemory, e); }
void ChromeSink::exception(const Exception& e) { write(Kind::kException, e); }
void ChromeSink::interrupt(const Interrupt& e) { write(Kind::kInterrupt, e); }
void ChromeSink::port_io(const PortIo& e) { write(Kind::kPortIo, e); }
void ChromeSink::post_code(const PostCode& e) { write(Kind::kPostCode, e); }
void ChromeSink::mode_switch(const ModeSwitch& e) { write(Kind::kModeSwitch, e); }
void ChromeSink::note(const Note& e) { write(Kind::kNote, e); }

}  // namespace vtsim::trace
