// vtsim run: load a guest image onto a board, run it, report how it ended.
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <memory>

#include "cli/commands.h"
#include "cli/options.h"
#include "common/error.h"
#include "platform/pc_board.h"
#include "platform/rom_image.h"
#include "trace/factory.h"
#include "trace/kinds.h"

namespace vtsim::cli {
namespace {

namespace po = boost::program_options;

po::options_description run_options() {
  po::options_description d(
      "vtsim run: run a ROM image on the PC board\n\n"
      "The ROM is mapped below 4 GiB and its last 128 KiB are aliased below 1 MiB; the CPU starts\n"
      "at F000:FFF0. Exit status: 0 guest halted or shut down, (v<<1)|1 guest wrote v to the\n"
      "isa-debug-exit port 0xF4, 2 user error, 4 limit reached, 6 triple fault, 8 unimplemented\n"
      "feature used by the guest.\n\noptions");
  d.add_options()
      ("help,h", "show this help")
      ("rom", po::value<std::string>()->required(), "ROM image (a multiple of 64 KiB, at most 16 MiB)")
      ("cpu", po::value<std::string>()->default_value("core2_merom"), "CPU model (see `vtsim models`)")
      ("ram", po::value<unsigned>()->default_value(32), "RAM size in MiB (1-3072)")
      ("serial", po::value<std::string>()->default_value("stdout"), "COM1 output: stdout or a file path")
      ("trace", po::value<std::vector<std::string>>(), "write a trace to FILE (repeatable; - is stdout)")
      ("trace-format", po::value<std::vector<std::string>>(),
       "text, jsonl or chrome, one per --trace in order, or one for all (default: from the file\n"
       "name: .jsonl -> jsonl, .json -> chrome, else text)")
      ("trace-events", po::value<std::string>()->default_value("all"),
       "comma-separated event kinds: retire, memory, exception, interrupt, io, post, mode, note, all")
      ("max-insns", po::value<u64>(), "stop after N instructions (status 4)")
      ("max-cycles", po::value<u64>(), "stop after N cycles (status 4)")
      ("stats", "print instructions, cycles, IPC, wall time and MIPS at the end (stderr)");
  return d;
}

trace::Format format_for(const std::vector<std::string>& formats, size_t i, const std::string& path) {
  if (formats.size() == 1) return trace::parse_format(formats[0]);
  if (i < formats.size()) return trace::parse_format(formats[i]);
  if (path.ends_with(".jsonl")) return trace::Format::kJsonl;
  if (path.ends_with(".json")) return trace::Format::kChrome;
  return trace::Format::kText;
}

void add_sinks(const po::variables_map& vm, trace::Tracer& tracer) {
  if (!vm.count("trace")) return;
  auto paths = vm["trace"].as<std::vector<std::string>>();
  std::vector<std::string> formats;
  if (vm.count("trace-format")) formats = vm["trace-format"].as<std::vector<std::string>>();
  if (formats.size() > 1 && formats.size() != paths.size())
    throw UserError("give one --trace-format for all traces or one per --trace");
  for (size_t i = 0; i < paths.size(); ++i)
    tracer.add(trace::make_sink(format_for(formats, i, paths[i]), paths[i]));
  tracer.set_mask(trace::parse_kinds(vm["trace-events"].as<std::string>()));
}

// Opens the serial output; the FILE is closed by the returned owner.
std::unique_ptr<std::FILE, int (*)(std::FILE*)> open_serial(const std::string& where) {
  if (where == "stdout") return {stdout, [](std::FILE*) { return 0; }};
  std::FILE* f = std::fopen(where.c_str(), "wb");
  if (!f) throw UserError(fmt::format("cannot open serial output '{}'", where));
  return {f, &std::fclose};
}

void print_stats(const platform::PcBoard& board, double seconds) {
  u64 insns = board.instructions(), cycles = board.cycles();
  fmt::print(stderr,
             "instructions {}\ncycles {}\nIPC {:.3f}\nwall time {:.3f} s\nMIPS {:.1f}\n",
             insns, cycles, cycles ? double(insns) / double(cycles) : 0.0, seconds,
             seconds > 0 ? double(insns) / seconds / 1e6 : 0.0);
}

}  // namespace

int run_command(const std::vector<std::string>& args) {
  po::variables_map vm;
  if (!parse_or_help(args, run_options(), {}, vm)) return kOk;
  const ia32::Model* model = ia32::find_model(vm["cpu"].as<std::string>());
  if (!model)
    throw UserError(fmt::format("unknown CPU model '{}' (see `vtsim models`)", vm["cpu"].as<std::string>()));
  unsigned ram = vm["ram"].as<unsigned>();
  if (ram < 1 || ram > 3072) throw UserError(fmt::format("--ram {} is out of range 1-3072 MiB", ram));
  std::vector<u8> rom = platform::load_rom(vm["rom"].as<std::string>());
  trace::Tracer tracer;
  add_sinks(vm, tracer);
  auto serial = open_serial(vm["serial"].as<std::string>());

  platform::PcOptions opts;
  opts.model = model;
  opts.ram_bytes = u64{ram} << 20;
  std::FILE* out = serial.get();
  opts.serial_out = [out](u8 b) { std::fputc(b, out); };
  opts.debugcon_out = [](u8 b) { std::fputc(b, stdout); };
  platform::PcBoard board(opts, std::move(rom), tracer);

  ia32::RunLimits limits;
  if (vm.count("max-insns")) limits.max_insns = vm["max-insns"].as<u64>();
  if (vm.count("max-cycles")) limits.max_cycles = vm["max-cycles"].as<u64>();
  auto t0 = std::chrono::steady_clock::now();
  platform::RunResult r;
  int status = kOk;
  try {
    r = board.run(limits);
  } catch (const Unimplemented& e) {
    std::fflush(out);
    tracer.flush();
    fmt::print(stderr, "vtsim: unimplemented: {}\n{}", e.what(), board.cpu_state());
    return kUnimplemented;
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::fflush(out);
  tracer.flush();
  switch (r.outcome) {
    case platform::Outcome::kHalted:
    case platform::Outcome::kShutdown: status = kOk; break;
    case platform::Outcome::kGuestExit: status = r.guest_status; break;
    case platform::Outcome::kInsnLimit:
    case platform::Outcome::kCycleLimit:
      fmt::print(stderr, "vtsim: {} limit reached after {} instructions, {} cycles\n{}",
                 r.outcome == platform::Outcome::kInsnLimit ? "instruction" : "cycle",
                 board.instructions(), board.cycles(), board.cpu_state());
      status = kLimit;
      break;
    case platform::Outcome::kTripleFault:
      fmt::print(stderr, "vtsim: triple fault (shutdown) after {} instructions\n{}",
                 board.instructions(), board.cpu_state());
      status = kTripleFault;
      break;
  }
  if (vm.count("stats")) print_stats(board, secs);
  return status;
}

}  // namespace vtsim::cli
