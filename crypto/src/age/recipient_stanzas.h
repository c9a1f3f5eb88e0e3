// SPDX-License-Identifier: Apache-2.0
#pragma once

// The stanzas of the two native recipient types (age-encryption.org/v1, "The X25519 recipient
// type", "The scrypt recipient type"): wrapping a file key for a recipient, and unwrapping it
// with an identity.
//
// unwrap*() contract, as the spec and age's identities behave:
//   * a stanza of another type is not looked at (the caller only passes its own type);
//   * a stanza of this type that breaks the spec's rules (argument count, canonical base64 and
//     sizes, body of exactly 32 bytes, an all-zero X25519 shared secret, a work factor that is not
//     `^[1-9][0-9]*$`) is kCorrupt "age header: ..."; a work factor over the identity's limit is
//     kTooLarge "age header: ...";
//   * a well-formed stanza that does not open with this identity is nullopt (try the next one).
//
// Thread-safety: pure functions.

#include <optional>

#include "jamul/common/result.h"
#include "jamul/crypto/age_header.h"
#include "jamul/crypto/age_keys.h"
#include "jamul/crypto/secret_bytes.h"

namespace jamul::crypto::age::detail {

inline constexpr std::string_view kX25519StanzaType = "X25519";
inline constexpr std::string_view kScryptStanzaType = "scrypt";

Result<Stanza> wrapX25519(const X25519Recipient& recipient, const SecretBytes& file_key);
Result<std::optional<SecretBytes>> unwrapX25519(const X25519Identity& identity,
                                                const Stanza& stanza);

Result<Stanza> wrapScrypt(const Passphrase& passphrase, const SecretBytes& file_key);
Result<std::optional<SecretBytes>> unwrapScrypt(const Passphrase& passphrase, const Stanza& stanza);

}  // namespace jamul::crypto::age::detail
