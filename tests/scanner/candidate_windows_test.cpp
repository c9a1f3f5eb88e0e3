// SPDX-License-Identifier: Apache-2.0
// The prefilter's contract (candidate_windows.h): every match of a catalogue pattern that passes
// its rule's validation lies inside one candidate window. Checked against a plain full-text RE2
// scan on random text built from the characters identifiers are made of, plus real identifiers.

#include "detect/candidate_windows.h"

#include <re2/re2.h>

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <random>

#include "detect/rule_logic.h"
#include "jamul/scanner/rule_catalog.h"

namespace jamul::scanner::detect {
namespace {

// Random text dense in digits, separators, letters, '@', ':', '=', password labels and Hangul.
std::string randomText(std::mt19937_64& rng, std::size_t size) {
  static const std::vector<std::string> kPieces = {
      "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "1", "9", "-", " ", ".", "(", ")", "+",
      ":", "=", "@", "a", "f", "M", "x", "z", "서울", "주민번호", "비밀번호", "password", "pw",
      "\n", "\t", "가", "com", "naver.", "::", "+82 ", "%eth0", "_", "－", "９",
      // Whole identifiers, so that validated candidates are common, not rare accidents.
      "900101-1234568", "9601211021413", "010-2000-0000", "+82 10-2000-0000", "(02) 212-3456",
      "4012-8888-8888-1881", "371449635398431", "104-86-56659", "317 - 81 - 11175",
      "130111-0006246", "M123A4567", "G12345678", "서울 91-123456-12", "11-22-123456-12",
      "110-436-387740", "3333-12-3456789", "hong@naver.com", "192.168.0.1", "fe80::1",
      "::ffff:192.0.2.1", "pwd=S3cr3t!", "비밀번호: abcd1234", "12345678901"};
  std::string text;
  while (text.size() < size) text += kPieces[rng() % kPieces.size()];
  return text;
}

BOOST_AUTO_TEST_SUITE(candidate_windows)

BOOST_AUTO_TEST_CASE(every_pattern_match_lies_inside_a_window) {
  RE2::Options options;
  options.set_encoding(RE2::Options::EncodingLatin1);
  std::vector<std::unique_ptr<RE2>> patterns;
  // The unstructured rules have no candidate windows: their own pass finds them.
  for (const RuleInfo& rule : ruleCatalog())
    if (!rule.traits.unstructured)
      for (std::string_view p : rule.patterns)
        patterns.push_back(std::make_unique<RE2>(std::string(p), options));
  const RuleLogic logic(CivilDate{2026, 11, 22});
  std::vector<std::pair<RuleId, int>> pattern_rules;
  for (const RuleInfo& rule : ruleCatalog())
    if (!rule.traits.unstructured)
      for (std::size_t v = 0; v < rule.patterns.size(); ++v)
        pattern_rules.emplace_back(rule.id, static_cast<int>(v));
  std::mt19937_64 rng(20261122);
  std::vector<Span> windows;
  int checked = 0;
  for (int round = 0; round < 300; ++round) {
    const std::string text = randomText(rng, 200 + rng() % 3000);
    findCandidateWindows(text, windows);
    for (std::size_t w = 1; w < windows.size(); ++w)
      BOOST_TEST_REQUIRE(windows[w - 1].end < windows[w].begin);
    const re2::StringPiece input(text);
    re2::StringPiece groups[2];
    for (std::size_t k = 0; k < patterns.size(); ++k) {
      const auto& re = patterns[k];
      std::size_t pos = 0;
      while (pos < text.size() && re->Match(input, pos, text.size(), RE2::UNANCHORED, groups, 2)) {
        const auto begin = static_cast<std::size_t>(groups[1].data() - text.data());
        const std::size_t end = begin + groups[1].size();
        const auto whole_end =
            static_cast<std::size_t>(groups[0].data() - text.data()) + groups[0].size();
        pos = whole_end > pos ? whole_end : pos + 1;
        if (!logic.inspect(pattern_rules[k].first, pattern_rules[k].second, text, begin, end))
          continue;
        const bool inside =
            std::any_of(windows.begin(), windows.end(),
                        [&](const Span& s) {
                          return s.begin < begin &&
                                 end <= s.end;  // strictly after the start: room for the guard
                        }) ||
            std::any_of(windows.begin(), windows.end(),
                        [&](const Span& s) { return s.begin == 0 && begin == 0 && end <= s.end; });
        BOOST_TEST_REQUIRE(
            inside, "match [" << begin << "," << end << ") of " << re->pattern()
                              << " is outside every window: \""
                              << text.substr(begin > 8 ? begin - 8 : 0, end - begin + 16) << "\"");
        ++checked;
      }
    }
  }
  BOOST_TEST(checked > 3000);
}

BOOST_AUTO_TEST_CASE(prose_without_triggers_has_no_windows) {
  std::vector<Span> windows;
  findCandidateWindows("개인정보 보호 교육을 실시하였습니다. 모든 직원은 참석하시기 바랍니다!",
                       windows);
  BOOST_TEST(windows.empty());
  findCandidateWindows("연락처 010-2000-0000 입니다", windows);
  BOOST_TEST(windows.size() == 1u);
  // Dates, amounts and counts have too few digits to be any identifier.
  findCandidateWindows("2024년 3월 15일 총 1,234,000원 12개 v3.2", windows);
  BOOST_TEST(windows.empty());
  findCandidateWindows("여권 M123A4567", windows);
  BOOST_TEST(windows.size() == 1u);
  findCandidateWindows("IP 1.2.3.4", windows);
  BOOST_TEST(windows.size() == 1u);
}

// Digit runs are found 64 bytes at a time by their ends (the byte after the last digit): runs that
// straddle a 64-byte word, end the text, or end on a trigger of their own must be found as well.
BOOST_AUTO_TEST_CASE(runs_across_words_and_at_the_end_of_the_text) {
  std::vector<Span> windows;
  const auto covers = [&](std::size_t begin, std::size_t end) {
    return std::any_of(windows.begin(), windows.end(),
                       [&](const Span& w) { return w.begin <= begin && end <= w.end; });
  };
  for (const std::string id : {"12345678901", "010-2000-0000", "M12345678", "M123A4567"}) {
    for (std::size_t at = 0; at < 140; ++at) {
      // In the middle of prose, then ending the text.
      std::string text = std::string(at, 'x') + " " + id + " 가나다";
      findCandidateWindows(text, windows);
      BOOST_TEST(covers(at + 1, at + 1 + id.size()), id << " at " << at);
      text = std::string(at, 'x') + " " + id;
      findCandidateWindows(text, windows);
      BOOST_TEST(covers(at + 1, text.size()), id << " ending the text at " << text.size());
    }
  }
  for (std::size_t at = 0; at < 140; ++at) {
    // Short runs open nothing, wherever they fall; a long one ending on ':' opens its own.
    std::string text = std::string(at, '.') + " 1234567 12:30";
    findCandidateWindows(text, windows);
    BOOST_TEST(windows.empty(), "at " << at);
    text = std::string(at, '.') + " 123456789:";
    findCandidateWindows(text, windows);
    BOOST_TEST(covers(at + 1, at + 10), "at " << at);
  }
}

// The vectorised trigger scans (SSE2, AVX2 where the CPU has it) give exactly the bits of the
// portable one, on every byte value and at every length.
BOOST_AUTO_TEST_CASE(every_trigger_scan_gives_the_same_bitmaps) {
  std::mt19937_64 rng(20261203);
  TriggerBitmaps expected, got;
  int compared = 0;
  for (int round = 0; round < 400; ++round) {
    std::string text =
        round % 2 == 0 ? randomText(rng, rng() % 700) : std::string(rng() % 700, ' ');
    if (round % 2 == 1)
      for (char& c : text) c = static_cast<char>(rng());  // every byte value
    BOOST_REQUIRE(fillTriggerBitmaps(text, expected, TriggerScan::kPortable));
    for (TriggerScan how : {TriggerScan::kSse2, TriggerScan::kAvx2}) {
      if (!fillTriggerBitmaps(text, got, how)) continue;  // not on this CPU
      BOOST_TEST_REQUIRE(got.digits == expected.digits);
      BOOST_TEST_REQUIRE(got.continues == expected.continues);
      BOOST_TEST_REQUIRE(got.others == expected.others);
      ++compared;
    }
  }
  BOOST_TEST(compared >= 400);  // SSE2 at least, on any x86-64
}

BOOST_AUTO_TEST_CASE(window_edges_fall_on_character_boundaries) {
  std::vector<Span> windows;
  const std::string text =
      "가나다라마바사아자차카타파하 010-2000-0000 가나다라마바사아자차카타파하";
  findCandidateWindows(text, windows);
  BOOST_REQUIRE(windows.size() == 1u);
  const auto lead = [&](std::size_t i) {
    return i == text.size() || (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
  };
  BOOST_TEST(lead(windows[0].begin));
  BOOST_TEST(lead(windows[0].end));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::scanner::detect
