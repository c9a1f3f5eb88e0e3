// SPDX-License-Identifier: Apache-2.0
#pragma once

// Sealer: what the in-place protocol (file_protector.h) needs of an encryption format, over file
// descriptors: seal a file, check a sealed file by decrypting it, and unseal it. Each returns the
// BLAKE2b-256 of the plaintext it read or produced, so that the protocol can prove that a sealed
// copy decrypts to exactly the original before it touches the original (DESIGN.md §5).
// The agent's implementation is age v1 (age_sealer.h); tests may use a toy one.
//
// Contract: every call reads its input from the current offset to EOF. seal() and unseal() write
// their output from the current offset and do not fsync (the protocol does). A failed call may
// have written part of its output; the caller deletes it. unseal() never presents a failed or
// truncated input as whole: it fails, and its output must be thrown away.
//
// Thread-safety: implementations need not be thread-safe.

#include <array>
#include <cstdint>

#include "jamul/common/result.h"

namespace jamul::agent {

using ContentHash = std::array<std::uint8_t, 32>;

class Sealer {
 public:
  virtual ~Sealer() = default;
  // Encrypts `plain_fd` into `sealed_fd`; returns the hash of the plaintext read.
  virtual Result<ContentHash> seal(int plain_fd, int sealed_fd) = 0;
  // Decrypts `sealed_fd` without writing anything; returns the hash of the plaintext. kCorrupt for
  // a damaged or truncated input, kWrongKey when no identity opens it.
  virtual Result<ContentHash> verify(int sealed_fd) = 0;
  // Decrypts `sealed_fd` into `plain_fd`; returns the hash of the plaintext written. Errors as
  // verify().
  virtual Result<ContentHash> unseal(int sealed_fd, int plain_fd) = 0;
  // The hash of `plain_fd`'s bytes, as seal() computes it (recovery compares a sealed copy with an
  // original that is still there).
  virtual Result<ContentHash> hash(int plain_fd) = 0;
};

}  // namespace jamul::agent
