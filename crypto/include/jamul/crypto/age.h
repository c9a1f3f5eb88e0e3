// SPDX-License-Identifier: Apache-2.0
#pragma once

// The age v1 file format (https://age-encryption.org/v1, C2SP age.md), on libsodium: X25519 and
// scrypt (passphrase) recipients, the header MAC, the STREAM payload (ChaCha20-Poly1305, 64 KiB
// chunks), and ASCII armor. Files we write open with Debian's `age -d`, and age's open with ours;
// the age testkit (../shared/age-testkit) is the judge of what is accepted (tests/crypto/).
// What we use of age and our rules around it: docs/file-format.md.
//
// Streaming both ways with bounded memory (two chunks). Secrets (file keys, X25519 scalars,
// passphrases, derived keys) live in SecretBytes (sodium_malloc, wiped).
//
// Errors: not an age file -> kUnsupportedFormat; a malformed header, armor, bad header MAC,
// damaged, truncated, reordered or extended payload -> kCorrupt with a message saying which; no
// identity opens the file -> kWrongKey; scrypt work factor beyond the limit -> kTooLarge;
// source/sink failures pass through.
//
// Decryption contract: decrypt() writes each chunk to the sink as soon as that chunk is
// authenticated, so when a later chunk fails the sink holds a prefix. Callers that must not expose
// partial plaintext write to a temporary file and delete it on error (FileProtector does).
//
// Thread-safety: values; functions are reentrant.

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "jamul/common/result.h"
#include "jamul/crypto/secret_bytes.h"

namespace jamul::crypto::age {

// Reads up to out.size() bytes; 0 means end of input.
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  virtual Result<std::size_t> read(std::span<std::uint8_t> out) = 0;
};

class ByteSink {
 public:
  virtual ~ByteSink() = default;
  virtual Status write(std::span<const std::uint8_t> bytes) = 0;
};

// Over a file descriptor, from its current offset (not owned, not closed).
class FdSource final : public ByteSource {
 public:
  explicit FdSource(int fd) : fd_(fd) {}
  Result<std::size_t> read(std::span<std::uint8_t> out) override;

 private:
  int fd_;
};

class FdSink final : public ByteSink {
 public:
  explicit FdSink(int fd) : fd_(fd) {}
  Status write(std::span<const std::uint8_t> bytes) override;

 private:
  int fd_;
};

class MemorySource final : public ByteSource {
 public:
  explicit MemorySource(std::string_view bytes) : bytes_(bytes) {}
  Result<std::size_t> read(std::span<std::uint8_t> out) override;

 private:
  std::string_view bytes_;
};

class StringSink final : public ByteSink {
 public:
  Status write(std::span<const std::uint8_t> bytes) override;
  std::string bytes;
};

// An X25519 public key: `age1...` (Bech32, lower case).
class X25519Recipient {
 public:
  static Result<X25519Recipient> parse(std::string_view text);
  std::string encode() const;
  const std::array<std::uint8_t, 32>& key() const { return key_; }

 private:
  std::array<std::uint8_t, 32> key_{};
  friend class X25519Identity;
};

// An X25519 secret key: `AGE-SECRET-KEY-1...` (Bech32, upper case).
class X25519Identity {
 public:
  static Result<X25519Identity> generate();
  static Result<X25519Identity> parse(std::string_view text);
  // The `AGE-SECRET-KEY-1...` string, in secure memory (it is the key).
  Result<SecretBytes> encode() const;
  X25519Recipient recipient() const;
  const SecretBytes& scalar() const { return scalar_; }

 private:
  explicit X25519Identity(SecretBytes scalar) : scalar_(std::move(scalar)) {}
  SecretBytes scalar_;
  X25519Recipient public_;
};

// A passphrase, as recipient (encrypt: age -p) or identity (decrypt).
struct Passphrase {
  static constexpr int kDefaultWorkFactor = 18;  // log2(N), as age uses
  static constexpr int kMaxWorkFactor = 22;      // refused beyond (age's own limit)
  static Result<Passphrase> from(std::string_view text);
  SecretBytes bytes;
  int work_factor = kDefaultWorkFactor;  // for encryption
};

using Recipient = std::variant<X25519Recipient, const Passphrase*>;
using Identity = std::variant<const X25519Identity*, const Passphrase*>;

struct EncryptOptions {
  bool armor = false;
};

// Encrypts all of `in` to `out`. A passphrase must be the only recipient (the spec's rule).
Status encrypt(ByteSource& in, ByteSink& out, std::span<const Recipient> recipients,
               const EncryptOptions& options = {});

struct DecryptInfo {
  bool armored = false;
  bool passphrase = false;  // opened by an scrypt stanza
};

// Decrypts `in` (binary or armored) to `out` with the first identity that opens it.
Result<DecryptInfo> decrypt(ByteSource& in, ByteSink& out, std::span<const Identity> identities);

// The identities of an identity file as `age -i` reads it: `AGE-SECRET-KEY-1...` lines, `#`
// comments and blank lines. An age-encrypted identity file (`age -p` over a keys file) is opened
// with `passphrase` first; without one, it is kWrongKey.
Result<std::vector<X25519Identity>> parseIdentityFile(std::string_view text,
                                                      const Passphrase* passphrase = nullptr);

// BLAKE2b-256 over a stream, for proving that a decryption gives back exactly the original.
class ContentHasher {
 public:
  ContentHasher();
  void update(std::span<const std::uint8_t> bytes);
  std::array<std::uint8_t, 32> finish();

 private:
  alignas(64) std::array<std::uint8_t, 384> state_{};  // crypto_generichash_state
};

}  // namespace jamul::crypto::age
