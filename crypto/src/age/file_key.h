// SPDX-License-Identifier: Apache-2.0
#pragma once

// What every recipient type and the header share (age-encryption.org/v1): the 16-byte file key,
// its wrapping in a stanza body (ChaCha20-Poly1305 under a one-time key, nonce of 12 zero bytes),
// and the header MAC (HMAC-SHA-256 keyed with HKDF(file key, salt = empty, info = "header")).
//
// Thread-safety: pure functions.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "jamul/common/result.h"
#include "jamul/crypto/secret_bytes.h"

namespace jamul::crypto::age::detail {

inline constexpr std::size_t kFileKeyBytes = 16;
inline constexpr std::size_t kAeadTagBytes = 16;
inline constexpr std::size_t kWrappedFileKeyBytes = kFileKeyBytes + kAeadTagBytes;  // stanza body

Result<SecretBytes> generateFileKey();

// The stanza body: the file key sealed under `wrap_key` (32 bytes, used for this one message).
std::vector<std::uint8_t> wrapFileKey(const SecretBytes& wrap_key, const SecretBytes& file_key);

// The file key, or nullopt if `body` does not open under `wrap_key` (the stanza is for someone
// else). REQUIRES: body.size() == kWrappedFileKeyBytes (checked by each stanza type first, as the
// spec asks, against partitioning oracles).
Result<std::optional<SecretBytes>> unwrapFileKey(const SecretBytes& wrap_key,
                                                 std::span<const std::uint8_t> body);

// HMAC-SHA-256 of `header_text` (up to and including "---") under the file key's header key.
Result<std::array<std::uint8_t, 32>> headerMac(const SecretBytes& file_key,
                                               std::string_view header_text);

}  // namespace jamul::crypto::age::detail
