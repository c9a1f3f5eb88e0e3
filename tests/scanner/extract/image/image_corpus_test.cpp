// SPDX-License-Identifier: Apache-2.0
// Robustness of OCR over the real images in $JAMUL_SHARED_DIR/corpus/images (provenance in
// corpus/SOURCES.tsv): every file returns within its time budget without crashing; the three
// smallest and one scanned Korean page are read in full and checked for words that
// `tesseract <file> - -l kor+eng` (Debian tesseract-ocr 5.3) prints for them. The others get a
// short budget, which keeps the suite near half a minute on two cores.
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "extract/document_extractor.h"
#include "support/collecting_sink.h"
#include "support/extraction.h"
#include "support/skip.h"
#include "support/temp_dir.h"

namespace jamul::scanner::extract {
namespace {

namespace fs = std::filesystem;
using testing::CollectingSink;

struct Outcome {
  ExtractStatus status;
  std::string text;
  std::chrono::milliseconds elapsed{0};
};

Outcome ocr(const fs::path& path, std::chrono::milliseconds budget) {
  ExtractLimits limits;
  limits.ocr = true;
  limits.time_budget = budget;
  ExtractContext ctx = testing::dispatchingContext(limits);
  const std::string bytes = test::readFile(path);
  const std::string name = path.filename().string();
  CollectingSink sink;
  const auto start = std::chrono::steady_clock::now();
  Outcome out;
  out.status = extractDocument({bytes, name}, sink, ctx);
  out.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start);
  out.text = sink.allText();
  BOOST_TEST(!sink.appended_before_part, name);
  return out;
}

bool hasHangul(std::string_view text) {
  // U+AC00..U+D7A3 in UTF-8: EA B0 80 .. ED 9E A3; a lead byte EA..ED is enough here.
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto b = static_cast<unsigned char>(c);
    return b >= 0xEA && b <= 0xED;
  });
}

BOOST_AUTO_TEST_SUITE(image_corpus)

BOOST_AUTO_TEST_CASE(every_corpus_image_returns_in_time_and_readable_ones_give_text) {
  const std::optional<fs::path> corpus_dir = test::corpusDir("images");
  if (!corpus_dir) JAMUL_SKIP_WITHOUT_DATA("JAMUL_SHARED_DIR/corpus/images not found");
  std::vector<fs::path> files;
  for (const fs::directory_entry& e :
       fs::directory_iterator(*corpus_dir))
    if (e.is_regular_file()) files.push_back(e.path());
  std::sort(files.begin(), files.end(), [](const fs::path& a, const fs::path& b) {
    return fs::file_size(a) < fs::file_size(b);
  });
  BOOST_REQUIRE(files.size() >= 3);

  // Read in full: the three smallest and a 200 dpi bilevel patent page (fax-like).
  // Words per file that the reference tool prints; empty = no expectation beyond "returns".
  const std::map<std::string, std::vector<std::string>> kExpected = {
      {"rapidocr__korean.jpg", {"디지털"}},
      {"rapidocr__empty_black.jpg", {}},
      {"rapidocr__img_exif_orientation.jpg", {}},
      {"derived__특허_p1_200dpi_mono.png", {"특허", "공개"}},
  };
  std::vector<fs::path> full(files.begin(), files.begin() + 3);
  if (fs::exists(files[0].parent_path() / "derived__특허_p1_200dpi_mono.png"))
    full.push_back(files[0].parent_path() / "derived__특허_p1_200dpi_mono.png");

  for (const fs::path& path : files) {
    const std::string name = path.filename().string();
    const bool in_full = std::find(full.begin(), full.end(), path) != full.end();
    const auto budget = std::chrono::milliseconds(in_full ? 30000 : 500);
    const Outcome out = ocr(path, budget);
    BOOST_TEST_MESSAGE(name << ": " << fileStatusName(out.status.status) << " " << out.status.detail
                            << " in " << out.elapsed.count() << " ms, " << out.text.size()
                            << " bytes");
    // Only Tesseract's page layout step runs without a cancellation point; a few seconds past
    // the budget is the most it may take on a loaded machine.
    BOOST_TEST(out.elapsed.count() < budget.count() + 8000, name);
    BOOST_TEST((out.status.status == FileStatus::kOk || out.status.status == FileStatus::kTooLarge),
               name << ": " << out.status.detail);
    if (!in_full) continue;
    BOOST_TEST(out.status.isOk(), name << ": " << out.status.detail);
    const auto expected = kExpected.find(name);
    if (expected == kExpected.end()) continue;
    for (const std::string& word : expected->second)
      BOOST_TEST(out.text.find(word) != std::string::npos, name << " lacks " << word);
    if (!expected->second.empty()) BOOST_TEST(hasHangul(out.text), name);
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::scanner::extract
