// Reading and validating a raw firmware (ROM) image for the PC board.
#pragma once
#include <string>
#include <vector>

#include "common/types.h"

namespace vtsim::platform {

constexpr u64 kRomUnit = 64 * 1024;         // images are whole 64 KiB units, as Bochs requires
constexpr u64 kRomMax = 16 * 1024 * 1024;   // the BIOS window below 4 GiB is 16 MiB

// Reads a ROM file. Throws UserError naming the file and the problem when it is missing,
// empty, not a multiple of 64 KiB (a truncated image) or larger than 16 MiB.
std::vector<u8> load_rom(const std::string& path);

// Reads a whole file; throws UserError when it cannot.
std::vector<u8> read_file(const std::string& path);

}  // namespace vtsim::platform
