// Parsing of an event selection such as "retire,io,exception" (the --trace-events value).
#pragma once
#include <string_view>

#include "trace/events.h"

namespace vtsim::trace {

// Returns the set of kinds named in a comma-separated list of kind names (see kind_name) or
// "all". Blanks around names are ignored. Throws UserError naming the bad word and listing the
// valid ones when a name is unknown or the list is empty.
KindMask parse_kinds(std::string_view list);

}  // namespace vtsim::trace
