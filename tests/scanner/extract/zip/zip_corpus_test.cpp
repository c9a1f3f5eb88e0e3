// SPDX-License-Identifier: Apache-2.0
// Robustness over the real-world samples in $JAMUL_SHARED_DIR/corpus (zip, OOXML, HWPX, ODF),
// hostile ones included (bombs, fuzzer crashes, truncations): every file returns within its time
// budget without crashing, and known-good files yield the words a reader sees in them.
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
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
};

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

Outcome extractBytes(const std::string& bytes, const std::string& name) {
  ExtractLimits limits;
  limits.time_budget = std::chrono::milliseconds(10000);
  ExtractContext ctx = testing::dispatchingContext(limits);
  CollectingSink sink;
  ExtractStatus status = extractDocument({bytes, name}, sink, ctx);
  BOOST_TEST(!sink.appended_before_part, name);
  return {status, sink.allText()};
}

Outcome extractFile(const fs::path& path) {
  return extractBytes(readFile(path), path.filename().string());
}

constexpr const char* kFolders[] = {"zip", "docx", "xlsx", "pptx", "hwpx", "odt", "ods", "odp"};

BOOST_AUTO_TEST_SUITE(zip_corpus)

BOOST_AUTO_TEST_CASE(every_sample_returns_in_time_and_good_ones_yield_text) {
  const std::optional<fs::path> corpus_dir = test::corpusDir();
  if (!corpus_dir) JAMUL_SKIP_WITHOUT_DATA("JAMUL_SHARED_DIR/corpus not available");
  const fs::path corpus = *corpus_dir;
  std::map<std::string, Outcome> outcomes;
  for (const char* dir : kFolders) {
    std::error_code ec;
    if (!fs::is_directory(corpus / dir, ec)) continue;
    for (const fs::directory_entry& e : fs::directory_iterator(corpus / dir, ec)) {
      if (!e.is_regular_file()) continue;
      const auto start = std::chrono::steady_clock::now();
      Outcome outcome = extractFile(e.path());
      const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::steady_clock::now() - start)
                          .count();
      const std::string key = std::string(dir) + "/" + e.path().filename().string();
      BOOST_TEST_MESSAGE(key << ": " << static_cast<int>(outcome.status.status) << " "
                             << outcome.status.detail << " (" << ms << " ms, "
                             << outcome.text.size() << " bytes of text)");
      BOOST_TEST(ms < 15000, key << " took " << ms << " ms");
      outcomes.emplace(key, std::move(outcome));
    }
  }

  // Words visible in the samples (as `unzip -p` of their XML shows).
  const std::pair<const char*, const char*> kExpected[] = {
      {"docx/tika__testWORD.docx", "Sample Word Document"},
      {"docx/tika__footnotes.docx", "snoska"},
      {"docx/tika__testComment.docx", "comment"},
      {"xlsx/tika__testEXCEL.xlsx", "Sample Excel Worksheet"},
      {"xlsx/poi__unicodeSheetName.xlsx", ""},
      {"pptx/tika__testPPT.pptx", "Attachment Test"},
      {"hwpx/hwpxlib__HeaderFooter.hwpx", "머리말 테스트"},
      {"odt/tika__testOpenOffice2.odt", "This is a sample Open Office document"},
      {"zip/tika__testZip_with_DataDescriptor.zip", ""},
      {"ods/tika__LibreOfficeCalc_ods_1.3.ods", "spreadsheet"},
      {"zip/tika__testOpenOfficeInAZip.zip", ""},
  };
  for (const auto& [key, word] : kExpected) {
    const auto it = outcomes.find(key);
    if (it == outcomes.end()) continue;
    BOOST_TEST(it->second.status.isOk(), key << ": " << it->second.status.detail);
    BOOST_TEST(it->second.text.find(word) != std::string::npos, key << " lacks " << word);
  }
  // Hostile samples end in a status, not in zero findings that look clean.
  const std::pair<const char*, FileStatus> kStatuses[] = {
      {"hwpx/ohahhwpjs__password-12345.hwpx", FileStatus::kProtected},
      {"odt/tika__testODTEncrypted.odt", FileStatus::kProtected},
      {"zip/tika__testZipEncrypted.zip", FileStatus::kProtected},
      {"zip/ayrabomb__10.zip", FileStatus::kTooLarge},
      {"xlsx/poi__poc-xmlbomb.xlsx", FileStatus::kCorrupt},
      {"zip/libarchive__test_read_format_zip_size_exceeds_declared_deflate.zip",
       FileStatus::kCorrupt},
      {"pptx/poi__clusterfuzz-testcase-minimized-POIFuzzer-5205835528404992.pptx",
       FileStatus::kCorrupt},
  };
  for (const auto& [key, status] : kStatuses) {
    const auto it = outcomes.find(key);
    if (it == outcomes.end()) continue;
    BOOST_TEST((it->second.status.status == status), key << ": " << it->second.status.detail);
  }
}

// Issue 12: every sample cut short, at seven points and inside its end record, returns in time
// without crashing; a sample read whole and cut is never `ok` (it lost its end record), and one
// cut in half still gives text when its first half held some (counted, not required: where the
// text lies in a sample is its own affair).
BOOST_AUTO_TEST_CASE(issue_12_samples_cut_short_return_in_time_and_never_say_ok) {
  const std::optional<fs::path> corpus_dir = test::corpusDir();
  if (!corpus_dir) JAMUL_SKIP_WITHOUT_DATA("JAMUL_SHARED_DIR/corpus not available");
  std::size_t samples = 0, halves_with_text = 0;
  for (const char* dir : kFolders) {
    std::error_code ec;
    if (!fs::is_directory(*corpus_dir / dir, ec)) continue;
    for (const fs::directory_entry& e : fs::directory_iterator(*corpus_dir / dir, ec)) {
      if (!e.is_regular_file()) continue;
      const std::string bytes = readFile(e.path());
      const std::string key = std::string(dir) + "/" + e.path().filename().string();
      // A sample holding two end records (a stored zip, an archive in a comment) may be cut
      // after one that describes a whole archive: it is only checked for time and crashes.
      const std::size_t end_record = bytes.rfind("PK\x05\x06");
      const bool whole_ok = bytes.starts_with("PK\x03\x04") &&
                            bytes.find("PK\x05\x06") == end_record &&
                            extractBytes(bytes, key).status.isOk();
      samples += whole_ok ? 1 : 0;
      std::vector<std::size_t> cuts;
      for (std::size_t k = 1; k < 8; ++k) cuts.push_back(bytes.size() * k / 8);
      if (end_record != std::string::npos) cuts.push_back(end_record + 10);
      for (std::size_t cut : cuts) {
        const auto start = std::chrono::steady_clock::now();
        const Outcome outcome = extractBytes(bytes.substr(0, cut), key);
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::steady_clock::now() - start)
                            .count();
        BOOST_TEST(ms < 15000, key << " cut at " << cut << " took " << ms << " ms");
        if (whole_ok && cut >= 4)
          BOOST_TEST(!outcome.status.isOk(), key << " cut at " << cut << " says ok");
        if (whole_ok && cut == bytes.size() * 4 / 8 &&
            outcome.text.find_first_not_of("\n") != std::string::npos)
          ++halves_with_text;
      }
    }
  }
  BOOST_TEST_MESSAGE(samples << " samples read whole; " << halves_with_text
                             << " of them still give text when cut in half");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::scanner::extract
