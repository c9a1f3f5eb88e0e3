// SPDX-License-Identifier: Apache-2.0
#include "jamul/crypto/signing_key.h"

#include <sodium.h>

#include <algorithm>

#include "jamul/common/base64.h"
#include "secret_key_file.h"
#include "sodium_init.h"

namespace jamul::crypto {
namespace {

constexpr std::string_view kHeader = "jamul policy-signing key v1\n";
constexpr std::string_view kWhat = "policy-signing key";
static_assert(crypto_sign_PUBLICKEYBYTES == kSigningPublicKeyBytes);
static_assert(crypto_sign_BYTES == kSignatureBytes);

}  // namespace

Result<SigningKey> SigningKey::loadOrCreate(const std::string& path) {
  JAMUL_RETURN_IF_ERROR(ensureSodium());
  auto seed = readSecretKeyFile(path, kHeader, crypto_sign_SEEDBYTES, kWhat);
  if (!seed && seed.error().code() == ErrorCode::kNotFound) {
    JAMUL_RETURN_IF_ERROR(createSecretKeyFile(path, kHeader, crypto_sign_SEEDBYTES, kWhat));
    seed = readSecretKeyFile(path, kHeader, crypto_sign_SEEDBYTES, kWhat);
  }
  if (!seed) return seed.error();
  return fromSeed(std::move(seed).value());
}

Result<SigningKey> SigningKey::fromSeed(SecretBytes seed) {
  JAMUL_RETURN_IF_ERROR(ensureSodium());
  if (seed.size() != crypto_sign_SEEDBYTES)
    return Error(ErrorCode::kInvalidArgument, "a signing key's seed must be 32 bytes");
  JAMUL_ASSIGN_OR_RETURN(SecretBytes secret, SecretBytes::allocate(crypto_sign_SECRETKEYBYTES));
  std::array<std::uint8_t, kSigningPublicKeyBytes> public_key{};
  if (crypto_sign_seed_keypair(public_key.data(), secret.bytes().data(), seed.bytes().data()) != 0)
    return Error(ErrorCode::kInternal, "crypto_sign_seed_keypair failed");
  return SigningKey(std::make_shared<const SecretBytes>(std::move(secret)), public_key);
}

std::string SigningKey::publicKeyBase64() const {
  return base64::encode(
      std::string_view(reinterpret_cast<const char*>(public_.data()), public_.size()));
}

std::string SigningKey::sign(std::string_view message) const {
  std::string signature(crypto_sign_BYTES, '\0');
  crypto_sign_detached(reinterpret_cast<unsigned char*>(signature.data()), nullptr,
                       reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       secret_->bytes().data());
  return signature;
}

bool verifySignature(std::string_view public_key, std::string_view message,
                     std::string_view signature) {
  if (!ensureSodium()) return false;
  if (public_key.size() != crypto_sign_PUBLICKEYBYTES || signature.size() != crypto_sign_BYTES)
    return false;
  return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature.data()),
                                     reinterpret_cast<const unsigned char*>(message.data()),
                                     message.size(),
                                     reinterpret_cast<const unsigned char*>(public_key.data())) ==
         0;
}

}  // namespace jamul::crypto
