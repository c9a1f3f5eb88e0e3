// SPDX-License-Identifier: Apache-2.0
#pragma once

// ScanPacer: how the one who runs a scan slows it down from inside (the agent's governor, issue
// 15: a CPU budget, a read cap, pause). The scanner calls pace() often enough that a blocking
// pacer holds the whole scan to its budget: on every read of a file (with the bytes read), before
// each file a worker starts, and every few dozen entries the walker lists. pace() may block for as
// long as the budget says (or while paused); it must return promptly once the scan is cancelled
// (the pacer's owner wakes it when it sets the cancel flag).
//
// Thread-safety: pace() is called from every scanning thread at once.

#include <cstdint>

namespace jamul::scanner {

class ScanPacer {
 public:
  virtual ~ScanPacer() = default;
  // `bytes`: what was just read from a file (0 for the other calls).
  virtual void pace(std::uint64_t bytes) = 0;
};

}  // namespace jamul::scanner
