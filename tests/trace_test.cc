// Tests of the trace backends: the text, JSONL and Chrome sinks, the kind and format parsers,
// the sink factory and the Tracer's fan-out.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/error.h"
#include "trace/chrome_sink.h"
#include "trace/events.h"
#include "trace/factory.h"
#include "trace/jsonl_sink.h"
#include "trace/kinds.h"
#include "trace/sink.h"
#include "trace/text_sink.h"

namespace vtsim::trace {
namespace {

// ---- A minimal JSON reader, enough to check that the sinks write well-formed JSON. ----------

struct JsonMember;

struct Json {
  enum class Type { kNull, kBool, kNumber, kString, kArray, kObject };
  Type type = Type::kNull;
  std::string text;  // the decoded string, or the literal of a number or boolean
  std::vector<Json> items;
  std::vector<JsonMember> members;

  const Json* find(std::string_view key) const;
  // The text of member key, or "<missing>".
  std::string at(std::string_view key) const;
};

struct JsonMember {
  std::string key;
  Json value;
};

const Json* Json::find(std::string_view key) const {
  for (const JsonMember& m : members)
    if (m.key == key) return &m.value;
  return nullptr;
}

std::string Json::at(std::string_view key) const {
  const Json* v = find(key);
  return v != nullptr ? v->text : "<missing>";
}

// Strict RFC 8259 parsing: no trailing commas, no raw control characters in strings.
class JsonReader {
 public:
  explicit JsonReader(std::string_view s) : s_(s) {}

  // The one value that makes up the whole input, or nothing if the input is not JSON.
  std::optional<Json> document() {
    Json v;
    if (!value(v, 0)) return std::nullopt;
    skip_blanks();
    if (i_ != s_.size()) return std::nullopt;
    return v;
  }

 private:
  static constexpr int kMaxDepth = 64;

  void skip_blanks() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\r' || s_[i_] == '\t'))
      ++i_;
  }
  bool eat(char c) {
    skip_blanks();
    if (i_ < s_.size() && s_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }
  bool literal(std::string_view word) {
    if (s_.substr(i_, word.size()) != word) return false;
    i_ += word.size();
    return true;
  }

  bool value(Json& v, int depth) {
    skip_blanks();
    if (i_ >= s_.size() || depth > kMaxDepth) return false;
    char c = s_[i_];
    if (c == '{') return object(v, depth);
    if (c == '[') return array(v, depth);
    if (c == '"') {
      v.type = Json::Type::kString;
      return string(v.text);
    }
    if (c == 't' || c == 'f') {
      v.type = Json::Type::kBool;
      v.text = c == 't' ? "true" : "false";
      return literal(v.text);
    }
    if (c == 'n') return literal("null");
    v.type = Json::Type::kNumber;
    return number(v.text);
  }

  bool object(Json& v, int depth) {
    v.type = Json::Type::kObject;
    ++i_;
    if (eat('}')) return true;
    do {
      std::string key;
      Json member;
      skip_blanks();
      if (!string(key) || !eat(':') || !value(member, depth + 1)) return false;
      v.members.push_back({std::move(key), std::move(member)});
    } while (eat(','));
    return eat('}');
  }

  bool array(Json& v, int depth) {
    v.type = Json::Type::kArray;
    ++i_;
    if (eat(']')) return true;
    do {
      v.items.emplace_back();
      if (!value(v.items.back(), depth + 1)) return false;
    } while (eat(','));
    return eat(']');
  }

  bool digits() {
    std::size_t start = i_;
    while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
    return i_ > start;
  }

  bool number(std::string& out) {
    std::size_t start = i_;
    if (i_ < s_.size() && s_[i_] == '-') ++i_;
    if (i_ < s_.size() && s_[i_] == '0') {
      ++i_;
    } else if (!digits()) {
      return false;
    }
    if (i_ < s_.size() && s_[i_] == '.' && (++i_, !digits())) return false;
    if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
      ++i_;
      if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-')) ++i_;
      if (!digits()) return false;
    }
    out = std::string(s_.substr(start, i_ - start));
    return true;
  }

