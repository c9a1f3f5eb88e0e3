// SPDX-License-Identifier: Apache-2.0
#include "http/rate_limiter.h"

namespace jamul::console {

namespace {
constexpr std::size_t kMaxKeys = 100'000;
}

bool RateLimiter::blocked(const std::string& key, std::int64_t now_ms) {
  std::lock_guard lock(mutex_);
  auto it = windows_.find(key);
  if (it == windows_.end()) return false;
  if (now_ms - it->second.start_ms >= window_ms_) {
    windows_.erase(it);
    return false;
  }
  return it->second.failures >= max_failures_;
}

void RateLimiter::recordFailure(const std::string& key, std::int64_t now_ms) {
  std::lock_guard lock(mutex_);
  if (windows_.size() >= kMaxKeys) prune(now_ms);
  Window& w = windows_[key];
  if (w.failures == 0 || now_ms - w.start_ms >= window_ms_) {
    w.start_ms = now_ms;
    w.failures = 0;
  }
  ++w.failures;
}

void RateLimiter::reset(const std::string& key) {
  std::lock_guard lock(mutex_);
  windows_.erase(key);
}

void RateLimiter::prune(std::int64_t now_ms) {
  for (auto it = windows_.begin(); it != windows_.end();) {
    it = now_ms - it->second.start_ms >= window_ms_ ? windows_.erase(it) : std::next(it);
  }
  if (windows_.size() >= kMaxKeys) windows_.clear();  // a flood of keys: forget rather than grow
}

}  // namespace jamul::console
