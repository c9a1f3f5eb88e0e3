// SPDX-License-Identifier: Apache-2.0
#include "jamul/crypto/random_stream.h"

#include <sodium.h>

#include <algorithm>
#include <cstring>

#include "sodium_init.h"

namespace jamul::crypto {

Result<RandomStream> RandomStream::create() {
  JAMUL_RETURN_IF_ERROR(ensureSodium());
  RandomStream stream;
  randombytes_buf(stream.key_.data(), stream.key_.size());
  return stream;
}

RandomStream::RandomStream(RandomStream&& other) noexcept : key_(other.key_), block_(other.block_) {
  sodium_memzero(other.key_.data(), other.key_.size());
}

RandomStream& RandomStream::operator=(RandomStream&& other) noexcept {
  if (this != &other) {
    key_ = other.key_;
    block_ = other.block_;
    sodium_memzero(other.key_.data(), other.key_.size());
  }
  return *this;
}

RandomStream::~RandomStream() { sodium_memzero(key_.data(), key_.size()); }

void RandomStream::fill(std::span<std::uint8_t> out) {
  // The original ChaCha20 (64-bit nonce, 64-bit block counter): no practical limit on the length
  // of one stream, unlike the IETF variant's 256 GiB. A fixed zero nonce is safe because each key
  // is used for one stream only. Each call starts at a fresh block, so that no keystream byte is
  // ever produced twice.
  static constexpr std::array<std::uint8_t, crypto_stream_chacha20_NONCEBYTES> kNonce{};
  std::memset(out.data(), 0, out.size());
  crypto_stream_chacha20_xor_ic(out.data(), out.data(), out.size(), kNonce.data(), block_,
                                key_.data());
  block_ += (out.size() + 63) / 64;
}

}  // namespace jamul::crypto
