// SPDX-License-Identifier: Apache-2.0
#pragma once

// Small helpers shared by the age tests: text views of secrets, a deterministic payload of any
// size, a source that hands out few bytes at a time, and a sink that can fail. Test-only.

#include <algorithm>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "jamul/crypto/age.h"

namespace jamul::crypto::age::test_util {

inline std::string_view textOf(const SecretBytes& secret) {
  return {reinterpret_cast<const char*>(secret.bytes().data()), secret.size()};
}

// `size` bytes of a fixed pseudo-random pattern (xorshift), so that chunks differ.
inline std::string pattern(std::size_t size, std::uint64_t seed = 0x9E3779B97F4A7C15ull) {
  std::string out(size, '\0');
  std::uint64_t x = seed;
  for (char& c : out) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    c = static_cast<char>(x);
  }
  return out;
}

// Reads at most `step` bytes per call.
class TrickleSource final : public ByteSource {
 public:
  TrickleSource(std::string_view bytes, std::size_t step) : bytes_(bytes), step_(step) {}
  Result<std::size_t> read(std::span<std::uint8_t> out) override {
    const std::size_t n = std::min({out.size(), step_, bytes_.size() - given_});
    std::copy_n(bytes_.data() + given_, n, out.data());
    given_ += n;
    return n;
  }

 private:
  std::string_view bytes_;
  std::size_t step_;
  std::size_t given_ = 0;
};

// Fails every write after `budget` bytes with kIo ("disk full").
class FailingSink final : public ByteSink {
 public:
  explicit FailingSink(std::size_t budget) : budget_(budget) {}
  Status write(std::span<const std::uint8_t> bytes) override {
    if (bytes.size() > budget_) return Error(ErrorCode::kIo, "write: no space left on device");
    budget_ -= bytes.size();
    return okStatus();
  }

 private:
  std::size_t budget_;
};

inline std::string encryptOrDie(std::string_view plaintext, std::span<const Recipient> recipients,
                                bool armor = false) {
  auto sealed = encryptBytes(plaintext, recipients, EncryptOptions{armor});
  JAMUL_CHECK(sealed.ok());
  return std::move(*sealed);
}

}  // namespace jamul::crypto::age::test_util
