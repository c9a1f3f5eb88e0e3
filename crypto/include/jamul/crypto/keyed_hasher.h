// SPDX-License-Identifier: Apache-2.0
#pragma once

// KeyedHasher: the keyed hash that stands in for personal-data values in the inventory (DESIGN.md
// §1.2): BLAKE2b-128 keyed with a per-installation 256-bit secret (libsodium crypto_generichash).
// The same value gives the same digest within one installation, so distinct values can be counted,
// while the digest is useless without the key. Note the limit honestly: an RRN has about 10^10
// plausible values, so anyone holding both the key file and the inventory can recover values by
// brute force; the key file is therefore readable only by its owner.
//
// Key file: two lines, "jamul value-hash key v1" and the base64 key. Created on first use with mode
// 0600, atomically (written to a temporary name and linked into place, so two processes starting at
// once agree on one key and a crash never leaves a half-written key). Loading refuses a key file that
// is a symbolic link, not owned by the current user, or readable by group or others.
//
// Thread-safety: digest() is const and thread-safe.

#include <memory>
#include <string>
#include <string_view>

#include "jamul/common/result.h"
#include "jamul/common/value_digest.h"
#include "jamul/crypto/secret_bytes.h"

namespace jamul::crypto {

class KeyedHasher {
 public:
  static constexpr std::size_t kKeyBytes = 32;

  // Loads the key at `key_path`, creating it if it does not exist. Fails with kPermissionDenied (the
  // file is a link, someone else's, or readable by others), kCorrupt (not a key file), kIo.
  static Result<KeyedHasher> loadOrCreate(const std::string& key_path);
  // A hasher over the given key (tests, and callers that hold the key already).
  static Result<KeyedHasher> fromKey(SecretBytes key);

  ValueDigest digest(std::string_view value) const;

  // A ValueHasher (std::function) for the scanner; it shares the key with this hasher.
  ValueHasher asValueHasher() const;

 private:
  explicit KeyedHasher(std::shared_ptr<const SecretBytes> key) : key_(std::move(key)) {}
  std::shared_ptr<const SecretBytes> key_;
};

}  // namespace jamul::crypto
