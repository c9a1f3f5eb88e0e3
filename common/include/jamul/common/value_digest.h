// SPDX-License-Identifier: Apache-2.0
#pragma once

// ValueDigest: a keyed hash of a personal-data value (DESIGN.md §1.2). The inventory stores this in
// place of the value so that distinct values can be counted without keeping them. The key is a
// per-installation secret held by the crypto module; the scanner receives a ValueHasher and never
// sees the key. 128 bits: enough to make collisions between distinct values negligible.

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace jamul {

using ValueDigest = std::array<std::uint8_t, 16>;

// Maps the canonical form of a value (digits only for numeric identifiers, lower-case for e-mail) to
// its keyed digest. Must be thread-safe: the scanner calls it from every worker.
using ValueHasher = std::function<ValueDigest(std::string_view canonical_value)>;

// Lower-case hex of `digest` (32 characters).
std::string toHex(const ValueDigest& digest);

}  // namespace jamul
