// SPDX-License-Identifier: Apache-2.0
#pragma once

// RandomStream: an endless stream of unpredictable bytes for overwriting files (shred, and the wipe
// of an original once its encrypted copy is in place). The ChaCha20 keystream (libsodium, with
// its vectorised code) under a fresh random key: the same unpredictability as getrandom(2) for this
// purpose at several times its speed (the kernel's generic ChaCha20 made getrandom the largest
// cost of wiping a 1 GiB file). Not for keys or nonces: those come from randombytes_buf.
//
// Thread-safety: one instance per thread.

#include <array>
#include <cstdint>
#include <span>

#include "jamul/common/result.h"

namespace jamul::crypto {

class RandomStream {
 public:
  // A stream under a new random key. Fails only if libsodium cannot start.
  static Result<RandomStream> create();

  RandomStream(const RandomStream&) = delete;
  RandomStream& operator=(const RandomStream&) = delete;
  RandomStream(RandomStream&& other) noexcept;
  RandomStream& operator=(RandomStream&& other) noexcept;
  ~RandomStream();  // wipes the key

  // Fills `out` with the next bytes of the stream.
  void fill(std::span<std::uint8_t> out);

 private:
  RandomStream() = default;
  std::array<std::uint8_t, 32> key_{};
  std::uint64_t block_ = 0;  // the next 64-byte keystream block
};

}  // namespace jamul::crypto