  bool hex4(unsigned& code) {
    if (i_ + 4 > s_.size()) return false;
    code = 0;
    for (int k = 0; k < 4; ++k) {
      char h = s_[i_++];
      unsigned d = h >= '0' && h <= '9'   ? h - '0'
                   : h >= 'a' && h <= 'f' ? h - 'a' + 10
                   : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                          : 16;
      if (d == 16) return false;
      code = code * 16 + d;
    }
    return true;
  }

  // Decodes a string; \u escapes above 0x7f are kept as '?' (the sinks never write them).
  bool escape(std::string& out) {
    if (i_ >= s_.size()) return false;
    char c = s_[i_++];
    static constexpr std::string_view kFrom = "\"\\/bfnrt", kTo = "\"\\/\b\f\n\r\t";
    if (std::size_t k = kFrom.find(c); k != std::string_view::npos) {
      out.push_back(kTo[k]);
      return true;
    }
    unsigned code = 0;
    if (c != 'u' || !hex4(code)) return false;
    out.push_back(code < 0x80 ? static_cast<char>(code) : '?');
    return true;
  }

  bool string(std::string& out) {
    if (i_ >= s_.size() || s_[i_] != '"') return false;
    ++i_;
    while (i_ < s_.size()) {
      char c = s_[i_++];
      if (c == '"') return true;
      if (static_cast<unsigned char>(c) < 0x20) return false;
      if (c != '\\') {
        out.push_back(c);
      } else if (!escape(out)) {
        return false;
      }
    }
    return false;
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

std::optional<Json> parse_json(std::string_view s) { return JsonReader(s).document(); }

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1)
    lines.push_back(text.substr(start, nl - start));
  if (start < text.size()) lines.push_back(text.substr(start));
  return lines;
}

// ---- Files and events ------------------------------------------------------------------------

// A file in the temporary directory, removed at the end of the test.
class TempFile {
 public:
  TempFile() {
    static int serial = 0;
    path_ = (std::filesystem::temp_directory_path() /
             ("vtsim_trace_test_" + std::to_string(::getpid()) + "_" + std::to_string(serial++)))
                .string();
  }
  ~TempFile() { std::remove(path_.c_str()); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  const std::string& path() const { return path_; }
  std::FILE* open() const { return std::fopen(path_.c_str(), "wb"); }
  // The whole file as it is on disk now, through a separate stream.
  std::string read() const {
    std::string text;
    std::FILE* f = std::fopen(path_.c_str(), "rb");
    if (f == nullptr) return "<cannot open>";
    char chunk[4096];
    for (std::size_t n; (n = std::fread(chunk, 1, sizeof chunk, f)) > 0;) text.append(chunk, n);
    std::fclose(f);
    return text;
  }

 private:
  std::string path_;
};

constexpr u8 kMovBytes[] = {0x89, 0xd8};

// One event of every kind, in Kind order.
constexpr Retire kRetire{42, 123456, 0x1234, 0x0008, 0x1234, kMovBytes, 2, "mov eax, ebx"};
constexpr Memory kMemory{123460, 0x7bfe, 0x107bfe, 0x1234, 2, true};
constexpr Exception kException{123470, 0x1234, 13, true, 0x10, "#GP", "fault"};
constexpr Interrupt kInterrupt{123480, 0x1236, 32, "pic"};
constexpr PortIo kPortIo{123490, 0x3f8, 1, true, 0x41};
constexpr PostCode kPostCode{123500, 0x55};
constexpr ModeSwitch kModeSwitch{123510, "real", "protected"};
constexpr Note kNote{123520, "halt", "hlt with interrupts disabled"};

void feed_every_kind(Sink& sink) {
  sink.retire(kRetire);
  sink.memory(kMemory);
  sink.exception(kException);
  sink.interrupt(kInterrupt);
  sink.port_io(kPortIo);
  sink.post_code(kPostCode);
  sink.mode_switch(kModeSwitch);
  sink.note(kNote);
}

// What a producer does: build an event only when the tracer wants its kind.
void produce_every_kind(Tracer& tracer) {
  if (tracer.wants(Kind::kRetire)) tracer.retire(kRetire);
  if (tracer.wants(Kind::kMemory)) tracer.memory(kMemory);
  if (tracer.wants(Kind::kException)) tracer.exception(kException);
  if (tracer.wants(Kind::kInterrupt)) tracer.interrupt(kInterrupt);
  if (tracer.wants(Kind::kPortIo)) tracer.port_io(kPortIo);
  if (tracer.wants(Kind::kPostCode)) tracer.post_code(kPostCode);
  if (tracer.wants(Kind::kModeSwitch)) tracer.mode_switch(kModeSwitch);
  if (tracer.wants(Kind::kNote)) tracer.note(kNote);
}

// The "type" of every event a JSONL file holds, in order.
std::vector<std::string> jsonl_types(const std::string& text) {
  std::vector<std::string> types;
  for (const std::string& line : split_lines(text)) {
    std::optional<Json> obj = parse_json(line);
    types.push_back(obj ? obj->at("type") : "<invalid: " + line + ">");
  }
  return types;
}

// The instant events of a Chrome trace, or nothing if the file is not a valid trace.
std::optional<std::vector<Json>> chrome_events(const std::string& text) {
  std::optional<Json> doc = parse_json(text);
  if (!doc || doc->type != Json::Type::kObject) return std::nullopt;
  const Json* events = doc->find("traceEvents");
  if (events == nullptr || events->type != Json::Type::kArray) return std::nullopt;
  std::vector<Json> instants;
  for (const Json& e : events->items)
    if (e.at("ph") == "i") instants.push_back(e);
  return instants;
}

// ---- Kinds and formats -----------------------------------------------------------------------

TEST(KindName, NamesEveryKind) {
  EXPECT_EQ(kind_name(Kind::kRetire), "retire");
  EXPECT_EQ(kind_name(Kind::kMemory), "memory");
  EXPECT_EQ(kind_name(Kind::kException), "exception");
  EXPECT_EQ(kind_name(Kind::kInterrupt), "interrupt");
  EXPECT_EQ(kind_name(Kind::kPortIo), "io");
  EXPECT_EQ(kind_name(Kind::kPostCode), "post");
  EXPECT_EQ(kind_name(Kind::kModeSwitch), "mode");
  EXPECT_EQ(kind_name(Kind::kNote), "note");
}

TEST(ParseKinds, List) {
  EXPECT_EQ(parse_kinds("retire,io,exception"),
            bit(Kind::kRetire) | bit(Kind::kPortIo) | bit(Kind::kException));
  EXPECT_EQ(parse_kinds("note"), bit(Kind::kNote));
  EXPECT_EQ(parse_kinds(" mode , post "), bit(Kind::kModeSwitch) | bit(Kind::kPostCode));
  EXPECT_EQ(parse_kinds("io,io"), bit(Kind::kPortIo));
}

TEST(ParseKinds, All) {
  EXPECT_EQ(parse_kinds("all"), kAllKinds);
  EXPECT_EQ(parse_kinds("retire,all"), kAllKinds);
}

TEST(ParseKinds, UnknownWordThrows) {
  EXPECT_THROW(parse_kinds("retire,bogus"), UserError);
  EXPECT_THROW(parse_kinds(""), UserError);
  EXPECT_THROW(parse_kinds("retire,,io"), UserError);
  EXPECT_THROW(parse_kinds("Retire"), UserError);
  try {
    parse_kinds("retire,bogus");
  } catch (const UserError& e) {
    std::string message = e.what();
    EXPECT_NE(message.find("'bogus'"), std::string::npos) << message;
    EXPECT_NE(message.find("retire, memory, exception, interrupt, io, post, mode, note, all"),
              std::string::npos)
        << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
  }
}

TEST(ParseFormat, KnownAndUnknown) {
  EXPECT_EQ(parse_format("text"), Format::kText);
  EXPECT_EQ(parse_format("jsonl"), Format::kJsonl);
  EXPECT_EQ(parse_format("chrome"), Format::kChrome);
  EXPECT_EQ(format_name(Format::kChrome), "chrome");
  EXPECT_THROW(parse_format("json"), UserError);
  EXPECT_THROW(parse_format(""), UserError);
  try {
    parse_format("xml");
  } catch (const UserError& e) {
    EXPECT_NE(std::string(e.what()).find("'xml'"), std::string::npos) << e.what();
  }
}

// ---- The text sink ---------------------------------------------------------------------------

TEST(TextSink, EveryKind) {
  TempFile file;
  {
    TextSink sink(file.open(), true);
    feed_every_kind(sink);
  }
  EXPECT_EQ(file.read(),
            "[c=123456]     retire    #42       0008:00001234 (00001234) 89 d8                    "
            "mov eax, ebx\n"
            "[c=123460]     memory    write 2 at 00007bfe (phys 00107bfe) = 0x1234\n"
            "[c=123470]     exception #GP(0x0010) vector 13 fault at 00001234\n"
            "[c=123480]     interrupt vector 32 from pic at 00001236\n"
            "[c=123490]     io        out 0x3f8 size 1 = 0x41\n"
            "[c=123500]     post      0x55\n"
            "[c=123510]     mode      real -> protected\n"
            "[c=123520]     note      halt: hlt with interrupts disabled\n");
}

TEST(TextSink, VariantsAndWideValues) {
  TempFile file;
  TextSink sink(file.open(), true);
  constexpr u8 kLong[] = {0x66, 0x67, 0xf3, 0x2e, 0xc7, 0x84, 0x88, 0x78, 0x56, 0x34, 0x12};
  sink.retire({12345678901, 7, 0x7c00, 0, 0x7c00, kLong, 11, "x"});
  sink.memory({1, 0xfffffffffffff000, 0x1000, 0xffffffffffffffff, 8, false});
  sink.exception({2, 0x10, 6, false, 0, "#UD", "fault"});
  sink.port_io({3, 0x60, 2, false, 0xfa});
  sink.note({4, "exit", ""});
  sink.flush();
  EXPECT_EQ(file.read(),
            "[c=7]          retire    #12345678901 0000:00007c00 (00007c00) "
            "66 67 f3 2e c7 84 88 78 56 34 12  x\n"
            "[c=1]          memory    read  8 at fffffffffffff000 (phys 00001000) = "
            "0xffffffffffffffff\n"
            "[c=2]          exception #UD vector 6 fault at 00000010\n"
            "[c=3]          io        in 0x60 size 2 = 0x00fa\n"
            "[c=4]          note      exit\n");
}

TEST(TextSink, ControlCharactersStayOnOneLine) {
  TempFile file;
  TextSink sink(file.open(), true);
  sink.note({9, "limit", "line one\nline two\t\x01"});
  sink.flush();
  EXPECT_EQ(file.read(), "[c=9]          note      limit: line one\\x0aline two\\x09\\x01\n");
}

// ---- The JSONL sink --------------------------------------------------------------------------

TEST(JsonlSink, EveryKind) {
  TempFile file;
  {
    JsonlSink sink(file.open(), true);
    feed_every_kind(sink);
  }
  const std::string text = file.read();
  EXPECT_EQ(text,
            R"({"type":"retire","cycle":123456,"icount":42,"pc":"0x1234","cs":"0x8",)"
            R"("ip":"0x1234","length":2,"bytes":"89d8","disasm":"mov eax, ebx"})"
            "\n"
            R"({"type":"memory","cycle":123460,"write":true,"size":2,"linear":"0x7bfe",)"
            R"("physical":"0x107bfe","value":"0x1234"})"
            "\n"
            R"({"type":"exception","cycle":123470,"name":"#GP","vector":13,"class":"fault",)"
            R"("error_code":"0x10","pc":"0x1234"})"
            "\n"
            R"({"type":"interrupt","cycle":123480,"vector":32,"source":"pic","pc":"0x1236"})"
            "\n"
            R"({"type":"io","cycle":123490,"write":true,"port":"0x3f8","size":1,"value":"0x41"})"
            "\n"
            R"({"type":"post","cycle":123500,"code":"0x55"})"
            "\n"
            R"({"type":"mode","cycle":123510,"from":"real","to":"protected"})"
            "\n"
            R"({"type":"note","cycle":123520,"what":"halt",)"
            R"("detail":"hlt with interrupts disabled"})"
            "\n");
  EXPECT_EQ(jsonl_types(text),
            (std::vector<std::string>{"retire", "memory", "exception", "interrupt", "io", "post",
                                      "mode", "note"}));
}

TEST(JsonlSink, EveryLineParses) {
  TempFile file;
  JsonlSink sink(file.open(), true);
  feed_every_kind(sink);
  sink.flush();
  std::vector<std::string> lines = split_lines(file.read());
  ASSERT_EQ(lines.size(), 8u);
  for (const std::string& line : lines) {
    std::optional<Json> obj = parse_json(line);
    ASSERT_TRUE(obj.has_value()) << line;
    ASSERT_EQ(obj->type, Json::Type::kObject) << line;
    EXPECT_EQ(obj->members.at(0).key, "type") << line;
    EXPECT_EQ(obj->members.at(1).key, "cycle") << line;
    EXPECT_EQ(obj->members.at(1).value.type, Json::Type::kNumber) << line;
  }
}

TEST(JsonlSink, NoErrorCodeIsNullAnd64BitValuesSurvive) {
  TempFile file;
  JsonlSink sink(file.open(), true);
  sink.exception({5, 0xe000000000001230, 6, false, 0, "#UD", "fault"});
  sink.memory({6, 0xffffffffffffffff, 0x8000000000000000, 0xfedcba9876543210, 8, false});
  sink.flush();
  std::vector<std::string> lines = split_lines(file.read());
  ASSERT_EQ(lines.size(), 2u);
  std::optional<Json> fault = parse_json(lines[0]);
  ASSERT_TRUE(fault.has_value()) << lines[0];
  ASSERT_NE(fault->find("error_code"), nullptr);
  EXPECT_EQ(fault->find("error_code")->type, Json::Type::kNull);
  EXPECT_EQ(fault->at("pc"), "0xe000000000001230");
  std::optional<Json> load = parse_json(lines[1]);
  ASSERT_TRUE(load.has_value()) << lines[1];
  EXPECT_EQ(load->at("write"), "false");
  EXPECT_EQ(load->at("linear"), "0xffffffffffffffff");
  EXPECT_EQ(load->at("physical"), "0x8000000000000000");
  EXPECT_EQ(load->at("value"), "0xfedcba9876543210");
}

TEST(JsonlSink, EscapesStrings) {
  const std::string_view nasty = "say \"hi\"\\path\nnext\ttab\x01\x1f\x7f caf\xc3\xa9";
  TempFile file;
  JsonlSink sink(file.open(), true);
  sink.note({1, "weird\"tag", nasty});
  sink.flush();
  const std::string text = file.read();
  EXPECT_EQ(text, R"({"type":"note","cycle":1,"what":"weird\"tag",)"
                  R"("detail":"say \"hi\"\\path\u000anext\u0009tab\u0001\u001f)"
                  "\x7f caf\xc3\xa9\"}\n");
  std::optional<Json> obj = parse_json(split_lines(text).at(0));
  ASSERT_TRUE(obj.has_value()) << text;
  EXPECT_EQ(obj->at("detail"), nasty);
  EXPECT_EQ(obj->at("what"), "weird\"tag");
}

// ---- The Chrome sink -------------------------------------------------------------------------

TEST(ChromeSink, EveryKindIsValidJson) {
  TempFile file;
  {
    ChromeSink sink(file.open(), true);
    feed_every_kind(sink);
  }
  const std::string text = file.read();
  std::optional<Json> doc = parse_json(text);
  ASSERT_TRUE(doc.has_value()) << text;
  EXPECT_EQ(doc->at("displayTimeUnit"), "ns");
  std::optional<std::vector<Json>> events = chrome_events(text);
  ASSERT_TRUE(events.has_value());
  ASSERT_EQ(events->size(), 8u);
  const char* names[] = {
      "mov", "write", "#GP", "pic 0x20", "out 0x3f8", "post 0x55", "real -> protected", "halt"};
  for (std::size_t i = 0; i < 8; ++i) {
    const Json& e = (*events)[i];
    EXPECT_EQ(e.at("name"), names[i]);
    EXPECT_EQ(e.at("cat"), kind_name(static_cast<Kind>(i)));
    EXPECT_EQ(e.at("pid"), "1");
    EXPECT_EQ(e.at("tid"), "1");
    ASSERT_NE(e.find("args"), nullptr);
    EXPECT_EQ(e.find("args")->members.at(0).key, "cycle");
  }
  EXPECT_EQ((*events)[0].at("ts"), "123.456");  // one nanosecond shown is one cycle
  EXPECT_EQ((*events)[0].find("args")->at("cycle"), "123456");
  EXPECT_EQ((*events)[0].find("args")->at("disasm"), "mov eax, ebx");
  EXPECT_EQ((*events)[4].find("args")->at("port"), "0x3f8");
}

TEST(ChromeSink, EmptyTraceIsValid) {
  TempFile file;
  { ChromeSink sink(file.open(), true); }
  std::optional<std::vector<Json>> events = chrome_events(file.read());
  ASSERT_TRUE(events.has_value()) << file.read();
  EXPECT_TRUE(events->empty());
}

TEST(ChromeSink, ValidAfterEveryFlush) {
  TempFile file;
  auto sink = std::make_unique<ChromeSink>(file.open(), true);
  sink->flush();  // the file is complete, as if the process ended here
  ASSERT_TRUE(chrome_events(file.read()).has_value()) << file.read();
  EXPECT_EQ(chrome_events(file.read())->size(), 0u);

  feed_every_kind(*sink);
  sink->flush();
  ASSERT_TRUE(chrome_events(file.read()).has_value()) << file.read();
  EXPECT_EQ(chrome_events(file.read())->size(), 8u);

  sink->note({7, "first", "after a flush"});
  sink->flush();
  sink->flush();  // a second flush with nothing new changes nothing
  sink->note({8, "second", "after two flushes"});
  sink->flush();
  std::optional<std::vector<Json>> events = chrome_events(file.read());
  ASSERT_TRUE(events.has_value()) << file.read();
  ASSERT_EQ(events->size(), 10u);
  EXPECT_EQ(events->back().at("name"), "second");

  sink.reset();  // the destructor leaves the file as it was
  events = chrome_events(file.read());
  ASSERT_TRUE(events.has_value()) << file.read();
  EXPECT_EQ(events->size(), 10u);
}

TEST(ChromeSink, ManyEventsAcrossBufferBlocks) {
  TempFile file;
  ChromeSink sink(file.open(), true);
  for (u64 i = 0; i < 5000; ++i) sink.note({i, "tick", "a line long enough to fill blocks"});
  sink.flush();
  for (u64 i = 0; i < 5000; ++i) sink.port_io({i, 0x80, 1, true, static_cast<u32>(i & 0xff)});
  sink.flush();
  std::optional<std::vector<Json>> events = chrome_events(file.read());
  ASSERT_TRUE(events.has_value());
  EXPECT_EQ(events->size(), 10000u);
}

TEST(ChromeSink, PipeGetsClosingOnDestruction) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  std::FILE* writer = ::fdopen(fds[1], "w");
  ASSERT_NE(writer, nullptr);
  {
    ChromeSink sink(writer, true);
    feed_every_kind(sink);
    sink.flush();  // cannot seek back on a pipe, so no closing yet
    sink.note({9, "exit", "done"});
  }
  std::FILE* reader = ::fdopen(fds[0], "r");
  ASSERT_NE(reader, nullptr);
  std::string text;
  char chunk[4096];
  for (std::size_t n; (n = std::fread(chunk, 1, sizeof chunk, reader)) > 0;) text.append(chunk, n);
  std::fclose(reader);
  std::optional<std::vector<Json>> events = chrome_events(text);
  ASSERT_TRUE(events.has_value()) << text;
  EXPECT_EQ(events->size(), 9u);
}

