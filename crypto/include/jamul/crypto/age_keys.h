// SPDX-License-Identifier: Apache-2.0
#pragma once

// The keys of age's two native recipient types that Jamul uses (age-encryption.org/v1, "Native
// recipient types"):
//
//   X25519   X25519Recipient  `age1...` (Bech32, HRP "age", lower case), a public key;
//            X25519Identity   `AGE-SECRET-KEY-1...` (Bech32, HRP "AGE-SECRET-KEY-", upper case),
//                             its secret scalar. This is what `age-keygen` writes.
//   scrypt   Passphrase       a passphrase, both the recipient (encrypting, `age -p`) and the
//                             identity (decrypting). An scrypt stanza must be the only one in its
//                             file (the spec's rule), so a passphrase is never mixed with keys.
//
// Recipients and identities are closed sets (std::variant), not a class hierarchy: the header code
// must know each type's stanza anyway, and a variant of pointers lets a caller hold its secret
// keys once (in SecretBytes) and name them in any number of operations without copying them.
//   Recipient = X25519Recipient (a small public value, copied) | const Passphrase*
//   Identity  = const X25519Identity* | const Passphrase*
// The pointees must outlive the call (or the vector) that uses them.
//
// Secrets (the scalar, the passphrase) live in SecretBytes (sodium_malloc, wiped when freed);
// parse() and encode() wipe their temporaries. toString() and error messages never contain a
// secret: they are safe to log.
//
// Work factor (scrypt N = 2^work_factor, r = 8, p = 1): we write 18 by default, as age does, and
// accept at most 22 when decrypting, as age does by default (a larger one is refused with
// kTooLarge before any work: 2^23 needs 8 GiB of memory and many seconds; a file whose header
// asks for it is either hostile or not from age). Both can be set per Passphrase.
//
// Thread-safety: values; concurrent use of one const instance is safe.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "jamul/common/result.h"
#include "jamul/crypto/secret_bytes.h"

namespace jamul::crypto::age {

// An X25519 public key.
class X25519Recipient {
 public:
  static constexpr std::size_t kKeyBytes = 32;

  // Parses `age1...`. kInvalidArgument for anything else (upper case, another HRP, a bad
  // checksum, a key that is not 32 bytes).
  static Result<X25519Recipient> parse(std::string_view text);
  static X25519Recipient fromKey(const std::array<std::uint8_t, kKeyBytes>& key);

  // The canonical `age1...` string.
  std::string encode() const;
  const std::array<std::uint8_t, kKeyBytes>& key() const { return key_; }
  friend bool operator==(const X25519Recipient&, const X25519Recipient&) = default;

 private:
  std::array<std::uint8_t, kKeyBytes> key_{};
};

// An X25519 secret key and its public key. Move-only (the scalar is SecretBytes).
class X25519Identity {
 public:
  static constexpr std::size_t kScalarBytes = 32;

  // A fresh key from the OS CSPRNG. kUnavailable if secure memory or libsodium is not available.
  static Result<X25519Identity> generate();
  // Parses `AGE-SECRET-KEY-1...` (upper case only, as age requires). kInvalidArgument otherwise.
  static Result<X25519Identity> parse(std::string_view text);
  // An identity over a 32-byte scalar (kInvalidArgument for another size).
  static Result<X25519Identity> fromScalar(SecretBytes scalar);

  // The `AGE-SECRET-KEY-1...` string, in secure memory (it is the key itself).
  Result<SecretBytes> encode() const;
  X25519Recipient recipient() const { return public_; }
  const SecretBytes& scalar() const { return scalar_; }
  // "X25519 identity age1...": names the key by its public half, never the secret.
  std::string toString() const;

 private:
  X25519Identity(SecretBytes scalar, X25519Recipient recipient)
      : scalar_(std::move(scalar)), public_(recipient) {}
  SecretBytes scalar_;
  X25519Recipient public_;
};

// A passphrase (scrypt recipient and identity).
struct Passphrase {
  static constexpr int kDefaultWorkFactor = 18;  // log2(N) we write, as age does
  static constexpr int kMaxWorkFactor = 22;      // the most we accept by default, as age does
  static constexpr int kHighestWorkFactor = 30;  // no setting may go beyond

  // Copies `text` into secure memory. kInvalidArgument for an empty passphrase or a work factor
  // outside 1..kMaxWorkFactor (so that every file we write opens with age's defaults).
  static Result<Passphrase> from(std::string_view text, int work_factor = kDefaultWorkFactor);

  SecretBytes bytes;
  int work_factor = kDefaultWorkFactor;  // when encrypting: N = 2^work_factor
  int max_work_factor = kMaxWorkFactor;  // when decrypting: larger is kTooLarge (1..30)
};

using Recipient = std::variant<X25519Recipient, const Passphrase*>;
using Identity = std::variant<const X25519Identity*, const Passphrase*>;

}  // namespace jamul::crypto::age
