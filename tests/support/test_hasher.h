// SPDX-License-Identifier: Apache-2.0
#pragma once

// A deterministic stand-in for the keyed BLAKE2b hasher of the crypto module, for scanner tests that
// must not depend on crypto (the scanner never links it). FNV-1a over two seeds: not a secure hash,
// only distinct enough for tests that count distinct values.

#include <cstdint>
#include <string_view>

#include "jamul/common/value_digest.h"

namespace jamul::test {

inline ValueDigest testDigest(std::string_view value) {
  ValueDigest d{};
  std::uint64_t h1 = 1469598103934665603ull, h2 = 1099511628211ull * 31;
  for (char c : value) {
    h1 = (h1 ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    h2 = (h2 ^ static_cast<unsigned char>(c)) * 0x100000001b3ull + 7;
  }
  for (int i = 0; i < 8; ++i) {
    d[i] = static_cast<std::uint8_t>(h1 >> (8 * i));
    d[8 + i] = static_cast<std::uint8_t>(h2 >> (8 * i));
  }
  return d;
}

inline ValueHasher testHasher() { return [](std::string_view v) { return testDigest(v); }; }

}  // namespace jamul::test
