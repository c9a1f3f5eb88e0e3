// SPDX-License-Identifier: Apache-2.0
#pragma once

// Credentials the console keeps and checks: admin passwords (Argon2id) and bearer tokens and
// secrets (random, stored as digests). libsodium: crypto_pwhash_str (Argon2id13, its
// "interactive" costs times two: about 0.1 s and 128 MiB per check, enough against offline
// guessing, and the console rate-limits online guessing), randombytes_buf, crypto_generichash.
//
// Thread-safety: pure functions.

#include <cstddef>
#include <string>
#include <string_view>

#include "jamul/common/result.h"

namespace jamul::crypto {

// The password's Argon2id hash in libsodium's self-describing string form ("$argon2id$v=19$...").
// kUnavailable when the memory for hashing cannot be had.
Result<std::string> hashPassword(std::string_view password);
// Whether `password` matches `hash` (a string hashPassword() made); false for a malformed hash.
bool verifyPassword(std::string_view hash, std::string_view password);

// `bytes` random bytes in unpadded base64url (tokens, secrets, session ids, CSRF tokens).
std::string randomToken(std::size_t bytes = 32);

// The BLAKE2b-256 of `text` in lower-case hex: how tokens and session ids are stored, so that a
// copy of the database does not hand out working credentials.
std::string tokenDigest(std::string_view text);

// Comparison in time independent of where the inputs differ (sodium_memcmp); false for different
// lengths.
bool constantTimeEquals(std::string_view a, std::string_view b);

}  // namespace jamul::crypto
