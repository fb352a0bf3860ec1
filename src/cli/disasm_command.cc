// vtsim disasm: disassemble a raw binary with the decoder's tables, in objdump's layout
// (the same lines as objdump -D -b binary -m i386|i8086 -M intel --adjust-vma=BASE).
#include <fmt/format.h>

#include <cstdlib>

#include "cli/commands.h"
#include "cli/options.h"
#include "common/error.h"
#include "cpu/ia32/disasm.h"
#include "platform/rom_image.h"

namespace vtsim::cli {

int disasm_command(const std::vector<std::string>& args) {
  namespace po = boost::program_options;
  po::options_description desc("vtsim disasm: disassemble a raw IA-32 binary (Intel syntax)\n\noptions");
  desc.add_options()
      ("help,h", "show this help")
      ("file", po::value<std::string>()->required(), "the binary (also the first positional argument)")
      ("bits", po::value<unsigned>()->default_value(32), "code size: 16 or 32")
      ("base", po::value<std::string>()->default_value("0"), "address of the first byte (hex with 0x)")
      ("offset", po::value<u64>()->default_value(0), "start this many bytes into the file")
      ("count", po::value<u64>(), "stop after this many instructions");
  po::positional_options_description pos;
  pos.add("file", 1);
  po::variables_map vm;
  if (!parse_or_help(args, desc, pos, vm)) return kOk;
  unsigned bits = vm["bits"].as<unsigned>();
  if (bits != 16 && bits != 32) throw UserError("--bits must be 16 or 32");
  const std::string& base_text = vm["base"].as<std::string>();
  char* end = nullptr;
  u64 base = std::strtoull(base_text.c_str(), &end, 0);
  if (base_text.empty() || *end != '\0' || base > 0xFFFFFFFFu)
    throw UserError(fmt::format("--base '{}' is not an address (decimal, or hex with 0x)", base_text));
  std::string file = vm["file"].as<std::string>();
  std::vector<u8> data = platform::read_file(file);
  ia32::ListingOptions opt;
  opt.file = file;
  opt.code32 = bits == 32;
  opt.base = base;
  opt.start = vm["offset"].as<u64>();
  if (vm.count("count")) opt.count = vm["count"].as<u64>();
  fmt::print("{}", ia32::objdump_listing(data, opt));
  return kOk;
}

}  // namespace vtsim::cli
