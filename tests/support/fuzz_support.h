// SPDX-License-Identifier: Apache-2.0
#pragma once

// What the libFuzzer harnesses (tests/scanner/extract/*/fuzz_*.cpp, built by tests/fuzz/) share:
// small budgets, so that a bomb is found quickly and the fuzzer never runs out of memory, and an
// ExtractContext whose nested documents go back through the real dispatcher (extraction.h).

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "extract/extractor.h"
#include "support/extraction.h"

namespace jamul::testing {

inline scanner::extract::ExtractLimits fuzzLimits() {
  scanner::extract::ExtractLimits limits;
  limits.max_depth = 2;
  limits.max_entries = 200;
  limits.max_expanded_bytes = 16u << 20;
  limits.max_member_bytes = 4u << 20;
  limits.time_budget = std::chrono::milliseconds(2000);
  return limits;
}

inline scanner::extract::ExtractContext fuzzContext(
    const scanner::extract::ExtractLimits& limits = fuzzLimits()) {
  return dispatchingContext(limits);
}

inline std::string_view fuzzBytes(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace jamul::testing
