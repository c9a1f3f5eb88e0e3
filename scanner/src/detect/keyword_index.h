// SPDX-License-Identifier: Apache-2.0
#pragma once

// KeywordIndex: finds the context words of every rule (rule_catalog.h) in a span of text, in one RE2
// pass with leftmost-longest semantics, so that a keyword inside a longer one ("등록번호" inside
// "주민등록번호", "전화" inside "대표전화") is not reported on its own. ASCII letters match without
// regard to case; a keyword that starts or ends with an ASCII letter must not touch another ASCII
// letter ("IP" is not found in "SHIP"). Hangul keywords match as substrings because Korean particles
// attach to words ("주민번호는").
//
// Thread-safety: immutable after construction; find() is safe from several threads.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "jamul/common/result.h"
#include "jamul/scanner/rule.h"

namespace re2 {
class RE2;
}

namespace jamul::scanner::detect {

// What one keyword says: bit `rule` = positive context for that rule; bit 32 + `rule` = negative
// context for that rule.
using KeywordClasses = std::uint64_t;
constexpr KeywordClasses positiveBit(RuleId rule) { return KeywordClasses{1} << ruleIndex(rule); }
constexpr KeywordClasses negativeBit(RuleId rule) { return KeywordClasses{1} << (32 + ruleIndex(rule)); }
// The positive bits of the rules whose candidates are numbers (RuleTraits::numeric): the shared
// negative labels apply to them.
KeywordClasses numericRuleBits();

struct KeywordHit {
  std::size_t begin = 0;
  std::size_t end = 0;
  KeywordClasses classes = 0;
  int bank = -1;  // index into bankCatalog() when the keyword names a bank
};

class KeywordIndex {
 public:
  static Result<std::unique_ptr<KeywordIndex>> create();
  ~KeywordIndex();

  // Appends the keywords found in text[begin, end) to `out`, in order. Offsets are into `text`.
  void find(std::string_view text, std::size_t begin, std::size_t end,
            std::vector<KeywordHit>& out) const;

  // For text that OCR produced (issue 13): adds to `hits` (which holds find()'s hits for all of
  // `text`, in order, and stays in order) the Hangul keywords of three syllables or more that OCR
  // misread by one syllable: "카드변호", "여권빈호" (one syllable changed), "민등록번호" (one
  // dropped, for keywords of four or more). A run of syllables that an exact keyword covers, or
  // that comes within one syllable of keywords of different kinds, gets none.
  void findApproximate(std::string_view text, std::vector<KeywordHit>& hits) const;

 private:
  struct Entry {
    KeywordClasses classes = 0;
    int bank = -1;
    bool ascii_start = false;  // starts with an ASCII letter: needs a non-letter before it
    bool ascii_end = false;    // ends with an ASCII letter: needs a non-letter after it
  };
  KeywordIndex() = default;
  void add(std::string_view keyword, KeywordClasses classes, int bank);

  // Heterogeneous lookup: find() looks up a std::string_view without building a std::string.
  struct KeyHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  static constexpr std::size_t kMaxKeywordBytes = 64;

  // Pure-Hangul keywords of three syllables or more, as syllables, for findApproximate().
  struct Syllables {
    std::u32string syllables;
    const Entry* entry = nullptr;
  };
  std::vector<Syllables> hangul_;

  std::unique_ptr<re2::RE2> regex_;
  std::unordered_map<std::string, Entry, KeyHash, std::equal_to<>> entries_;  // ASCII lower-cased
};

// Lower-cases the ASCII letters of `text`.
std::string asciiLower(std::string_view text);

}  // namespace jamul::scanner::detect
