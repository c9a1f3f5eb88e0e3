// SPDX-License-Identifier: Apache-2.0
#pragma once

// Bech32 (BIP 173, https://github.com/bitcoin/bips/blob/master/bip-0173.mediawiki) as age uses it
// for its keys (age-encryption.org/v1, "Conventions"): `age1...` recipients and
// `AGE-SECRET-KEY-1...` identities.
//
// A Bech32 string is a human-readable part (HRP), the separator `1` (the last `1` in the string),
// a data part of 5-bit groups written in the alphabet "qpzry9x8gf2tvdw0s3jn54khce6mua7l", and a
// 6-character checksum (the BCH code of BIP 173, constant 1: Bech32, not Bech32m).
//
// Rules enforced, as BIP 173 says:
//   * HRP of 1 to 83 characters, each in the range 33-126;
//   * the whole string is all lower case or all upper case (never mixed); the checksum is always
//     computed over the lower-case form;
//   * at least the 6 checksum characters after the separator;
//   * decoding to bytes: at most 4 padding bits, all zero.
// One rule is lifted, as age lifts it: the 90-character limit on the whole string (an X25519
// identity is 74 characters, but post-quantum and plugin keys are far longer).
//
// Error messages never quote the input: it may be a secret key.
//
// Thread-safety: pure functions.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "jamul/common/result.h"

namespace jamul::crypto::bech32 {

enum class LetterCase { kLower, kUpper };

inline constexpr std::size_t kMaxHrpLength = 83;
inline constexpr std::size_t kChecksumLength = 6;

struct Decoded {
  std::string hrp;  // in lower case
  std::vector<std::uint8_t> data;
  LetterCase letter_case = LetterCase::kLower;  // how the string was written
};

// The length of the string encode() returns for an HRP of `hrp_size` characters and
// `data_size` bytes.
std::size_t encodedLength(std::size_t hrp_size, std::size_t data_size);

// Encodes `data` (8-bit bytes, regrouped into 5-bit groups with zero padding) under `hrp`.
// REQUIRES: `hrp` is 1-83 characters in the range 33-126 and not of mixed case.
std::string encode(std::string_view hrp, std::span<const std::uint8_t> data,
                   LetterCase letter_case = LetterCase::kLower);

// As encode(), into `out` (exactly encodedLength() characters), so that an encoded secret key
// can be written straight into secure memory without a temporary string.
void encodeTo(std::string_view hrp, std::span<const std::uint8_t> data, LetterCase letter_case,
              std::span<char> out);

// Encodes 5-bit groups as they are (BIP 173's own level, for its test vectors).
// REQUIRES: as encode(), and every word is 0-31.
std::string encodeWords(std::string_view hrp, std::span<const std::uint8_t> words,
                        LetterCase letter_case = LetterCase::kLower);

// Decodes a Bech32 string to bytes. Fails with kInvalidArgument saying which rule is broken
// (mixed case, no separator, HRP, invalid character, checksum, padding).
Result<Decoded> decode(std::string_view text);

// The 5-bit groups of the data part (checksum removed), for strings whose data is not whole
// bytes (BIP 173's own test vectors). Same errors as decode(), except padding.
struct DecodedWords {
  std::string hrp;
  std::vector<std::uint8_t> words;  // each 0-31
  LetterCase letter_case = LetterCase::kLower;
};
Result<DecodedWords> decodeWords(std::string_view text);

}  // namespace jamul::crypto::bech32
