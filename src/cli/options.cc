#include "cli/options.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <fstream>

#include "common/error.h"

namespace vtsim::cli {

namespace po = boost::program_options;

bool parse_or_help(const std::vector<std::string>& args, const po::options_description& desc,
                   const po::positional_options_description& positional, po::variables_map& vm) {
  po::options_description all;
  all.add(desc);
  all.add_options()("config", po::value<std::string>(),
                    "read further options from FILE (lines of name = value)");
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    if (vm.count("help")) {
      fmt::print("{}", fmt::streamed(all));
      return false;
    }
    if (vm.count("config")) {
      std::string path = vm["config"].as<std::string>();
      std::ifstream in(path);
      if (!in) throw UserError(fmt::format("cannot read config file '{}'", path));
      po::store(po::parse_config_file(in, all), vm);  // the command line wins over the file
    }
    po::notify(vm);
  } catch (const po::error& e) {
    throw UserError(e.what());
  }
  return true;
}

}  // namespace vtsim::cli
