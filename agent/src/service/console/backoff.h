// SPDX-License-Identifier: Apache-2.0
#pragma once

// Backoff: how long the console link waits before trying again while the console does not
// answer: exponential from `first` (1 s) to `cap` (5 min), with "equal jitter" (each delay is
// drawn uniformly from [base/2, base]), so that a fleet that lost its console at once does not
// come back in lock step. reset() after a success.
//
// Thread-safety: one thread uses a Backoff.

#include <chrono>
#include <cstdint>
#include <random>

namespace jamul::agent {

class Backoff {
 public:
  explicit Backoff(std::chrono::milliseconds first = std::chrono::seconds(1),
                   std::chrono::milliseconds cap = std::chrono::minutes(5),
                   std::uint64_t seed = std::random_device{}());

  // The delay before the next attempt; each call doubles the base up to the cap.
  std::chrono::milliseconds next();
  void reset() { failures_ = 0; }
  int failures() const { return failures_; }

 private:
  std::chrono::milliseconds first_, cap_;
  int failures_ = 0;
  std::mt19937_64 random_;
};

}  // namespace jamul::agent
