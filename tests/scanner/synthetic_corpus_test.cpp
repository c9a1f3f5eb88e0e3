// SPDX-License-Identifier: Apache-2.0
// The synthetic corpus generator (tests/support/synthetic_corpus.h): determinism, exact offsets,
// distinct values, valid check digits where it promises them, values under matching table headers,
// and CP949-safe output. Whether the detector finds what it plants is detection_quality's job.

#include "support/synthetic_corpus.h"

#include <unicode/ucnv.h>

#include <boost/test/unit_test.hpp>
#include <map>
#include <set>

#include "detect/validators.h"
#include "jamul/scanner/rule_catalog.h"
#include "support/unstructured_corpus.h"

namespace jamul::test {
namespace {

using scanner::RuleId;
namespace detect = scanner::detect;

constexpr std::uint64_t kSeeds[] = {1, 7, 42, 2024, 31337};

std::vector<SyntheticDocument> documents(std::uint64_t seed, int n, CorpusOptions options = {}) {
  SyntheticCorpus corpus(seed, std::move(options));
  std::vector<SyntheticDocument> out;
  for (int i = 0; i < n; ++i) out.push_back(corpus.next());
  return out;
}

std::string digits(std::string_view s) {
  std::string d;
  for (char c : s)
    if (c >= '0' && c <= '9') d.push_back(c);
  return d;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// Decodes UTF-8 (the generator writes only valid UTF-8); -1 on a malformed sequence.
std::vector<char32_t> codePoints(std::string_view s) {
  std::vector<char32_t> out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + static_cast<std::size_t>(len) > s.size())
      return {static_cast<char32_t>(-1)};
    char32_t cp = len == 1 ? c : c & (0x7F >> len);
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += static_cast<std::size_t>(len);
  }
  return out;
}

// ASCII (printable, tab, CR, LF), Hangul syllables and the KS X 1001 marks Korean forms use.
bool cp949Safe(char32_t cp) {
  if (cp == '\t' || cp == '\n' || cp == '\r' || (cp >= 0x20 && cp < 0x7F)) return true;
  if (cp >= 0xAC00 && cp <= 0xD7A3) return true;
  static const std::set<char32_t> kMarks = {U'□',  U'■', U'○',  U'●',  U'※', U'【',
                                            U'】', U'·', U'「', U'」', U'→'};
  return kMarks.contains(cp);
}

// The cell of `text` that holds byte `offset` of a table (header = first line): its header.
std::string headerOf(std::string_view text, std::size_t offset, char delim) {
  const auto column = [&](std::size_t from, std::size_t to) {
    std::size_t col = 0;
    bool quoted = false;
    for (std::size_t i = from; i < to; ++i) {
      if (text[i] == '"') quoted = !quoted;
      if (text[i] == delim && !quoted) ++col;
    }
    return col;
  };
  const std::size_t line = text.rfind('\n', offset);
  const std::size_t col = column(line == std::string_view::npos ? 0 : line + 1, offset);
  const std::string_view header = text.substr(0, text.find('\n'));
  std::size_t start = 0;
  for (std::size_t c = 0; c < col; ++c) start = header.find(delim, start) + 1;
  std::string h(header.substr(start, header.find(delim, start) - start));
  std::erase(h, '"');
  std::erase(h, '\r');
  return h;
}

bool headerNames(RuleId rule, const std::string& header) {
  for (std::string_view k : scanner::ruleInfo(rule).keywords)
    if (lower(header).find(lower(k)) != std::string::npos) return true;
  return false;
}

BOOST_AUTO_TEST_SUITE(synthetic_corpus)

BOOST_AUTO_TEST_CASE(the_same_seed_gives_the_same_documents) {
  const auto a = documents(42, 40);
  const auto b = documents(42, 40);
  const auto c = documents(43, 40);
  int differing = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    BOOST_TEST(a[i].name == b[i].name);
    BOOST_TEST(a[i].text == b[i].text);
    BOOST_TEST_REQUIRE(a[i].planted.size() == b[i].planted.size());
    for (std::size_t p = 0; p < a[i].planted.size(); ++p) {
      BOOST_TEST(a[i].planted[p].offset == b[i].planted[p].offset);
      BOOST_TEST(a[i].planted[p].text == b[i].planted[p].text);
    }
    BOOST_TEST(a[i].traps.size() == b[i].traps.size());
    differing += a[i].text != c[i].text ? 1 : 0;
  }
  BOOST_TEST(differing == 40);
}

