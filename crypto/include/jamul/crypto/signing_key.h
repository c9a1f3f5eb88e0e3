// SPDX-License-Identifier: Apache-2.0
#pragma once

// Ed25519 signatures for the console's policies (DESIGN.md §7, docs/console-api.md): the console
// holds a SigningKey and signs each policy body; the agent pins the public key at enrollment and
// checks every policy with verifySignature() before it applies it. libsodium's crypto_sign
// (RFC 8032 Ed25519, deterministic signatures).
//
// Key file `<data-dir>/policy-signing.key`: "jamul policy-signing key v1" and the base64 32-byte
// seed, mode 0600, created atomically on first use (the same rules as the value-hash key:
// keyed_hasher.h). The secret part lives in sodium_malloc'd memory and is wiped on destruction.
//
// Thread-safety: a SigningKey's const methods are thread-safe; the functions are pure.

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "jamul/common/result.h"
#include "jamul/crypto/secret_bytes.h"

namespace jamul::crypto {

inline constexpr std::size_t kSigningPublicKeyBytes = 32;
inline constexpr std::size_t kSignatureBytes = 64;

class SigningKey {
 public:
  // Loads the key at `path`, creating it if absent. kPermissionDenied (a link, another user's,
  // readable by others), kCorrupt (not a key file), kIo.
  static Result<SigningKey> loadOrCreate(const std::string& path);
  // A key from a 32-byte seed (tests).
  static Result<SigningKey> fromSeed(SecretBytes seed);

  // The raw 32-byte public key, and the same in base64 (as the console API carries it).
  const std::array<std::uint8_t, kSigningPublicKeyBytes>& publicKey() const { return public_; }
  std::string publicKeyBase64() const;

  // The raw 64-byte signature of `message`.
  std::string sign(std::string_view message) const;

 private:
  SigningKey(std::shared_ptr<const SecretBytes> secret,
             std::array<std::uint8_t, kSigningPublicKeyBytes> public_key)
      : secret_(std::move(secret)), public_(public_key) {}
  std::shared_ptr<const SecretBytes> secret_;  // libsodium's 64-byte secret key (seed + public)
  std::array<std::uint8_t, kSigningPublicKeyBytes> public_;
};

// Whether `signature` (64 raw bytes) is `public_key`'s (32 raw bytes) signature of `message`.
// False for wrong sizes, too.
bool verifySignature(std::string_view public_key, std::string_view message,
                     std::string_view signature);

}  // namespace jamul::crypto
