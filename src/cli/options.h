// Shared Boost.Program_options plumbing: parsing with --config FILE and --help.
#pragma once
#include <boost/program_options.hpp>
#include <string>
#include <vector>

namespace vtsim::cli {

// Parses args (and, if --config FILE is given, that file's "name = value" lines) into vm.
// Prints help and returns false when --help is present. Throws UserError on bad input.
bool parse_or_help(const std::vector<std::string>& args,
                   const boost::program_options::options_description& desc,
                   const boost::program_options::positional_options_description& positional,
                   boost::program_options::variables_map& vm);

}  // namespace vtsim::cli
