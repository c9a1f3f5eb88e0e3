// SPDX-License-Identifier: Apache-2.0
#include "jamul/crypto/secret_bytes.h"

#include <sodium.h>

#include "sodium_init.h"

namespace jamul::crypto {

Result<SecretBytes> SecretBytes::allocate(std::size_t size) {
  JAMUL_RETURN_IF_ERROR(ensureSodium());
  auto* data = static_cast<std::uint8_t*>(sodium_malloc(size == 0 ? 1 : size));
  if (data == nullptr) return Error(ErrorCode::kUnavailable, "secure memory allocation failed");
  sodium_memzero(data, size);
  return SecretBytes(data, size);
}

Result<SecretBytes> SecretBytes::random(std::size_t size) {
  JAMUL_ASSIGN_OR_RETURN(SecretBytes secret, allocate(size));
  randombytes_buf(secret.data_, size);
  return secret;
}

SecretBytes::SecretBytes(SecretBytes&& other) noexcept : data_(other.data_), size_(other.size_) {
  other.data_ = nullptr;
  other.size_ = 0;
}

SecretBytes& SecretBytes::operator=(SecretBytes&& other) noexcept {
  if (this != &other) {
    if (data_ != nullptr) sodium_free(data_);  // sodium_free wipes before releasing
    data_ = other.data_;
    size_ = other.size_;
    other.data_ = nullptr;
    other.size_ = 0;
  }
  return *this;
}

SecretBytes::~SecretBytes() {
  if (data_ != nullptr) sodium_free(data_);
}

}  // namespace jamul::crypto
