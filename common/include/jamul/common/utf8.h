// SPDX-License-Identifier: Apache-2.0
#pragma once

// Small UTF-8 helpers shared by modules that handle user-visible text (paths, excerpts).
// All functions are pure and thread-safe.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace jamul::utf8 {

// Returns true if `text` is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
bool isValid(std::string_view text);

// Returns the length of the well-formed UTF-8 sequence starting at text[0], or 0 if it is not one.
std::size_t sequenceLength(std::string_view text);

// Returns `text` with every byte that is not part of a well-formed sequence replaced by U+FFFD.
std::string toValidLossy(std::string_view text);

// Appends the UTF-8 encoding of `code_point` (which must be a scalar value) to `out`.
void append(std::string& out, char32_t code_point);

// True if byte `b` is a UTF-8 continuation byte (10xxxxxx).
constexpr bool isContinuation(unsigned char b) { return (b & 0xC0) == 0x80; }

}  // namespace jamul::utf8
