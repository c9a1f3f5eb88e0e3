// SPDX-License-Identifier: Apache-2.0
// Issue 2 "Done means": on a labelled corpus with hard negatives, in UTF-8, CP949 and UTF-16, every
// rule reaches precision >= 0.98 and recall >= 0.98 at the default threshold (medium).
//
// Documents come from the synthetic generator (tests/support/synthetic_corpus.h) under several seeds,
// so the rules are not tuned to one draw. Each document is written to a file in one of the encodings
// and scanned by the real FileScanner (sniffing, decoding, CSV headers, detection). A finding counts
// as a true positive when its rule and offset match a planted value; anything else at medium or above
// is a false positive (hard negatives included). Set JAMUL_QUALITY_SEEDS="1,2,3" to try other seeds
// and JAMUL_QUALITY_VERBOSE=1 to print every miss and false alarm.

#include <unicode/ucnv.h>
#include <unicode/ustring.h>

#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <iomanip>
#include <map>
#include <sstream>

#include "jamul/scanner/file_scanner.h"
#include "support/detector_fixture.h"
#include "support/synthetic_corpus.h"
#include "support/temp_dir.h"
#include "support/unstructured_corpus.h"

namespace jamul::scanner {
namespace {

constexpr double kRequired = 0.98;
constexpr int kDocumentsPerSeed = 120;

std::vector<std::uint64_t> seeds() {
  std::vector<std::uint64_t> out = {1, 7, 42, 2024, 31337};
  if (const char* env = std::getenv("JAMUL_QUALITY_SEEDS")) {
    out.clear();
    std::istringstream in(env);
    std::string item;
    while (std::getline(in, item, ',')) out.push_back(std::stoull(item));
  }
  return out;
}

enum class Encoding { kUtf8, kUtf8Bom, kCp949, kUtf16Le, kUtf16Be };

std::string encode(std::string_view utf8, Encoding encoding) {
  switch (encoding) {
    case Encoding::kUtf8:
      return std::string(utf8);
    case Encoding::kUtf8Bom:
      return "\xEF\xBB\xBF" + std::string(utf8);
    case Encoding::kCp949: {
      UErrorCode status = U_ZERO_ERROR;
      std::string out(utf8.size() * 2 + 16, '\0');
      const int32_t n = ucnv_convert("windows-949", "UTF-8", out.data(),
                                     static_cast<int32_t>(out.size()), utf8.data(),
                                     static_cast<int32_t>(utf8.size()), &status);
      BOOST_REQUIRE(U_SUCCESS(status));
      out.resize(static_cast<std::size_t>(n));
      return out;
    }
    case Encoding::kUtf16Le:
    case Encoding::kUtf16Be: {
      const bool le = encoding == Encoding::kUtf16Le;
      std::u16string units(utf8.size() + 1, u'\0');
      int32_t n = 0;
      UErrorCode status = U_ZERO_ERROR;
      u_strFromUTF8(reinterpret_cast<UChar*>(units.data()), static_cast<int32_t>(units.size()), &n,
                    utf8.data(), static_cast<int32_t>(utf8.size()), &status);
      BOOST_REQUIRE(U_SUCCESS(status));
      std::string out = le ? "\xFF\xFE" : "";  // one with a BOM, one without
      for (int32_t i = 0; i < n; ++i) {
        const char16_t u = units[static_cast<std::size_t>(i)];
        out.push_back(static_cast<char>(le ? u & 0xFF : u >> 8));
        out.push_back(static_cast<char>(le ? u >> 8 : u & 0xFF));
      }
      return out;
    }
  }
  return {};
}

struct Tally {
  std::uint64_t tp = 0, fp = 0, fn = 0;
  double precision() const { return tp + fp == 0 ? 1.0 : static_cast<double>(tp) / static_cast<double>(tp + fp); }
  double recall() const { return tp + fn == 0 ? 1.0 : static_cast<double>(tp) / static_cast<double>(tp + fn); }
};

BOOST_AUTO_TEST_SUITE(detection_quality)

BOOST_AUTO_TEST_CASE(every_rule_reaches_precision_and_recall_098_at_the_default_threshold) {
  const bool verbose = std::getenv("JAMUL_QUALITY_VERBOSE") != nullptr;
  ScanOptions options;
  options.detector = test::testDetectorOptions();
  auto scanner = FileScanner::create(options, test::testHasher());
  BOOST_REQUIRE(scanner.ok());
  test::TempDir dir;
  std::array<Tally, kRuleCount> tallies{};
  std::map<std::string, int> false_alarms_by_trap;
  std::uint64_t documents = 0, bytes = 0;
  const Encoding encodings[] = {Encoding::kUtf8, Encoding::kCp949, Encoding::kUtf16Le,
                                Encoding::kUtf8Bom, Encoding::kUtf16Be};

  for (std::uint64_t seed : seeds()) {
    test::SyntheticCorpus corpus(seed);
    for (int i = 0; i < kDocumentsPerSeed; ++i) {
      const test::SyntheticDocument doc = corpus.next();
      const Encoding encoding = encodings[static_cast<std::size_t>(i) % std::size(encodings)];
      const auto path = dir.write(std::to_string(seed) + "-" + std::to_string(i) + "-" + doc.name,
                                  encode(doc.text, encoding));
      FileEntry entry;
      entry.path = path.string();
      entry.size = static_cast<std::uint64_t>(std::filesystem::file_size(path));
      const FileReport report = scanner->scan(entry);
      BOOST_TEST_REQUIRE(report.status == FileStatus::kOk, doc.name << ": " << report.detail);
      BOOST_TEST_REQUIRE(report.text_bytes == doc.text.size(), doc.name << " decoded differently");
      ++documents;
      bytes += doc.text.size();

      std::vector<bool> found(doc.planted.size(), false);
      for (const FindingSummary& f : report.findings) {
        if (f.confidence < Confidence::kMedium) continue;
        // Issue 18's rules rightly report the corpus's filler names and addresses; this corpus
        // plants none of them (unstructured_accuracy measures them), so they are not scored here.
        if (test::isUnstructuredRule(f.rule)) continue;
        bool matched = false;
        for (std::size_t p = 0; p < doc.planted.size(); ++p) {
          const test::PlantedValue& v = doc.planted[p];
          // "+82 " or a leading "(" may start a match a little before the planted digits.
          if (v.rule == f.rule && f.offset + 4 >= v.offset && f.offset < v.offset + v.text.size()) {
            found[p] = true;
            matched = true;
          }
        }
        if (matched) continue;
        ++tallies[ruleIndex(f.rule)].fp;
        std::string trap = "(not a trap)";
        for (const test::TrapValue& t : doc.traps)
          if (f.offset + 4 >= t.offset && f.offset < t.offset + t.text.size()) trap = t.kind;
        ++false_alarms_by_trap[std::string(ruleName(f.rule)) + " on " + trap];
        if (verbose)
          BOOST_TEST_MESSAGE("FP seed " << seed << " " << doc.name << " " << ruleName(f.rule) << " "
                                        << confidenceName(f.confidence) << " at " << f.location
                                        << " (" << trap << "): "
                                        << doc.text.substr(f.offset, 40));
      }
      for (std::size_t p = 0; p < doc.planted.size(); ++p) {
        Tally& t = tallies[ruleIndex(doc.planted[p].rule)];
        if (found[p]) {
          ++t.tp;
        } else {
          ++t.fn;
          if (verbose) {
            const test::PlantedValue& v = doc.planted[p];
            const std::size_t from = v.offset >= 30 ? v.offset - 30 : 0;
            BOOST_TEST_MESSAGE("FN seed " << seed << " " << doc.name << " " << ruleName(v.rule)
                                          << ": …" << doc.text.substr(from, v.offset - from + v.text.size() + 10));
          }
        }
      }
    }
  }

  std::ostringstream table;
  table << documents << " documents, " << bytes / 1024 << " KiB\n"
        << std::left << std::setw(22) << "rule" << std::right << std::setw(7) << "TP" << std::setw(6)
        << "FP" << std::setw(6) << "FN" << std::setw(11) << "precision" << std::setw(9) << "recall\n";
  for (RuleId rule : kAllRules) {
    if (test::isUnstructuredRule(rule)) continue;
    const Tally& t = tallies[ruleIndex(rule)];
    table << std::left << std::setw(22) << ruleName(rule) << std::right << std::setw(7) << t.tp
          << std::setw(6) << t.fp << std::setw(6) << t.fn << std::setw(11) << std::fixed
          << std::setprecision(4) << t.precision() << std::setw(9) << t.recall() << "\n";
  }
  for (const auto& [what, n] : false_alarms_by_trap) table << "  false alarm: " << what << " x" << n << "\n";
  BOOST_TEST_MESSAGE(table.str());

  for (RuleId rule : kAllRules) {
    if (test::isUnstructuredRule(rule)) continue;
    const Tally& t = tallies[ruleIndex(rule)];
    BOOST_TEST_CONTEXT("rule " << ruleName(rule)) {
      BOOST_TEST(t.tp >= 20u, "too few planted values to measure");
      BOOST_TEST(t.precision() >= kRequired);
      BOOST_TEST(t.recall() >= kRequired);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::scanner
