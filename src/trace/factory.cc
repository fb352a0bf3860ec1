#include "trace/factory.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "common/error.h"
#include "trace/chrome_sink.h"
#include "trace/jsonl_sink.h"
#include "trace/text_sink.h"

namespace vtsim::trace {

Format parse_format(std::string_view name) {
  for (Format f : {Format::kText, Format::kJsonl, Format::kChrome}) {
    if (name == format_name(f)) return f;
  }
  throw UserError(fmt::format("unknown trace format '{}' (valid: text, jsonl, chrome)", name));
}

std::string_view format_name(Format format) {
  switch (format) {
    case Format::kText:
      return "text";
    case Format::kJsonl:
      return "jsonl";
    case Format::kChrome:
      return "chrome";
  }
  return "unknown";
}

std::unique_ptr<Sink> make_sink(Format format, const std::string& path) {
  bool to_stdout = path == "-";
  std::FILE* file = to_stdout ? stdout : std::fopen(path.c_str(), "wb");
  if (file == nullptr) {
    throw UserError(fmt::format("cannot open trace file '{}': {}", path, std::strerror(errno)));
  }
  bool owns = !to_stdout;
  switch (format) {
    case Format::kJsonl:
      return std::make_unique<JsonlSink>(file, owns, path);
    case Format::kChrome:
      return std::make_unique<ChromeSink>(file, owns, path);
    case Format::kText:
      break;
  }
  return std::make_unique<TextSink>(file, owns, path);
}

}  // namespace vtsim::trace
