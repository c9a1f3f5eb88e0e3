// SPDX-License-Identifier: Apache-2.0
#include "jamul/crypto/keyed_hasher.h"

#include <sodium.h>

#include <string>

#include "secret_key_file.h"
#include "sodium_init.h"

namespace jamul::crypto {
namespace {

constexpr std::string_view kHeader = "jamul value-hash key v1\n";
constexpr std::string_view kWhat = "value-hash key";

}  // namespace

Result<KeyedHasher> KeyedHasher::loadOrCreate(const std::string& key_path) {
  JAMUL_RETURN_IF_ERROR(ensureSodium());
  auto key = readSecretKeyFile(key_path, kHeader, kKeyBytes, kWhat);
  if (!key && key.error().code() == ErrorCode::kNotFound) {
    JAMUL_RETURN_IF_ERROR(createSecretKeyFile(key_path, kHeader, kKeyBytes, kWhat));
    key = readSecretKeyFile(key_path, kHeader, kKeyBytes, kWhat);
  }
  if (!key) return key.error();
  return fromKey(std::move(key).value());
}

Result<KeyedHasher> KeyedHasher::fromKey(SecretBytes key) {
  JAMUL_RETURN_IF_ERROR(ensureSodium());
  if (key.size() != kKeyBytes)
    return Error(ErrorCode::kInvalidArgument, "value-hash key must be 32 bytes");
  return KeyedHasher(std::make_shared<const SecretBytes>(std::move(key)));
}

ValueDigest KeyedHasher::digest(std::string_view value) const {
  ValueDigest out{};
  crypto_generichash(out.data(), out.size(), reinterpret_cast<const unsigned char*>(value.data()),
                     value.size(), key_->bytes().data(), key_->size());
  return out;
}

ValueHasher KeyedHasher::asValueHasher() const {
  return [key = key_](std::string_view value) { return KeyedHasher(key).digest(value); };
}

}  // namespace jamul::crypto
