// SPDX-License-Identifier: Apache-2.0
#pragma once

// ContentHasher: BLAKE2b-256 (libsodium crypto_generichash, unkeyed) over a stream of bytes, for
// proving that a decryption gives back exactly the original (DESIGN.md §5: the in-place protocol
// compares the original's hash with the hash of its decrypted copy before it removes anything).
//
// Usage: update() any number of times, then finish() once.
//
// Thread-safety: one instance per thread.

#include <array>
#include <cstdint>
#include <span>

namespace jamul::crypto {

class ContentHasher {
 public:
  ContentHasher();
  void update(std::span<const std::uint8_t> bytes);
  // REQUIRES: called once.
  std::array<std::uint8_t, 32> finish();

 private:
  // crypto_generichash_state (384 bytes, 64-aligned in libsodium 1.0.18), kept opaque so that
  // <sodium.h> stays inside crypto/src.
  alignas(64) std::array<std::uint8_t, 384> state_{};
};

namespace age {
using crypto::ContentHasher;  // where the agent's sealer first met it
}  // namespace age

}  // namespace jamul::crypto
