// SPDX-License-Identifier: Apache-2.0
#pragma once

// Encryption and decryption in the age v1 file format (https://age-encryption.org/v1, C2SP
// age.md), on libsodium. Files we write open with Debian's `age -d`, and files `age` writes open
// with ours; the age testkit (../shared/age-testkit, tests/crypto/age_testkit_test.cpp) is the
// judge of what is accepted. What Jamul uses of age, and its rules around it: docs/file-format.md.
//
// The pieces, each in its own header (all included here):
//   age_io.h             ByteSource / ByteSink, over file descriptors or memory
//   age_keys.h           X25519Recipient, X25519Identity, Passphrase; Recipient and Identity
//   age_header.h         the textual header: parse and serialise
//   age_identity_file.h  identity files (`age -i`), plain or passphrase-encrypted
//   content_hasher.h     BLAKE2b-256 of a stream, to compare plaintexts
//
// Streaming, both ways, in bounded memory: about 2 MiB per call whatever the file size (the
// header is at most 1 MiB; the payload moves in batches of eight 64 KiB chunks, two batches in
// flight). A payload longer than one batch (512 KiB) is sealed or opened by the calling thread
// and one helper thread together, overlapping I/O and crypto; the source and sink are only ever
// called from the calling thread. Secrets (file
// keys, X25519 scalars, passphrases and every key derived from them) live in SecretBytes
// (sodium_malloc, wiped); plaintext buffers are wiped after use.
//
// Errors (Error::message() starts with where the file broke, and never holds key material):
//   kUnsupportedFormat  not an age file, or an age version other than v1
//   kCorrupt            "age header: ..."      malformed header (also: a missing payload nonce)
//                       "age header MAC ..."   the header was altered
//                       "age payload: ..."     a chunk failed authentication, the payload is
//                                              truncated, has an empty last chunk, or data after
//                                              its final chunk
//                       "age armor: ..."       malformed ASCII armor
//   kWrongKey           no identity opens the file (wrong key or passphrase; or a passphrase
//                       file and no passphrase, or the reverse)
//   kTooLarge           an scrypt work factor beyond the passphrase's limit (age_keys.h)
//   kInvalidArgument    encrypting to no recipient, or to a passphrase together with others
//   others              the source's and sink's own errors, unchanged
//
// Decryption contract: decrypt() writes each chunk to the sink once that chunk has authenticated,
// so when a later chunk fails (or the file turns out truncated) the sink already holds an
// authentic prefix of the plaintext. A caller that must never expose partial plaintext writes to
// a temporary file and deletes it on error (the agent's FileProtector does; so does
// decryptFile()). A chunk that fails authentication is never written.
//
// Thread-safety: the functions are reentrant; share no source or sink between threads.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "jamul/common/result.h"
#include "jamul/crypto/age_header.h"
#include "jamul/crypto/age_identity_file.h"
#include "jamul/crypto/age_io.h"
#include "jamul/crypto/age_keys.h"
#include "jamul/crypto/content_hasher.h"

namespace jamul::crypto::age {

struct EncryptOptions {
  bool armor = false;  // ASCII armor (`age -a`): PEM, 64-column base64
};

// Encrypts all of `in` (to its end) to `out`: header, nonce, sealed chunks. A passphrase must be
// the only recipient (the spec's rule for scrypt stanzas).
Status encrypt(ByteSource& in, ByteSink& out, std::span<const Recipient> recipients,
               const EncryptOptions& options = {});

struct DecryptInfo {
  bool armored = false;     // the input was ASCII-armored
  bool passphrase = false;  // opened by an scrypt stanza
  std::uint64_t plaintext_bytes = 0;
};

// Decrypts `in` (binary or armored: recognised by its first bytes) to `out`, with the first
// identity, in order, that opens one of the stanzas. Reads `in` to its end: trailing data is an
// error. Errors and partial output: see above.
Result<DecryptInfo> decrypt(ByteSource& in, ByteSink& out, std::span<const Identity> identities);

// In memory (tests, small files such as encrypted identity files).
Result<std::string> encryptBytes(std::string_view plaintext, std::span<const Recipient> recipients,
                                 const EncryptOptions& options = {});
Result<std::string> decryptBytes(std::string_view file, std::span<const Identity> identities);

// Between paths (tests and tools). The output is created (mode 0600, never over an existing file:
// kInvalidArgument "already exists"), written, and removed again if anything fails, so a failed
// decryption leaves no plaintext behind. Nothing is fsynced: callers that need durability use the
// stream functions over descriptors they sync.
Status encryptFile(const std::string& plain_path, const std::string& sealed_path,
                   std::span<const Recipient> recipients, const EncryptOptions& options = {});
Result<DecryptInfo> decryptFile(const std::string& sealed_path, const std::string& plain_path,
                                std::span<const Identity> identities);

}  // namespace jamul::crypto::age
