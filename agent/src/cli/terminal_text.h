// SPDX-License-Identifier: Apache-2.0
#pragma once

// Terminal text helpers for the CLI's table output: display width of UTF-8 (Hangul, CJK and
// full-width forms take two columns), truncation and padding to a width, number formatting, and
// file names made printable (control characters and invalid UTF-8 escaped, so a hostile file name
// cannot drive the terminal).
//
// Pure functions; thread-safe.

#include <cstdint>
#include <string>
#include <string_view>

namespace jamul::cli {

// Columns `text` occupies in a terminal.
std::size_t displayWidth(std::string_view text);
// `text` cut to at most `width` columns (with "…" when cut) and padded with spaces to `width`.
std::string fitToWidth(std::string_view text, std::size_t width);
// `text` (a file name, or a message that holds one) safe to print to a terminal: control
// characters and invalid UTF-8 bytes shown as \xNN, C1 controls and bidirectional overrides as
// \u{NNNN}. Every name and message the CLI prints goes through it.
std::string printableText(std::string_view text);
// 1234567 -> "1,234,567".
std::string withThousands(std::uint64_t n);
// 1536 -> "1.5 KB"; decimal units, as file managers show sizes.
std::string humanBytes(std::uint64_t bytes);

}  // namespace jamul::cli