TEST(ChromeSink, MnemonicKeepsPrefix) {
  TempFile file;
  {
    ChromeSink sink(file.open(), true);
    sink.retire({0, 1, 0, 0, 0, nullptr, 0, "rep movsb"});
    sink.retire({1, 2, 0, 0, 0, nullptr, 0, "lock add dword [eax], 1"});
    sink.retire({2, 3, 0, 0, 0, nullptr, 0, "hlt"});
    sink.retire({3, 1234567, 0, 0, 0, nullptr, 0, ""});
  }
  std::optional<std::vector<Json>> events = chrome_events(file.read());
  ASSERT_TRUE(events.has_value()) << file.read();
  ASSERT_EQ(events->size(), 4u);
  EXPECT_EQ((*events)[0].at("name"), "rep movsb");
  EXPECT_EQ((*events)[1].at("name"), "lock add");
  EXPECT_EQ((*events)[2].at("name"), "hlt");
  EXPECT_EQ((*events)[3].at("name"), "retire");
  EXPECT_EQ((*events)[0].at("ts"), "0.001");
  EXPECT_EQ((*events)[3].at("ts"), "1234.567");
}

// ---- The factory -----------------------------------------------------------------------------

TEST(MakeSink, EachFormatWritesItsFile) {
  TempFile text, jsonl, chrome;
  {
    auto t = make_sink(Format::kText, text.path());
    auto j = make_sink(Format::kJsonl, jsonl.path());
    auto c = make_sink(Format::kChrome, chrome.path());
    t->post_code(kPostCode);
    j->post_code(kPostCode);
    c->post_code(kPostCode);
  }
  EXPECT_EQ(text.read(), "[c=123500]     post      0x55\n");
  EXPECT_EQ(jsonl.read(), "{\"type\":\"post\",\"cycle\":123500,\"code\":\"0x55\"}\n");
  ASSERT_TRUE(chrome_events(chrome.read()).has_value()) << chrome.read();
  EXPECT_EQ(chrome_events(chrome.read())->size(), 1u);
}

