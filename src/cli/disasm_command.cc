// vtsim disasm: disassemble a raw binary with the decoder's tables, in objdump's layout.
#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/options.h"
#include "common/error.h"
#include "cpu/ia32/decoder.h"
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
  u64 base = std::stoull(vm["base"].as<std::string>(), nullptr, 0);
  std::vector<u8> data = platform::read_file(vm["file"].as<std::string>());
  u64 pos_in = vm["offset"].as<u64>();
  u64 left = vm.count("count") ? vm["count"].as<u64>() : UINT64_MAX;
  while (pos_in < data.size() && left-- > 0) {
    ia32::DecodedInsn d;
    std::span<const u8> rest(data.data() + pos_in, data.size() - pos_in);
    auto s = ia32::decode(rest, bits == 32, ia32::kAllFeatures, d);
    unsigned len = s == ia32::DecodeStatus::kOk ? d.len : 1;
    u32 addr = static_cast<u32>(base + pos_in);
    std::string hex;
    for (unsigned i = 0; i < len; ++i) hex += fmt::format("{:02x} ", data[pos_in + i]);
    std::string text = s == ia32::DecodeStatus::kOk ? ia32::disassemble(d, addr) : "(bad)";
    fmt::print("{:8x}:\t{:<21}\t{}\n", addr, hex, text);
    pos_in += len;
  }
  return kOk;
}

}  // namespace vtsim::cli
