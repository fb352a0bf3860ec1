#include "trace/event_json.h"

namespace vtsim::trace {

void add_fields(JsonObject& obj, const Retire& e) {
  obj.number("cycle", e.cycle);
  obj.number("icount", e.icount);
  obj.hex("pc", e.pc);
  obj.hex("cs", e.cs);
  obj.hex("ip", e.ip);
  obj.number("length", e.length);
  obj.bytes("bytes", e.bytes, e.bytes != nullptr ? e.length : 0);
  obj.string("disasm", e.disasm);
}

void add_fields(JsonObject& obj, const Memory& e) {
  obj.number("cycle", e.cycle);
  obj.boolean("write", e.write);
  obj.number("size", e.size);
  obj.hex("linear", e.linear);
  obj.hex("physical", e.physical);
  obj.hex("value", e.value);
}

void add_fields(JsonObject& obj, const Exception& e) {
  obj.number("cycle", e.cycle);
  obj.string("name", e.name);
  obj.number("vector", e.vector);
  obj.string("class", e.cls);
  if (e.has_error_code) {
    obj.hex("error_code", e.error_code);
  } else {
    obj.null("error_code");
  }
  obj.hex("pc", e.pc);
}

void add_fields(JsonObject& obj, const Interrupt& e) {
  obj.number("cycle", e.cycle);
  obj.number("vector", e.vector);
  obj.string("source", e.source);
  obj.hex("pc", e.pc);
}

void add_fields(JsonObject& obj, const PortIo& e) {
  obj.number("cycle", e.cycle);
  obj.boolean("write", e.write);
  obj.hex("port", e.port);
  obj.number("size", e.size);
  obj.hex("value", e.value);
}

void add_fields(JsonObject& obj, const PostCode& e) {
  obj.number("cycle", e.cycle);
  obj.hex("code", e.code);
}

void add_fields(JsonObject& obj, const ModeSwitch& e) {
  obj.number("cycle", e.cycle);
  obj.string("from", e.from);
  obj.string("to", e.to);
}

void add_fields(JsonObject& obj, const Note& e) {
  obj.number("cycle", e.cycle);
  obj.string("what", e.what);
  obj.string("detail", e.detail);
}

}  // namespace vtsim::trace
