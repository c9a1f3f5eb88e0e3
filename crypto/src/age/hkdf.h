// SPDX-License-Identifier: Apache-2.0
#pragma once

// HMAC-SHA-256 (RFC 2104) and HKDF-SHA-256 (RFC 5869) over libsodium's HMAC: libsodium 1.0.18
// (Debian 12) has no HKDF. age derives every key with HKDF-SHA-256 and 32 bytes of output
// (age-encryption.org/v1, "Conventions"). Intermediate values are wiped.
//
// Thread-safety: pure functions.

#include <cstdint>
#include <span>
#include <string_view>

namespace jamul::crypto::age::detail {

void hmacSha256(std::span<const std::uint8_t> key, std::span<const std::uint8_t> message,
                std::span<std::uint8_t, 32> out);

// HKDF-Extract with `salt` (empty means HashLen zero bytes, RFC 5869 §2.2), then HKDF-Expand with
// `info` into `out`. REQUIRES: out.size() <= 255 * 32.
void hkdfSha256(std::span<const std::uint8_t> ikm, std::span<const std::uint8_t> salt,
                std::string_view info, std::span<std::uint8_t> out);

}  // namespace jamul::crypto::age::detail
