// SPDX-License-Identifier: Apache-2.0
#pragma once

// LabelTrigger: the prefilter of the unstructured rules (issue 18). It finds where any of a few
// dozen byte strings (the first two syllables of each Hangul label: "성명", "예금", "생년", and spaced
// forms such as "성 명") begins, in one pass over the text, so that the labels' parsing runs only
// there. Korean prose is mostly Hangul, so a regex over all of it would cost more than the numeric
// rules' whole scan; this pass costs a fraction of a byte-wise loop.
//
// How: the literals are put in eight buckets. For the bytes at offsets 1, 2, 4 and 5 of a literal
// (the trailing bytes of its two syllables, which carry a syllable's identity; the lead bytes say
// little), two 16-entry tables per offset give the buckets whose literals have those bits 0-3 and
// those bits 2-5 there (a trailing byte's six bits of identity: its top two bits are always 10, so
// the usual high nibble would tell almost nothing). Where the AND over the four offsets is not zero
// a literal may begin; 32
// positions are tested at once with AVX2 (a nibble-table technique known from Hyperscan's "Teddy"
// literal matcher; written here from that description), byte by byte with the same tables
// elsewhere. Each position that passes is then compared in full.
//
// Thread-safety: immutable after construction; find() is const and thread-safe.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jamul::scanner::detect {

class LabelTrigger {
 public:
  struct Hit {
    std::size_t offset = 0;  // where the literal begins in the text
    int literal = 0;         // its index in the constructor's list
  };

  // Each literal must be at least 6 bytes long (two Hangul syllables).
  explicit LabelTrigger(std::vector<std::string> literals);

  // Appends to `out` (in offset order) every place in `text` where a literal begins.
  void find(std::string_view text, std::vector<Hit>& out) const;
  // The same without the vector instructions (for tests that compare the two).
  void findPortable(std::string_view text, std::vector<Hit>& out) const;

  const std::string& literal(int index) const { return literals_[static_cast<std::size_t>(index)]; }

  static constexpr std::size_t kMinLiteralBytes = 6;

 private:
  static constexpr std::array<std::size_t, 4> kOffsets = {1, 2, 4, 5};
  // Compares the literals whose fingerprint is that of text[at..] in full; appends the hits.
  void verify(std::string_view text, std::size_t at, std::vector<Hit>& out) const;
  static std::uint32_t fingerprint(const unsigned char* p) {
    return static_cast<std::uint32_t>(p[1]) | static_cast<std::uint32_t>(p[2]) << 8 |
           static_cast<std::uint32_t>(p[4]) << 16 | static_cast<std::uint32_t>(p[5]) << 24;
  }

  static std::uint32_t hashOf(std::uint32_t fingerprint) { return (fingerprint * 0x9E3779B1u) >> 16; }

  std::vector<std::string> literals_;
  std::array<bool, 256> first_byte_{};          // first bytes of the literals
  std::array<std::uint64_t, 1024> hashes_{};    // 65,536 bits: hashOf() of each fingerprint
  // (fingerprint, literal index), sorted: the literals to compare at a position that passed.
  std::vector<std::pair<std::uint32_t, int>> by_fingerprint_;
  // Per offset: bucket bits by bits 0-3 and by bits 2-5, and their AND per byte value.
  std::array<std::array<std::uint8_t, 16>, 4> low_{};
  std::array<std::array<std::uint8_t, 16>, 4> high_{};
  std::array<std::array<std::uint8_t, 256>, 4> byte_{};
};

}  // namespace jamul::scanner::detect
