// SPDX-License-Identifier: Apache-2.0
#include "age/hkdf.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cstring>

#include "jamul/common/check.h"

namespace jamul::crypto::age::detail {

void hmacSha256(std::span<const std::uint8_t> key, std::span<const std::uint8_t> message,
                std::span<std::uint8_t, 32> out) {
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, key.data(), key.size());
  crypto_auth_hmacsha256_update(&state, message.data(), message.size());
  crypto_auth_hmacsha256_final(&state, out.data());
  sodium_memzero(&state, sizeof state);
}

void hkdfSha256(std::span<const std::uint8_t> ikm, std::span<const std::uint8_t> salt,
                std::string_view info, std::span<std::uint8_t> out) {
  JAMUL_CHECK(out.size() <= 255 * 32);
  static const std::array<std::uint8_t, 32> kZeroSalt{};
  std::array<std::uint8_t, 32> prk{};
  hmacSha256(salt.empty() ? std::span<const std::uint8_t>(kZeroSalt) : salt, ikm, prk);
  // T(i) = HMAC(PRK, T(i-1) || info || i), T(0) empty; the output is T(1) || T(2) || ...
  std::array<std::uint8_t, 32> block{};
  std::size_t block_size = 0;
  std::size_t done = 0;
  for (std::uint8_t counter = 1; done < out.size(); ++counter) {
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, prk.data(), prk.size());
    crypto_auth_hmacsha256_update(&state, block.data(), block_size);
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(info.data()),
                                  info.size());
    crypto_auth_hmacsha256_update(&state, &counter, 1);
    crypto_auth_hmacsha256_final(&state, block.data());
    sodium_memzero(&state, sizeof state);
    block_size = block.size();
    const std::size_t n = std::min(block.size(), out.size() - done);
    std::memcpy(out.data() + done, block.data(), n);
    done += n;
  }
  sodium_memzero(prk.data(), prk.size());
  sodium_memzero(block.data(), block.size());
}

}  // namespace jamul::crypto::age::detail
