// SPDX-License-Identifier: Apache-2.0
#include "service/console/backoff.h"

#include <algorithm>

namespace jamul::agent {

Backoff::Backoff(std::chrono::milliseconds first, std::chrono::milliseconds cap, std::uint64_t seed)
    : first_(first), cap_(std::max(cap, first)), random_(seed) {}

std::chrono::milliseconds Backoff::next() {
  std::int64_t base = first_.count();
  for (int i = 0; i < failures_ && base < cap_.count(); ++i) base *= 2;
  base = std::min(base, static_cast<std::int64_t>(cap_.count()));
  if (failures_ < 64) ++failures_;
  std::uniform_int_distribution<std::int64_t> jitter(base / 2, base);
  return std::chrono::milliseconds(jitter(random_));
}

}  // namespace jamul::agent
