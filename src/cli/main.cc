// vtsim: the command-line front end. Dispatches to a subcommand; every error is one line on
// stderr and a documented exit status (docs/cli.md).
#include <fmt/format.h>

#include <cstdio>
#include <exception>
#include <string_view>

#include "cli/commands.h"
#include "common/error.h"

namespace {

constexpr std::string_view kUsage =
    "usage: vtsim <command> [options]\n"
    "\n"
    "commands:\n"
    "  run      run a guest image (ROM) on a simulated board\n"
    "  disasm   disassemble a raw binary the way objdump -M intel does\n"
    "  models   list the CPU models and where their figures come from\n"
    "\n"
    "`vtsim <command> --help` describes each command's options.\n";

}  // namespace

int main(int argc, char** argv) {
  using namespace vtsim;
  if (argc < 2) {
    std::fputs(kUsage.data(), stderr);
    return cli::kUserError;
  }
  std::string_view cmd = argv[1];
  std::vector<std::string> rest(argv + 2, argv + argc);
  try {
    if (cmd == "run") return cli::run_command(rest);
    if (cmd == "disasm") return cli::disasm_command(rest);
    if (cmd == "models") return cli::models_command(rest);
    if (cmd == "--help" || cmd == "-h" || cmd == "help") {
      std::fputs(kUsage.data(), stdout);
      return cli::kOk;
    }
    if (cmd == "--version") {
      fmt::print("vtsim 0.1.0\n");
      return cli::kOk;
    }
    fmt::print(stderr, "vtsim: unknown command '{}' (try: run, disasm, models, --help)\n", cmd);
    return cli::kUserError;
  } catch (const UserError& e) {
    fmt::print(stderr, "vtsim: {}\n", e.what());
    return cli::kUserError;
  } catch (const std::exception& e) {
    fmt::print(stderr, "vtsim: internal error: {}\n", e.what());
    return cli::kUnimplemented;
  }
}
