// SPDX-License-Identifier: Apache-2.0
#include "detect/keyword_index.h"

#include <re2/re2.h>

#include "jamul/common/check.h"
#include "jamul/scanner/rule_catalog.h"

namespace jamul::scanner::detect {
namespace {

bool isAsciiAlpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

// Rules whose candidates are numbers: the shared negative labels (order numbers, barcodes, ...) apply.
constexpr RuleId kNumericRules[] = {
    RuleId::kKrRrn,        RuleId::kKrFrn,          RuleId::kKrPassport,
    RuleId::kKrDriverLicense, RuleId::kKrPhone,     RuleId::kCardNumber,
    RuleId::kKrBankAccount, RuleId::kKrHealthInsurance, RuleId::kKrBrn,
    RuleId::kKrCrn};

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

Result<std::unique_ptr<KeywordIndex>> KeywordIndex::create() {
  std::unique_ptr<KeywordIndex> index(new KeywordIndex());
  for (const RuleInfo& rule : ruleCatalog()) {
    for (std::string_view k : rule.keywords) index->add(k, positiveBit(rule.id), -1);
    for (std::string_view k : rule.negative_keywords) index->add(k, negativeBit(rule.id), -1);
  }
  KeywordClasses numeric_negative = 0;
  for (RuleId r : kNumericRules) numeric_negative |= negativeBit(r);
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
  index->regex_ = std::make_unique<RE2>(pattern, options);
  if (!index->regex_->ok())
    return Error(ErrorCode::kInternal, "keyword pattern does not compile: " + index->regex_->error());
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

}  // namespace jamul::scanner::detect
