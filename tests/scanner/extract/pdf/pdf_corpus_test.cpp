// SPDX-License-Identifier: Apache-2.0
// Robustness of extractPdf() over the shared corpus (/work/shared/corpus/pdf: real Korean reports,
// scans, encrypted and deliberately broken files): every file returns in time without crashing,
// and known-good files yield the words pdftotext prints for them.
//
// With JAMUL_EXTRACT_DUMP_DIR set, the text of each file is written there as <file>.txt, which
// compare_pdftotext.sh compares with pdftotext until `jamul extract` exists.
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>

#include "extract/document_extractor.h"
#include "support/collecting_sink.h"
#include "support/extraction.h"
#include "support/skip.h"
#include "support/temp_dir.h"

namespace jamul::scanner::extract {
namespace {

namespace fs = std::filesystem;
using testing::CollectingSink;

BOOST_AUTO_TEST_SUITE(pdf_corpus)

BOOST_AUTO_TEST_CASE(every_corpus_pdf_returns_in_time_and_good_ones_yield_text) {
  const std::optional<fs::path> corpus_dir = test::corpusDir("pdf");
  if (!corpus_dir) JAMUL_SKIP_WITHOUT_DATA("JAMUL_SHARED_DIR/corpus/pdf missing");
  const char* dump = std::getenv("JAMUL_EXTRACT_DUMP_DIR");
  // Words pdftotext 22.12 prints for these files (and statuses for the ones without text).
  const std::map<std::string, std::string> expected_words = {
      {"pdfminer__simple1.pdf", "World"},
      {"presidio__sample.pdf", "cdarwin@hmsbeagle.org"},
      {"tika__testPDF.pdf", "Content Analysis Toolkit"},
      {"odl__202309_KB 한국대표그룹주.pdf", "KB자산운용"},
      {"odl__특허_1020210175798.pdf", "특허"},
      {"pdfminer__zen_of_python_corrupted.pdf", "Beautiful"},
      {"tika__testPDF_no_extract_no_accessibility_owner_empty.pdf", "Hello"},
  };
  const std::map<std::string, FileStatus> expected_status = {
      {"odl__password-protected.pdf", FileStatus::kProtected},
      {"pdfminer__aes-256-r6.pdf", FileStatus::kProtected},
      {"tika__testUnicodePassword.pdf", FileStatus::kProtected},
      {"odl__chinese_scan.pdf", FileStatus::kUnsupported},
  };
  int files = 0;
  for (const fs::directory_entry& entry :
       fs::directory_iterator(*corpus_dir)) {
    if (!entry.is_regular_file()) continue;
    const std::string name = entry.path().filename().string();
    const std::string bytes = test::readFile(entry.path());
    ++files;
    ExtractLimits limits;
    limits.time_budget = std::chrono::seconds(20);
    ExtractContext ctx = testing::dispatchingContext(limits);
    CollectingSink sink;
    const auto start = std::chrono::steady_clock::now();
    const ExtractStatus st = extractDocument({bytes, name}, sink, ctx);
    const auto elapsed = std::chrono::steady_clock::now() - start;
    BOOST_TEST_MESSAGE(name << ": status " << static_cast<int>(st.status) << " '" << st.detail
                            << "', " << sink.parts.size() << " parts, " << sink.allText().size()
                            << " bytes");
    BOOST_TEST(elapsed < std::chrono::seconds(30), name);
    BOOST_TEST(!sink.appended_before_part, name);
    if (const auto it = expected_words.find(name); it != expected_words.end()) {
      BOOST_TEST(sink.allText().find(it->second) != std::string::npos, name);
    }
    if (const auto it = expected_status.find(name); it != expected_status.end()) {
      BOOST_TEST((st.status == it->second), name << ": " << st.detail);
    }
    if (dump != nullptr) {
      std::ofstream out(fs::path(dump) / (name + ".txt"), std::ios::binary);
      out << sink.allText();
    }
  }
  BOOST_TEST(files > 0);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::scanner::extract
