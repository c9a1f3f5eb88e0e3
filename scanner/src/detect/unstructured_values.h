// SPDX-License-Identifier: Apache-2.0
#pragma once

// The value checks, masks and canonical forms of the unstructured rules (issue 18,
// ../shared/UNSTRUCTURED.md): what a name, an address, a birth date or a health field must look
// like once a label, a column or an address's grammar has pointed at it. Offsets are bytes of
// normalised UTF-8 text.
//
// Pure functions; thread-safe.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "detect/validators.h"

namespace jamul::scanner::detect {

// The Hangul syllable (U+AC00..U+D7A3) whose UTF-8 starts at text[at], or 0. Inline: asked for
// most characters of a name column and of the text before every number.
inline char32_t syllableAt(std::string_view text, std::size_t at) {
  if (at + 3 > text.size()) return 0;
  const auto* p = reinterpret_cast<const unsigned char*>(text.data()) + at;
  if ((p[0] & 0xF0) != 0xE0 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80) return 0;
  const char32_t cp = static_cast<char32_t>((p[0] & 0x0F) << 12 | (p[1] & 0x3F) << 6 | (p[2] & 0x3F));
  return cp >= 0xAC00 && cp <= 0xD7A3 ? cp : 0;
}
bool isSyllableStart(std::string_view text, std::size_t at);

// A set of words by their first two Hangul syllables, 8 KB of bits: "could `text` be a word of the
// set, or begin with one of two syllables or more?" answered without hashing the text. A register's
// name column asks it of every cell, and almost every name answers no, which skips the exact
// lookups in the lists of non-names and labels. A text that does not begin with two syllables is
// always a maybe; a word that does not can never be the answer for a text that does.
class SyllablePairFilter {
 public:
  void add(std::string_view word);
  bool mayHold(std::string_view text) const {
    const char32_t a = syllableAt(text, 0), b = syllableAt(text, 3);
    if (a == 0 || b == 0) return true;
    const std::size_t bit = slot(a, b);
    return ((bits_[bit / 64] >> (bit % 64)) & 1) != 0;
  }

 private:
  static std::size_t slot(char32_t a, char32_t b) {
    return ((a - 0xAC00) * 0x9E3Bu + (b - 0xAC00)) & 0xFFFFu;
  }
  std::uint64_t bits_[65536 / 64] = {};
};

enum class NameVerdict {
  kName,         // a name under the surname gate
  kRareSurname,  // would be a name but its surname is not in the list (rare, naturalised)
  kNotAName,
};
struct NameCheck {
  NameVerdict verdict = NameVerdict::kNotAName;
  std::size_t length = 0;  // bytes of the name itself (a trailing 님/씨 is not part of it)
};
// Checks `value`, a run of 2-5 Hangul syllables written where a name is expected (§3.4): placeholder
// names (홍길동, 아무개 ...), form vocabulary (동의서, 주소, 미정 ...), titles and department names are
// not names; nor is a word ending in a particle (동의서를); the first syllable (or two, for 남궁 and
// the other compound surnames) must be a listed surname, with 2-4 syllables (5 with a compound).
NameCheck checkName(std::string_view value);
// True for a placeholder name of 서식 examples (홍길동, 김철수, 이영희, 아무개, 성춘향).
bool isPlaceholderName(std::string_view value);

// A birth date read from text[begin, end) in one of the forms of §4.1: 1985.03.12, 1985-3-12,
// 1985년 3월 12일, 19850312, 850312, 85.03.12. Valid dates only, not after `today`, at most 120
// years before it (two-digit years take the century that gives the smaller age).
struct DateRead {
  CivilDate date;
  std::size_t end = 0;  // just past the date
};
std::optional<DateRead> readBirthDate(std::string_view text, std::size_t begin, CivilDate today);

// After an address's building or lot number at `end`: the end of the text, punctuation or space, or
// a particle (에, 의, 로, 으로, 이, 와, 과, 까지, 부터), never a counter (개, 명, 곳, 번, 년, 층 ...).
bool addressEndOk(std::string_view text, std::size_t end);
// A road word that is not a road name (도로, 경로, 교차로, 산책로, 출근길 ...; §2.3).
bool isGenericRoadWord(std::string_view road);

// Masks: the only forms of these values that leave the detector.
// "서울특별시 중구 세종대로 110, 101동 203호" -> "서울특별시 중구 세종대로 1**, ***동 ***호": the
// digits of the number and of the detail after its first digit.
std::string maskAddress(std::string_view address, std::size_t number_begin);
// "홍길동" -> "홍*동", "김구" -> "김*", "남궁민수" -> "남**수".
std::string maskName(std::string_view name);
// "1985-**-**".
std::string maskBirthDate(const CivilDate& date);
// "진단명: ***": the label and a fixed-width mask (the value's length is not told).
std::string maskField(std::string_view label);

// Canonical forms for keyed digests: the same value written with other spacing gives one digest.
std::string withoutSpaces(std::string_view text);
std::string canonicalDate(const CivilDate& date);  // "19850312"

}  // namespace jamul::scanner::detect
