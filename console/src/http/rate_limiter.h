// SPDX-License-Identifier: Apache-2.0
#pragma once

// RateLimiter: counts failures per key (a client address, a user name) in a fixed window, and
// says when a key has used up its allowance: enrollment (10 wrong secrets per address in 10
// minutes) and admin login (5 per user, 20 per address in 15 minutes). Once blocked, a key stays
// blocked until its window ends; the caller answers 429 without even checking the attempt.
//
// In memory: a restart forgives, which costs an attacker a restart of the console they cannot
// cause. The table is bounded (oldest windows dropped first beyond 100,000 keys).
//
// Thread-safety: thread-safe.

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace jamul::console {

class RateLimiter {
 public:
  RateLimiter(int max_failures, std::int64_t window_ms)
      : max_failures_(max_failures), window_ms_(window_ms) {}

  // Whether `key` has failed max_failures times in its current window.
  bool blocked(const std::string& key, std::int64_t now_ms);
  void recordFailure(const std::string& key, std::int64_t now_ms);
  void reset(const std::string& key);

 private:
  struct Window {
    std::int64_t start_ms = 0;
    int failures = 0;
  };
  void prune(std::int64_t now_ms);

  int max_failures_;
  std::int64_t window_ms_;
  std::mutex mutex_;
  std::unordered_map<std::string, Window> windows_;
};

}  // namespace jamul::console
