// Errors reported to the user (bad images, bad options, unsupported features).
// A guest fault is never one of these: guest faults are delivered to the guest.
#pragma once
#include <stdexcept>
#include <string>

namespace vtsim {

// The user gave something vtsim cannot use: a missing or malformed file, a bad value.
// The CLI prints what() on one line and exits with status 2.
class UserError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The guest relied on something vtsim does not implement. Reported, never a crash.
class Unimplemented : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace vtsim
