// SPDX-License-Identifier: Apache-2.0
#include "age/file_key.h"

#include <sodium.h>

#include "age/hkdf.h"
#include "jamul/common/check.h"

namespace jamul::crypto::age::detail {
namespace {

// Each wrap key seals exactly one message, so a constant nonce is safe (spec: "fixed as 12 0x00
// bytes").
constexpr std::uint8_t kZeroNonce[crypto_aead_chacha20poly1305_ietf_NPUBBYTES] = {};

}  // namespace

Result<SecretBytes> generateFileKey() { return SecretBytes::random(kFileKeyBytes); }

std::vector<std::uint8_t> wrapFileKey(const SecretBytes& wrap_key, const SecretBytes& file_key) {
  JAMUL_CHECK(wrap_key.size() == crypto_aead_chacha20poly1305_ietf_KEYBYTES);
  JAMUL_CHECK(file_key.size() == kFileKeyBytes);
  std::vector<std::uint8_t> body(kWrappedFileKeyBytes);
  crypto_aead_chacha20poly1305_ietf_encrypt(body.data(), nullptr, file_key.bytes().data(),
                                            file_key.size(), nullptr, 0, nullptr, kZeroNonce,
                                            wrap_key.bytes().data());
  return body;
}

Result<std::optional<SecretBytes>> unwrapFileKey(const SecretBytes& wrap_key,
                                                 std::span<const std::uint8_t> body) {
  JAMUL_CHECK(wrap_key.size() == crypto_aead_chacha20poly1305_ietf_KEYBYTES);
  JAMUL_CHECK(body.size() == kWrappedFileKeyBytes);
  JAMUL_ASSIGN_OR_RETURN(SecretBytes file_key, SecretBytes::allocate(kFileKeyBytes));
  if (crypto_aead_chacha20poly1305_ietf_decrypt(file_key.bytes().data(), nullptr, nullptr,
                                                body.data(), body.size(), nullptr, 0, kZeroNonce,
                                                wrap_key.bytes().data()) != 0)
    return std::optional<SecretBytes>();
  return std::optional<SecretBytes>(std::move(file_key));
}

Result<std::array<std::uint8_t, 32>> headerMac(const SecretBytes& file_key,
                                               std::string_view header_text) {
  JAMUL_ASSIGN_OR_RETURN(SecretBytes key, SecretBytes::allocate(32));
  hkdfSha256(file_key.bytes(), {}, "header", key.bytes());
  std::array<std::uint8_t, 32> mac{};
  hmacSha256(key.bytes(),
             {reinterpret_cast<const std::uint8_t*>(header_text.data()), header_text.size()}, mac);
  return mac;
}

}  // namespace jamul::crypto::age::detail
