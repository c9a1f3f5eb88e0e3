// SPDX-License-Identifier: Apache-2.0
#include "jamul/crypto/content_hasher.h"

#include <sodium.h>

#include "sodium_init.h"

namespace jamul::crypto {
namespace {

crypto_generichash_state* stateOf(std::array<std::uint8_t, 384>& bytes) {
  static_assert(sizeof(crypto_generichash_state) <= 384);
  static_assert(alignof(crypto_generichash_state) <= 64);
  return reinterpret_cast<crypto_generichash_state*>(bytes.data());
}

}  // namespace

ContentHasher::ContentHasher() {
  (void)ensureSodium();  // crypto_generichash needs no initialised state, only the CPU dispatch
  crypto_generichash_init(stateOf(state_), nullptr, 0, 32);
}

void ContentHasher::update(std::span<const std::uint8_t> bytes) {
  crypto_generichash_update(stateOf(state_), bytes.data(), bytes.size());
}

std::array<std::uint8_t, 32> ContentHasher::finish() {
  std::array<std::uint8_t, 32> out{};
  crypto_generichash_final(stateOf(state_), out.data(), out.size());
  return out;
}

}  // namespace jamul::crypto
