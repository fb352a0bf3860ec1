// The JSON members of each event, shared by the JSONL lines and the Chrome "args" objects.
#pragma once
#include "trace/events.h"
#include "trace/json.h"

namespace vtsim::trace {

// Each adds "cycle" and then the event's own fields, in the order of docs/trace-schema.md.
void add_fields(JsonObject& obj, const Retire& e);
void add_fields(JsonObject& obj, const Memory& e);
void add_fields(JsonObject& obj, const Exception& e);
void add_fields(JsonObject& obj, const Interrupt& e);
void add_fields(JsonObject& obj, const PortIo& e);
void add_fields(JsonObject& obj, const PostCode& e);
void add_fields(JsonObject& obj, const ModeSwitch& e);
void add_fields(JsonObject& obj, const Note& e);

}  // namespace vtsim::trace
