// The vtsim subcommands. Each takes the arguments after its name and returns the exit status.
#pragma once
#include <string>
#include <vector>

namespace vtsim::cli {

// Exit statuses (docs/cli.md). Odd statuses (v << 1) | 1 come from the guest's isa-debug-exit.
enum Status : int {
  kOk = 0,             // clean guest halt or shutdown
  kUserError = 2,      // bad option, unreadable or malformed image
  kLimit = 4,          // --max-insns or --max-cycles reached
  kTripleFault = 6,    // the guest triple-faulted
  kUnimplemented = 8,  // the guest used something vtsim does not implement yet
};

int run_command(const std::vector<std::string>& args);
int disasm_command(const std::vector<std::string>& args);
int models_command(const std::vector<std::string>& args);

}  // namespace vtsim::cli
