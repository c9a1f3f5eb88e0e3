// SPDX-License-Identifier: Apache-2.0
#pragma once

// The two base64 dialects of age (age-encryption.org/v1): unpadded in the header (stanza
// arguments and bodies, the MAC), padded in the ASCII armor. Both alphabets are RFC 4648 §4.
// Decoders are strict: they accept exactly the canonical encoding of a byte string (RFC 4648
// §3.5: unused trailing bits zero), so that a header or armor has one spelling only and cannot be
// altered without the MAC noticing (common/base64.h is lenient about none of this, but it pads).
//
// Thread-safety: pure functions.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace jamul::crypto::age::detail {

std::string base64NoPad(std::span<const std::uint8_t> bytes);
// nullopt for padding, any character outside the alphabet, an impossible length, or non-zero
// trailing bits.
std::optional<std::vector<std::uint8_t>> decodeBase64NoPad(std::string_view text);
// As decodeBase64NoPad(), into `out`, which must be exactly the decoded size; false otherwise.
bool decodeBase64NoPadTo(std::string_view text, std::span<std::uint8_t> out);

// The decoded size of `chars` unpadded base64 characters (meaningful when chars % 4 != 1).
constexpr std::size_t base64NoPadDecodedSize(std::size_t chars) { return chars * 3 / 4; }

// Padded encoding (armor): appends to `out`.
void appendBase64Padded(std::span<const std::uint8_t> bytes, std::string& out);
// Decodes one padded group sequence (length a multiple of 4, '=' only at the very end), appending
// to `out`; false if it is not canonical.
bool decodeBase64PaddedTo(std::string_view text, std::vector<std::uint8_t>& out);

}  // namespace jamul::crypto::age::detail