BOOST_AUTO_TEST_CASE(the_output_is_pinned) {
  // The generator draws with its own PRNG, never <random> distributions, so every platform and
  // standard library must produce these exact bytes. Changing the generator on purpose changes the
  // number: print the new one and update it here.
  std::uint64_t hash = 0xCBF29CE484222325ull;  // FNV-1a
  for (const SyntheticDocument& doc : documents(42, 6)) {
    for (char c : doc.name + doc.text)
      hash = (hash ^ static_cast<unsigned char>(c)) * 0x100000001B3ull;
  }
  BOOST_TEST(hash == 0x457D1EC5A35AC8AAull, "generator output hash 0x" << std::hex << hash);
}

BOOST_AUTO_TEST_CASE(every_offset_points_at_its_text) {
  for (std::uint64_t seed : kSeeds) {
    for (const SyntheticDocument& doc : documents(seed, 60)) {
      std::size_t previous = 0;
      for (const PlantedValue& v : doc.planted) {
        BOOST_TEST_REQUIRE(v.offset + v.text.size() <= doc.text.size());
        BOOST_TEST(doc.text.compare(v.offset, v.text.size(), v.text) == 0,
                   doc.name << ": " << v.text);
        BOOST_TEST(v.offset >= previous, doc.name << ": planted values in offset order");
        previous = v.offset + v.text.size();
      }
      previous = 0;
      for (const TrapValue& t : doc.traps) {
        BOOST_TEST_REQUIRE(t.offset + t.text.size() <= doc.text.size());
        BOOST_TEST(doc.text.compare(t.offset, t.text.size(), t.text) == 0,
                   doc.name << ": " << t.text);
        BOOST_TEST(t.offset >= previous, doc.name << ": traps in offset order");
        previous = t.offset + t.text.size();
        BOOST_TEST(!t.kind.empty());
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(values_and_traps_are_distinct_within_a_document) {
  for (std::uint64_t seed : kSeeds) {
    for (const SyntheticDocument& doc : documents(seed, 60)) {
      // Two spellings of one number ("010-1234-5678", "01012345678") are one value to the
      // detector, so distinctness is by digits (by lower-case text when there are none).
      std::set<std::string> seen;
      for (const PlantedValue& v : doc.planted) {
        const std::string key = std::string(scanner::ruleName(v.rule)) + ":" +
                                (digits(v.text).size() >= 6 ? digits(v.text) : lower(v.text));
        BOOST_TEST(seen.insert(key).second, doc.name << ": " << v.text << " twice");
      }
      std::set<std::string> texts;
      for (const PlantedValue& v : doc.planted) texts.insert(v.text);
      for (const TrapValue& t : doc.traps)
        BOOST_TEST(texts.insert(t.text).second, doc.name << ": trap " << t.text << " twice");
      // Offsets never overlap: each value and trap is its own span.
      std::map<std::size_t, std::size_t> spans;
      for (const PlantedValue& v : doc.planted) spans[v.offset] = v.offset + v.text.size();
      for (const TrapValue& t : doc.traps) spans[t.offset] = t.offset + t.text.size();
      std::size_t end = 0;
      for (const auto& [b, e] : spans) {
        BOOST_TEST(b >= end, doc.name << ": overlapping spans at " << b);
        end = e;
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(checksummed_values_are_valid) {
  std::map<RuleId, int> checked;
  int barcodes = 0, isbns = 0;
  for (std::uint64_t seed : kSeeds) {
    for (const SyntheticDocument& doc : documents(seed, 80)) {
      for (const PlantedValue& v : doc.planted) {
        const std::string d = digits(v.text);
        BOOST_TEST_CONTEXT(doc.name << ": " << v.text) {
          switch (v.rule) {
            case RuleId::kCardNumber:
              BOOST_TEST(detect::luhnOk(d));
              BOOST_TEST(detect::cardNetwork(d).has_value());
              break;
            case RuleId::kKrBrn:
              BOOST_TEST(detect::brnChecksumOk(d));
              BOOST_TEST(detect::brnComponentsOk(d));
              break;
            case RuleId::kKrCrn:
              BOOST_TEST(detect::crnChecksumOk(d));
              BOOST_TEST(detect::crnTypeCodeOk(d));
              // Not also an RRN/FRN: the 7th digit is no sex digit.
              BOOST_TEST(d[6] == '0');
              break;
            case RuleId::kKrRrn:
            case RuleId::kKrFrn: {
              BOOST_TEST_REQUIRE(d.size() == 13u);
              const auto birth = detect::registrationBirthDate(d);
              BOOST_TEST_REQUIRE(birth.has_value());
              BOOST_TEST((*birth <= detect::CivilDate{2025, 12, 31}));
              BOOST_TEST((v.rule == RuleId::kKrRrn ? d[6] >= '1' && d[6] <= '4'
                                                   : d[6] >= '5' && d[6] <= '8'));
              BOOST_TEST(!(detect::crnChecksumOk(d) && detect::crnTypeCodeOk(d)));
              const bool pass = detect::rrnChecksumOk(d) ||
                                (v.rule == RuleId::kKrFrn && detect::frnPlus2ChecksumOk(d)) ||
                                (v.rule == RuleId::kKrRrn && *birth >= detect::kRandomRrnTailsFrom);
              // Unhyphenated with a failing check digit: only behind a label or column header.
              if (d.size() == v.text.size() && !pass) {
                const std::string before = lower(doc.text.substr(
                    v.offset >= 60 ? v.offset - 60 : 0, std::min<std::size_t>(v.offset, 60)));
                bool labelled = doc.kind == DocumentKind::kCsv || doc.kind == DocumentKind::kTsv;
                for (std::string_view k : scanner::ruleInfo(v.rule).keywords)
                  labelled |= before.find(lower(k)) != std::string::npos;
                BOOST_TEST(labelled);
              }
              break;
            }
            case RuleId::kKrPhone:
              BOOST_TEST((d.starts_with("0") || d.starts_with("82")));
              break;
            case RuleId::kKrDriverLicense:
              BOOST_TEST((d.size() == 12u || d.size() == 10u));
              if (d.size() == 12u) {
                const int region = std::stoi(d.substr(0, 2));
                BOOST_TEST(((region >= 11 && region <= 26) || region == 28));
              }
              break;
            case RuleId::kKrPassport:
              BOOST_TEST(std::string_view("MSRGOD").find(v.text[0]) != std::string_view::npos);
              BOOST_TEST(v.text.size() == 9u);
              break;
            case RuleId::kKrBankAccount:
              BOOST_TEST((d.size() >= 10u && d.size() <= 14u));
              break;
            case RuleId::kKrHealthInsurance:
              BOOST_TEST(d.size() == 11u);
              break;
            default:
              break;
          }
        }
        ++checked[v.rule];
      }
      for (const TrapValue& t : doc.traps) {
        if (t.kind == "ean13") {
          BOOST_TEST(detect::ean13Ok(t.text), t.text);
          BOOST_TEST(t.text.starts_with("880"), t.text);
          ++barcodes;
        }
        if (t.kind == "isbn") {
          const std::string d = digits(t.text);
          int sum = 0;
          for (std::size_t i = 0; i < 12; ++i) sum += (d[i] - '0') * (i % 2 == 0 ? 1 : 3);
          BOOST_TEST((10 - sum % 10) % 10 == d[12] - '0', t.text);
          BOOST_TEST((d.starts_with("978") || d.starts_with("979")), t.text);
          ++isbns;
        }
      }
    }
  }
  // Every rule is planted, many times (issue 18's rules have their own corpus).
  for (RuleId rule : scanner::kAllRules)
    if (!isUnstructuredRule(rule)) BOOST_TEST(checked[rule] >= 50, scanner::ruleName(rule));
  BOOST_TEST(barcodes >= 20);
  BOOST_TEST(isbns >= 20);
}

BOOST_AUTO_TEST_CASE(table_values_sit_under_headers_of_their_rule) {
  int cells = 0;
  CorpusOptions options;
  options.kinds = {DocumentKind::kCsv, DocumentKind::kTsv};
  for (std::uint64_t seed : kSeeds) {
    for (const SyntheticDocument& doc : documents(seed, 20, options)) {
      const char delim = doc.kind == DocumentKind::kCsv ? ',' : '\t';
      for (const PlantedValue& v : doc.planted) {
        const std::string header = headerOf(doc.text, v.offset, delim);
        BOOST_TEST(headerNames(v.rule, header), doc.name << ": " << v.text << " under " << header);
        ++cells;
      }
    }
  }
  BOOST_TEST(cells >= 200);
}

BOOST_AUTO_TEST_CASE(cp949_restricted_output_round_trips_through_windows_949) {
  UErrorCode status = U_ZERO_ERROR;
  UConverter* cp949 = ucnv_open("windows-949", &status);
  BOOST_REQUIRE(U_SUCCESS(status));
  for (std::uint64_t seed : kSeeds) {
    for (const SyntheticDocument& doc : documents(seed, 40)) {
      for (char32_t cp : codePoints(doc.text))
        BOOST_TEST_REQUIRE(cp949Safe(cp),
                           doc.name << ": U+" << std::hex << static_cast<unsigned>(cp));
      // Encode to CP949 and back: byte-identical UTF-8 (the quality test compares offsets).
      std::string encoded(doc.text.size() * 2 + 16, '\0');
      status = U_ZERO_ERROR;
      const int32_t n =
          ucnv_convert("windows-949", "UTF-8", encoded.data(), static_cast<int32_t>(encoded.size()),
                       doc.text.data(), static_cast<int32_t>(doc.text.size()), &status);
      BOOST_TEST_REQUIRE(U_SUCCESS(status));
      std::string decoded(static_cast<std::size_t>(n) * 2 + 16, '\0');
      status = U_ZERO_ERROR;
      const int32_t m =
          ucnv_convert("UTF-8", "windows-949", decoded.data(), static_cast<int32_t>(decoded.size()),
                       encoded.data(), n, &status);
      BOOST_TEST_REQUIRE(U_SUCCESS(status));
      decoded.resize(static_cast<std::size_t>(m));
      BOOST_TEST(decoded == doc.text, doc.name);
    }
  }
  ucnv_close(cp949);

  // Unrestricted output may hold characters CP949 lacks (emoji in prose).
  CorpusOptions options;
  options.cp949_only = false;
  options.kinds = {DocumentKind::kProse};
  bool outside = false;
  for (const SyntheticDocument& doc : documents(7, 30, options))
    for (char32_t cp : codePoints(doc.text)) outside |= !cp949Safe(cp);
  BOOST_TEST(outside);
}

BOOST_AUTO_TEST_CASE(options_are_honoured) {
  CorpusOptions none;
  none.pii_rate = 0;
  none.trap_rate = 0;
  for (const SyntheticDocument& doc : documents(5, 30, none)) {
    BOOST_TEST(doc.planted.empty(), doc.name);
    BOOST_TEST(doc.traps.empty(), doc.name);
  }
  CorpusOptions logs;
  logs.kinds = {DocumentKind::kLog};
  logs.target_bytes = 20000;
  for (const SyntheticDocument& doc : documents(5, 10, logs)) {
    BOOST_TEST((doc.kind == DocumentKind::kLog));
    BOOST_TEST(doc.name.ends_with(".log"));
    BOOST_TEST(doc.text.size() >= 10000u);
    BOOST_TEST(doc.text.size() <= 31000u);
  }
  SyntheticCorpus big(9);
  const SyntheticDocument large = big.next(DocumentKind::kCsv, 2'000'000);
  BOOST_TEST(large.text.size() >= 2'000'000u);
  BOOST_TEST(large.text.size() < 2'010'000u);
  BOOST_TEST(large.planted.size() > 1000u);
}

BOOST_AUTO_TEST_CASE(every_kind_carries_values_and_traps) {
  std::map<DocumentKind, std::pair<int, int>> seen;  // planted, traps
  std::set<std::string> names;
  std::set<std::string> trap_kinds;
  for (std::uint64_t seed : kSeeds) {
    for (const SyntheticDocument& doc : documents(seed, 60)) {
      seen[doc.kind].first += static_cast<int>(doc.planted.size());
      seen[doc.kind].second += static_cast<int>(doc.traps.size());
      BOOST_TEST(names.insert(std::to_string(seed) + doc.name).second);
      for (const TrapValue& t : doc.traps) trap_kinds.insert(t.kind);
    }
  }
  for (DocumentKind kind : {DocumentKind::kProse, DocumentKind::kForm, DocumentKind::kCsv,
                            DocumentKind::kTsv, DocumentKind::kLog, DocumentKind::kConfig}) {
    BOOST_TEST(seen[kind].first > 20, documentKindName(kind));
    BOOST_TEST(seen[kind].second > 20, documentKindName(kind));
  }
  for (std::string_view kind : {"ean13",
                                "order number",
                                "receipt number",
                                "document number",
                                "timestamp",
                                "date",
                                "tracking number",
                                "model code",
                                "part code",
                                "masked",
                                "isbn",
                                "amount",
                                "version",
                                "fax",
                                "business number",
                                "toll-free",
                                "statute",
                                "postal code",
                                "serial number",
                                "mac address",
                                "loopback",
                                "password placeholder"})
    BOOST_TEST(trap_kinds.contains(std::string(kind)), kind);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::test
