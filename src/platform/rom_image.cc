#include "platform/rom_image.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "common/error.h"

namespace vtsim::platform {

std::vector<u8> read_file(const std::string& path) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) throw UserError(fmt::format("cannot open '{}': {}", path, std::strerror(errno)));
  std::vector<u8> data;
  u8 buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f.get())) > 0) {
    data.insert(data.end(), buf, buf + n);
    if (data.size() > kRomMax * 4) break;  // far too large for any image; stop reading
  }
  if (std::ferror(f.get())) throw UserError(fmt::format("cannot read '{}'", path));
  return data;
}

std::vector<u8> load_rom(const std::string& path) {
  std::vector<u8> rom = read_file(path);
  if (rom.empty()) throw UserError(fmt::format("ROM image '{}' is empty", path));
  if (rom.size() > kRomMax)
    throw UserError(fmt::format("ROM image '{}' is too large: {} bytes, at most {} (16 MiB)", path,
                                rom.size(), kRomMax));
  if (rom.size() % kRomUnit != 0)
    throw UserError(fmt::format(
        "ROM image '{}' is {} bytes, not a multiple of 64 KiB (truncated image?)", path,
        rom.size()));
  return rom;
}

}  // namespace vtsim::platform
