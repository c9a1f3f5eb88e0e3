// SPDX-License-Identifier: Apache-2.0
#pragma once

// Normalizer: rewrites the characters that Korean documents use in place of ASCII digits, dashes,
// spaces and punctuation (DETECTION.md §2.1) so that one set of ASCII patterns finds them all:
//   - full-width forms U+FF01..U+FF5E -> ASCII 0x21..0x7E (digits, letters, '@', '.', '-', ...);
//   - Arabic-Indic digits U+0660..0669, U+06F0..06F9 and mathematical digits U+1D7CE..1D7FF -> 0-9;
//   - hyphens U+2010..2015, U+2212, U+FE63, soft hyphen U+00AD -> '-';
//   - spaces U+00A0, U+2000..200A, U+202F, U+3000 -> ' '.
// Every replacement is shorter than or as long as the original, and normalize() keeps a map from
// normalised offsets back to original ones. Text with none of these characters (the common case) is
// returned as is, without a copy, after one vectorised pass.
//
// Thread-safety: none; the Normalizer owns reusable buffers.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace jamul::scanner::detect {

class Normalizer {
 public:
  // Returns the normalised form of `text`: `text` itself when nothing needs replacing, otherwise a
  // view of an internal buffer valid until the next call.
  std::string_view normalize(std::string_view text);

  // Maps an offset into the last normalised text to the offset of the same character boundary in the
  // original. REQUIRES: offset <= normalised size.
  std::size_t toOriginal(std::size_t offset) const;

  // True if the last normalize() returned its input unchanged.
  bool identity() const { return identity_; }

 private:
  struct Shift {
    std::size_t normalized;  // from this normalised offset on ...
    std::size_t original;    // ... the original offset is original + (offset - normalized)
  };
  std::string buffer_;
  std::vector<Shift> shifts_;
  bool identity_ = true;
};

// If the UTF-8 sequence at text[0] is a character the Normalizer rewrites, returns its ASCII
// replacement and sets `length` to the sequence's byte length; otherwise returns 0.
char normalizedAscii(std::string_view text, std::size_t& length);

}  // namespace jamul::scanner::detect
