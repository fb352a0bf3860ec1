#include "trace/kinds.h"

#include <fmt/format.h>

#include <string>

#include "common/error.h"

namespace vtsim::trace {

namespace {

constexpr std::string_view kAll = "all";

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// "retire, memory, ..., note, all": the words parse_kinds accepts.
std::string valid_names() {
  std::string names;
  for (unsigned i = 0; i < static_cast<unsigned>(Kind::kCount); ++i) {
    names += kind_name(static_cast<Kind>(i));
    names += ", ";
  }
  return names + std::string(kAll);
}

KindMask parse_one(std::string_view word) {
  if (word == kAll) return kAllKinds;
  for (unsigned i = 0; i < static_cast<unsigned>(Kind::kCount); ++i) {
    if (word == kind_name(static_cast<Kind>(i))) return bit(static_cast<Kind>(i));
  }
  throw UserError(fmt::format("unknown trace event kind '{}' (valid: {})", word, valid_names()));
}

}  // namespace

KindMask parse_kinds(std::string_view list) {
  KindMask mask = 0;
  std::string_view rest = list;
  for (;;) {
    std::size_t comma = rest.find(',');
    std::string_view word = trim(rest.substr(0, comma));
    if (word.empty()) {
      throw UserError(
          fmt::format("empty trace event kind in '{}' (valid: {})", list, valid_names()));
    }
    mask |= parse_one(word);
    if (comma == std::string_view::npos) return mask;
    rest.remove_prefix(comma + 1);
  }
}

}  // namespace vtsim::trace
