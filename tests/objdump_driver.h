// A small driver for comparing vtsim's disassembler with GNU objdump: many byte strings are
// placed in one file, each at a known offset followed by NOP padding, objdump disassembles the
// file once, and its listing is read back by address.
#pragma once
#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <span>
#include <string>
#include <vector>

#include "common/types.h"

namespace vtsim::testing {

// Runs a shell command and returns what it wrote to stdout.
inline std::string run_command(const std::string& cmd) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return out;
  char buf[1 << 16];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  return out;
}

inline bool tool_available(const std::string& name) {
  return std::system((name + " --version >/dev/null 2>&1").c_str()) == 0;
}

// A file in the temporary directory, removed when the object goes away.
class TempFile {
 public:
  explicit TempFile(const std::string& suffix) {
    std::string tmpl = (std::filesystem::temp_directory_path() / "vtsim_XXXXXX").string() + suffix;
    int fd = mkstemps(tmpl.data(), static_cast<int>(suffix.size()));
    if (fd >= 0) close(fd);
    path_ = tmpl;
  }
  ~TempFile() { std::filesystem::remove(path_); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  void write(std::span<const u8> bytes) const {
    std::ofstream f(path_, std::ios::binary);
    f.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
  }
  void write(const std::string& text) const { std::ofstream(path_) << text; }
  [[nodiscard]] std::vector<u8> read() const {
    std::ifstream f(path_, std::ios::binary);
    return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
  }
  [[nodiscard]] const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// One instruction as a disassembler printed it.
struct Disasm {
  bool ok = false;  // decoded (objdump: neither "(bad)" nor ".byte", nor out of step)
  std::string text;
  unsigned len = 0;
};

// One line of objdump's listing with its continuation lines folded in.
struct ListingLine {
  u32 addr;
  std::string text;
  unsigned len;
};

inline unsigned count_hex_bytes(const std::string& field) {
  unsigned n = 0;
  for (size_t i = 0; i + 1 < field.size(); ++i)
    if (std::isxdigit(static_cast<unsigned char>(field[i])) &&
        std::isxdigit(static_cast<unsigned char>(field[i + 1])) &&
        (i + 2 == field.size() || field[i + 2] == ' '))
      ++n, ++i;
  return n;
}

// Parses "addr:\tbytes\ttext" lines; a line without text continues the previous instruction.
inline std::vector<ListingLine> parse_objdump(const std::string& out) {
  std::vector<ListingLine> lines;
  size_t pos = 0;
  while (pos < out.size()) {
    size_t eol = out.find('\n', pos);
    if (eol == std::string::npos) eol = out.size();
    std::string line = out.substr(pos, eol - pos);
    pos = eol + 1;
    size_t colon = line.find(":\t");
    if (colon == std::string::npos) continue;
    std::string addr = line.substr(0, colon);
    addr.erase(0, addr.find_first_not_of(' '));
    if (addr.empty() || addr.find_first_not_of("0123456789abcdef") != std::string::npos) continue;
    size_t tab = line.find('\t', colon + 2);
    std::string bytes = line.substr(colon + 2, tab == std::string::npos ? std::string::npos
                                                                       : tab - colon - 2);
    unsigned n = count_hex_bytes(bytes);
    if (tab == std::string::npos) {
      if (!lines.empty()) lines.back().len += n;
      continue;
    }
    lines.push_back({static_cast<u32>(std::stoul(addr, nullptr, 16)), line.substr(tab + 1), n});
  }
  return lines;
}

// Byte strings placed at known offsets, each followed by kPad NOPs so that objdump is back in
// step at the next string whatever it made of the previous one.
class ObjdumpBatch {
 public:
  static constexpr size_t kPad = 15;

  size_t add(std::span<const u8> bytes) {
    starts_.push_back(image_.size());
    image_.insert(image_.end(), bytes.begin(), bytes.end());
    image_.insert(image_.end(), kPad, 0x90);
    return starts_.size() - 1;
  }
  [[nodiscard]] size_t size() const { return starts_.size(); }
  [[nodiscard]] size_t start(size_t i) const { return starts_[i]; }
  // The bytes from string i to the end of its padding, as the decoder should see them.
  [[nodiscard]] std::span<const u8> view(size_t i) const {
    size_t end = i + 1 < starts_.size() ? starts_[i + 1] : image_.size();
    return std::span<const u8>(image_).subspan(starts_[i], end - starts_[i]);
  }

  // One objdump run over all strings; what objdump printed at each string's offset.
  [[nodiscard]] std::vector<Disasm> objdump(bool code32) const {
    TempFile bin(".bin");
    bin.write(image_);
    std::string cmd = std::string("objdump -D -z -b binary -M intel -m ") +
                      (code32 ? "i386 " : "i8086 ") + bin.path();
    std::vector<ListingLine> lines = parse_objdump(run_command(cmd));
    std::vector<Disasm> out(starts_.size());
    size_t li = 0;
    for (size_t i = 0; i < starts_.size(); ++i) {
      while (li < lines.size() && lines[li].addr < starts_[i]) ++li;
      if (li == lines.size() || lines[li].addr != starts_[i]) {
        out[i] = {false, "<objdump out of step>", 0};
        continue;
      }
      const ListingLine& l = lines[li];
      bool bad = l.text.find("(bad)") != std::string::npos || l.text.rfind(".byte", 0) == 0;
      out[i] = {!bad, l.text, l.len};
    }
    return out;
  }

 private:
  std::vector<u8> image_;
  std::vector<size_t> starts_;
};

}  // namespace vtsim::testing
