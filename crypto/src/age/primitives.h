// SPDX-License-Identifier: Apache-2.0
#pragma once

// Building blocks of the age format that libsodium 1.0.18 lacks or that age defines its own way:
// HKDF-SHA-256 (RFC 5869) over libsodium's HMAC-SHA-256, strict unpadded base64 (age stanzas
// and MAC), canonical padded base64 (armor), and Bech32 (BIP 173, as age uses it: no length limit).

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "jamul/common/result.h"
#include "jamul/crypto/secret_bytes.h"

namespace jamul::crypto::age::detail {

// HKDF-SHA-256 (RFC 5869): extract with `salt` (empty: 32 zero bytes), expand with `info` into
// `out` (at most 255 * 32 bytes).
void hkdfSha256(std::span<const std::uint8_t> ikm, std::span<const std::uint8_t> salt,
                std::string_view info, std::span<std::uint8_t> out);

void hmacSha256(std::span<const std::uint8_t> key, std::span<const std::uint8_t> message,
                std::span<std::uint8_t, 32> out);

// Standard alphabet, no padding (RFC 4648 §3.2), as age writes stanza bodies and the MAC.
std::string base64NoPad(std::span<const std::uint8_t> bytes);
// Strict: no padding, no other characters, and canonical (unused trailing bits zero).
std::optional<std::vector<std::uint8_t>> decodeBase64NoPad(std::string_view text);
// Standard alphabet with padding; strict and canonical (armor).
std::string base64Padded(std::span<const std::uint8_t> bytes);
std::optional<std::vector<std::uint8_t>> decodeBase64Padded(std::string_view text);

// Bech32 with human-readable part `hrp` (compared case-insensitively; the whole string must be
// all lower or all upper case).
std::string bech32Encode(std::string_view hrp, std::span<const std::uint8_t> data, bool upper);
struct Bech32 {
  std::string hrp;  // lower case
  std::vector<std::uint8_t> data;
};
std::optional<Bech32> bech32Decode(std::string_view text);

}  // namespace jamul::crypto::age::detail