TEST(MakeSink, DashIsStdout) { EXPECT_NE(make_sink(Format::kText, "-"), nullptr); }

TEST(MakeSink, UnopenablePathThrows) {
  const std::string path = "/nonexistent-dir/trace.txt";
  try {
    make_sink(Format::kJsonl, path);
    FAIL() << "no exception";
  } catch (const UserError& e) {
    std::string message = e.what();
    EXPECT_NE(message.find(path), std::string::npos) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
  }
}

TEST(MakeSink, WriteErrorIsReportedByFlush) {
  if (!std::filesystem::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
  auto sink = make_sink(Format::kText, "/dev/full");
  sink->note(kNote);
  EXPECT_THROW(sink->flush(), UserError);
}

// ---- The tracer ------------------------------------------------------------------------------

TEST(Tracer, FansOutToEverySinkWithinTheMask) {
  TempFile text, jsonl;
  Tracer tracer;
  tracer.add(std::make_unique<TextSink>(text.open(), true));
  tracer.add(std::make_unique<JsonlSink>(jsonl.open(), true));
  tracer.set_mask(parse_kinds("retire,io,note"));
  EXPECT_TRUE(tracer.wants(Kind::kRetire));
  EXPECT_TRUE(tracer.wants(Kind::kPortIo));
  EXPECT_FALSE(tracer.wants(Kind::kMemory));
  EXPECT_FALSE(tracer.wants(Kind::kException));
  produce_every_kind(tracer);
  tracer.flush();
  EXPECT_EQ(jsonl_types(jsonl.read()), (std::vector<std::string>{"retire", "io", "note"}));
  std::vector<std::string> lines = split_lines(text.read());
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_NE(lines[0].find(" retire "), std::string::npos) << lines[0];
  EXPECT_NE(lines[1].find(" io "), std::string::npos) << lines[1];
  EXPECT_NE(lines[2].find(" note "), std::string::npos) << lines[2];
}

TEST(Tracer, NothingIsWantedWithoutSinks) {
  Tracer tracer;
  tracer.set_mask(kAllKinds);
  for (unsigned k = 0; k < static_cast<unsigned>(Kind::kCount); ++k)
    EXPECT_FALSE(tracer.wants(static_cast<Kind>(k)));
}

// ---- The test's own JSON reader --------------------------------------------------------------

TEST(JsonReader, RejectsMalformedInput) {
  EXPECT_TRUE(parse_json(R"({"a":[1,-2.5e3,true,null,"x\u0041"]})").has_value());
  EXPECT_FALSE(parse_json(R"({"a":1,})").has_value());
  EXPECT_FALSE(parse_json(R"({"a":1)").has_value());
  EXPECT_FALSE(parse_json("{\"a\":\"\x01\"}").has_value());
  EXPECT_FALSE(parse_json(R"({"a":01})").has_value());
  EXPECT_FALSE(parse_json(R"({"a":1}])").has_value());
  EXPECT_FALSE(parse_json(R"({"a":"\x"})").has_value());
}

}  // namespace
}  // namespace vtsim::trace
