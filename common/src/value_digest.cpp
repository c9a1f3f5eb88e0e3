// SPDX-License-Identifier: Apache-2.0
#include "jamul/common/value_digest.h"

namespace jamul {

std::string toHex(const ValueDigest& digest) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(digest.size() * 2);
  for (std::uint8_t b : digest) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 0xF]);
  }
  return out;
}

}  // namespace jamul
