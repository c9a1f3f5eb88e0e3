// SPDX-License-Identifier: Apache-2.0
#include "detect/keyword_index.h"

#include <re2/re2.h>

#include <algorithm>
#include <string>

#include "jamul/common/check.h"
#include "jamul/scanner/rule_catalog.h"

namespace jamul::scanner::detect {
namespace {

bool isAsciiAlpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

// The Hangul syllable (U+AC00..U+D7A3) encoded at p[0..3) if there is one there, else 0.
char32_t hangulAt(const unsigned char* p, std::size_t n) {
  if (n < 3 || p[0] < 0xEA || p[0] > 0xED) return 0;
  const char32_t cp = (static_cast<char32_t>(p[0] & 0x0F) << 12) |
                      (static_cast<char32_t>(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
  return cp >= 0xAC00 && cp <= 0xD7A3 ? cp : 0;
}

// True if `a` becomes `b` by changing one syllable (same length) or, when `b` has four syllables
// or more, by dropping one from `b`.
bool withinOneSyllable(std::u32string_view a, std::u32string_view b) {
  if (a.size() == b.size()) {
    int diff = 0;
    for (std::size_t i = 0; i < a.size() && diff <= 1; ++i) diff += a[i] != b[i] ? 1 : 0;
    return diff <= 1;
  }
  if (b.size() < 4 || a.size() + 1 != b.size()) return false;
  std::size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  return a.substr(i) == b.substr(i + 1);
}

// A regex piece matching `keyword` byte for byte, ASCII letters in either case.
std::string keywordRegex(std::string_view keyword) {
  std::string out;
  for (char ch : keyword) {
    const auto c = static_cast<unsigned char>(ch);
    if (isAsciiAlpha(c)) {
      out += '[';
      out += static_cast<char>(c & ~0x20);
      out += static_cast<char>(c | 0x20);
      out += ']';
    } else if (c < 0x80 && !((c >= '0' && c <= '9'))) {
      out += '\\';
      out += ch;
    } else {
      out += ch;  // digits, and UTF-8 bytes (matched as Latin-1 characters)
    }
  }
  return out;
}

}  // namespace

std::string asciiLower(std::string_view text) {
  std::string out(text);
  for (char& ch : out)
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch + ('a' - 'A'));
  return out;
}

KeywordIndex::~KeywordIndex() = default;

void KeywordIndex::add(std::string_view keyword, KeywordClasses classes, int bank) {
  if (keyword.empty()) return;
  JAMUL_CHECK(keyword.size() <= kMaxKeywordBytes);
  Entry& e = entries_[asciiLower(keyword)];
  e.classes |= classes;
  if (bank >= 0) e.bank = bank;
  e.ascii_start = isAsciiAlpha(static_cast<unsigned char>(keyword.front()));
  e.ascii_end = isAsciiAlpha(static_cast<unsigned char>(keyword.back()));
}

KeywordClasses numericRuleBits() {
  static const KeywordClasses bits = [] {
    KeywordClasses b = 0;
    for (const RuleInfo& rule : ruleCatalog())
      if (rule.traits.numeric) b |= positiveBit(rule.id);
    return b;
  }();
  return bits;
}

Result<std::unique_ptr<KeywordIndex>> KeywordIndex::create() {
  std::unique_ptr<KeywordIndex> index(new KeywordIndex());
  for (const RuleInfo& rule : ruleCatalog()) {
    // The labels of the unstructured rules are the unstructured pass's (unstructured_pass.h): as
    // context here they would label numbers ("주소: … 010-…") and change the numeric rules' reading.
    if (rule.traits.unstructured) continue;
    for (std::string_view k : rule.keywords) index->add(k, positiveBit(rule.id), -1);
    for (std::string_view k : rule.negative_keywords) index->add(k, negativeBit(rule.id), -1);
  }
  const KeywordClasses numeric_negative = numericRuleBits() << 32;  // their negative bits
  for (std::string_view k : negativeKeywords()) index->add(k, numeric_negative, -1);
  const auto banks = bankCatalog();
  for (std::size_t b = 0; b < banks.size(); ++b)
    for (std::string_view k : banks[b].names)
      index->add(k, positiveBit(RuleId::kKrBankAccount), static_cast<int>(b));

  std::string pattern;
  for (const auto& [keyword, entry] : index->entries_) {
    if (!pattern.empty()) pattern += '|';
    pattern += keywordRegex(keyword);
  }
  RE2::Options options;
  options.set_encoding(RE2::Options::EncodingLatin1);
  options.set_longest_match(true);
  options.set_log_errors(false);
  options.set_max_mem(64 << 20);
  for (const auto& [keyword, entry] : index->entries_) {
    std::u32string syllables;
    const auto* p = reinterpret_cast<const unsigned char*>(keyword.data());
    bool hangul = true;
    for (std::size_t i = 0; i < keyword.size() && hangul; i += 3) {
      const char32_t cp = hangulAt(p + i, keyword.size() - i);
      hangul = cp != 0;
      syllables.push_back(cp);
    }
    if (hangul && syllables.size() >= 3) index->hangul_.push_back({syllables, &entry});
  }
  index->regex_ = std::make_unique<RE2>(pattern, options);
  if (!index->regex_->ok())
    return Error(ErrorCode::kInternal,
                 "keyword pattern does not compile: " + index->regex_->error());
  return index;
}

void KeywordIndex::find(std::string_view text, std::size_t begin, std::size_t end,
                        std::vector<KeywordHit>& out) const {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  re2::StringPiece input(text.data(), text.size());
  re2::StringPiece match;
  std::size_t pos = begin;
  while (pos < end && regex_->Match(input, pos, end, RE2::UNANCHORED, &match, 1)) {
    const auto b = static_cast<std::size_t>(match.data() - text.data());
    const std::size_t e = b + match.size();
    pos = e > b ? e : b + 1;
    // Keywords are short: lower-case into a stack buffer and look up without allocating.
    char lowered[kMaxKeywordBytes];
    if (match.size() > sizeof lowered) continue;  // cannot happen: no keyword is that long
    for (std::size_t k = 0; k < match.size(); ++k) {
      const char ch = match[k];
      lowered[k] = (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch + ('a' - 'A')) : ch;
    }
    const auto it = entries_.find(std::string_view(lowered, match.size()));
    if (it == entries_.end()) continue;  // cannot happen: the regex is built from the map
    const Entry& entry = it->second;
    if (entry.ascii_start && b > 0 && isAsciiAlpha(p[b - 1])) continue;
    if (entry.ascii_end && e < text.size() && isAsciiAlpha(p[e])) {
      // English plurals ("credit cards", "IPs") still count; any other letter means another word.
      const bool plural = (p[e] | 0x20) == 's' && (e + 1 >= text.size() || !isAsciiAlpha(p[e + 1]));
      if (!plural) continue;
    }
    out.push_back({b, e, entry.classes, entry.bank});
  }
}

void KeywordIndex::findApproximate(std::string_view text, std::vector<KeywordHit>& hits) const {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t exact = hits.size();
  std::vector<bool> replaced(exact, false);
  std::vector<KeywordHit> found;
  std::size_t next_exact = 0;  // hits[next_exact] is the first exact hit not before the run
  std::u32string run;
  std::vector<std::size_t> at;  // byte offset of each syllable of the run
  const auto flush = [&] {
    if (run.size() < 3) return;
    const std::size_t run_begin = at.front(), run_end = at.back() + 3;
    while (next_exact < exact && hits[next_exact].end <= run_begin) ++next_exact;
    // The longest keyword within one syllable of some part of the run; none if keywords of
    // different kinds are equally close.
    const Syllables* best = nullptr;
    std::size_t best_from = 0, best_length = 0;
    bool ambiguous = false;
    for (const Syllables& k : hangul_) {
      const std::size_t n = k.syllables.size();
      for (const std::size_t length : {n, n - 1}) {
        if (length < 3 || length > run.size() || (length < n && n < 4)) continue;
        for (std::size_t from = 0; from + length <= run.size(); ++from) {
          if (!withinOneSyllable(std::u32string_view(run).substr(from, length), k.syllables))
            continue;
          if (best == nullptr || n > best->syllables.size()) {
            best = &k;
            best_from = from;
            best_length = length;
            ambiguous = false;
          } else if (n == best->syllables.size() && k.entry->classes != best->entry->classes) {
            ambiguous = true;
          }
          break;
        }
      }
    }
    if (best == nullptr || ambiguous) return;
    const std::size_t b = at[best_from], e = at[best_from + best_length - 1] + 3;
    // Keywords read right in the run stand, unless this one is longer and covers them
    // ("민등록번호" is 주민등록번호 misread, not 등록번호).
    for (std::size_t h = next_exact; h < exact && hits[h].begin < run_end; ++h) {
      const bool covered = hits[h].begin >= b && hits[h].end <= e;
      if (!covered || (hits[h].end - hits[h].begin) / 3 >= best->syllables.size()) return;
    }
    for (std::size_t h = next_exact; h < exact && hits[h].begin < run_end; ++h) replaced[h] = true;
    found.push_back({b, e, best->entry->classes, best->entry->bank});
  };
  for (std::size_t i = 0; i < text.size();) {
    const char32_t cp = hangulAt(p + i, text.size() - i);
    if (cp == 0) {
      flush();
      run.clear();
      at.clear();
      ++i;
      continue;
    }
    run.push_back(cp);
    at.push_back(i);
    i += 3;
  }
  flush();
  if (found.empty()) return;
  std::size_t kept = 0;
  for (std::size_t h = 0; h < exact; ++h)
    if (!replaced[h]) hits[kept++] = hits[h];
  hits.resize(kept);
  const std::size_t middle = hits.size();
  hits.insert(hits.end(), found.begin(), found.end());
  std::inplace_merge(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(middle), hits.end(),
                     [](const KeywordHit& a, const KeywordHit& c) { return a.begin < c.begin; });
}

}  // namespace jamul::scanner::detect
