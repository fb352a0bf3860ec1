// Creating a sink from the command line: --trace FILE --trace-format text|jsonl|chrome.
#pragma once
#include <memory>
#include <string>
#include <string_view>

#include "trace/sink.h"

namespace vtsim::trace {

enum class Format { kText, kJsonl, kChrome };

// "text", "jsonl" or "chrome"; anything else throws UserError listing these.
Format parse_format(std::string_view name);
std::string_view format_name(Format format);

// A sink of the given format writing to path, which it creates or truncates; "-" is stdout.
// Throws UserError with a one-line message when the file cannot be opened.
std::unique_ptr<Sink> make_sink(Format format, const std::string& path);

}  // namespace vtsim::trace
