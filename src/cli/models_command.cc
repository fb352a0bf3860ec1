// vtsim models: the CPU models with their sources.
#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/options.h"
#include "cpu/ia32/model.h"

namespace vtsim::cli {

int models_command(const std::vector<std::string>& args) {
  namespace po = boost::program_options;
  po::options_description desc("vtsim models: list the CPU models (--cpu values)");
  desc.add_options()("help,h", "show this help");
  po::variables_map vm;
  if (!parse_or_help(args, desc, {}, vm)) return kOk;
  for (const ia32::Model& m : ia32::models()) {
    fmt::print("{:<16} ia32  {}\n", m.name, m.description);
    fmt::print("{:<16}       source: {}\n", "", m.source);
  }
  return kOk;
}

}  // namespace vtsim::cli
