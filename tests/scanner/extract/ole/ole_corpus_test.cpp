// SPDX-License-Identifier: Apache-2.0
// Runs the OLE2 extractors over every sample of the shared corpus (/work/shared/corpus/{hwp,doc,
// xls,msg}): hostile files must return in time without crashing, and ordinary ones must yield the
// words a reader sees in them.
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "extract/document_extractor.h"
#include "extract/extractors.h"
#include "extract/ole/compound_file.h"
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
  bool part_first = true;
};

Outcome extractBytes(const std::string& bytes, const std::string& name) {
  ExtractLimits limits;
  limits.time_budget = std::chrono::milliseconds(10000);
  ExtractContext ctx = testing::dispatchingContext(limits);
  CollectingSink sink;
  Outcome out;
  out.status = extractOle({bytes, name}, sink, ctx);
  out.text = sink.allText();
  out.part_first = !sink.appended_before_part;
  return out;
}

Outcome extract(const fs::path& path) {
  return extractBytes(test::readFile(path), path.filename().string());
}

BOOST_AUTO_TEST_SUITE(ole_corpus)

BOOST_AUTO_TEST_CASE(every_sample_returns_in_time_with_a_status) {
  const std::optional<fs::path> dir = test::corpusDir();
  if (!dir) JAMUL_SKIP_WITHOUT_DATA("JAMUL_SHARED_DIR/corpus not found");
  int files = 0;
  for (const char* format : {"hwp", "doc", "xls", "ppt", "msg"}) {
    std::error_code ec;
    for (const fs::directory_entry& e : fs::directory_iterator(*dir / format, ec)) {
      if (!e.is_regular_file()) continue;
      ++files;
      const auto start = std::chrono::steady_clock::now();
      const Outcome out = extract(e.path());
      const auto elapsed = std::chrono::steady_clock::now() - start;
      BOOST_TEST_INFO(e.path().filename().string());
      BOOST_TEST(elapsed < std::chrono::seconds(15));
      BOOST_TEST(out.part_first);
      BOOST_TEST_MESSAGE(e.path().filename().string()
                         << ": " << fileStatusName(out.status.status) << " (" << out.status.detail
                         << "), " << out.text.size() << " bytes of text");
      if (out.status.status != FileStatus::kOk) BOOST_TEST(!out.status.detail.empty());
    }
  }
  BOOST_TEST(files > 0);
}

BOOST_AUTO_TEST_CASE(hwp_samples_have_the_expected_status_and_words) {
  const std::optional<fs::path> dir = test::corpusDir();
  if (!dir) JAMUL_SKIP_WITHOUT_DATA("JAMUL_SHARED_DIR/corpus not found");
  struct Expectation {
    const char* file;
    FileStatus status;
    const char* word;  // a word the document shows (empty: none checked)
  };
  const Expectation expectations[] = {
      {"hwplib__distribution.hwp", FileStatus::kProtected, ""},
      {"hwpswift__배포용문서.hwp", FileStatus::kProtected, ""},
      {"tika__testHWP-v5-dist.hwp", FileStatus::kProtected, ""},
      {"pyhwp__viewtext.hwp", FileStatus::kProtected, ""},
      {"pyhwp__password-12345.hwp", FileStatus::kProtected, ""},
      {"hwpswift__문서암호설정-보안수준높음.hwp", FileStatus::kProtected, ""},
      {"hwpswift__drm-unsupported-derived.hwp", FileStatus::kProtected, ""},
      {"tika__testHWP_3.0.hwp", FileStatus::kUnsupported, ""},
      {"pyhwp__nonole.txt", FileStatus::kUnsupported, ""},
  };
  for (const Expectation& x : expectations) {
    const fs::path path = *dir / "hwp" / fs::u8path(x.file);
    if (!fs::exists(path)) continue;
    const Outcome out = extract(path);
    BOOST_TEST_INFO(x.file);
    BOOST_TEST((out.status.status == x.status), fileStatusName(out.status.status)
                                                    << ": " << out.status.detail);
    if (*x.word != 0) BOOST_TEST(out.text.find(x.word) != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(office_samples_have_the_expected_status_and_words) {
  const std::optional<fs::path> dir = test::corpusDir();
  if (!dir) JAMUL_SKIP_WITHOUT_DATA("JAMUL_SHARED_DIR/corpus not found");
  struct Expectation {
    const char* file;  // format/name
    FileStatus status;
    const char* word;  // a word the document shows (empty: none checked)
  };
  const Expectation expectations[] = {
      {"doc/tika__testWORD.doc", FileStatus::kOk, "Sample Word Document"},
      {"doc/tika__testWORD6.doc", FileStatus::kOk, "The quick brown fox jumps over the lazy dog"},
      {"doc/tika__testComment.doc", FileStatus::kOk, "Here is some text."},
      {"doc/poi__HeaderFooterUnicode.doc", FileStatus::kOk, "EUR - €"},
      {"doc/tika__testWORD_various.doc", FileStatus::kOk, "Footnote appears here"},
      {"doc/poi__PasswordProtected.doc", FileStatus::kProtected, ""},
      {"doc/poi__password_tika_binaryrc4.doc", FileStatus::kProtected, ""},
      {"doc/tika__testWORD_protected_passtika.doc", FileStatus::kProtected, ""},
      {"xls/tika__testEXCEL.xls", FileStatus::kOk,
       "Sample Excel Worksheet - Numbers and their Squares"},
      {"xls/tika__testEXCEL.xls", FileStatus::kOk, "\t1\t1\n\t2\t4\n\t3\t9\n"},
      {"xls/poi__chinese-provinces.xls", FileStatus::kOk, "Beijing\t北京市"},
      {"xls/poi__15556.xls", FileStatus::kOk, "조 립 작 업 표 준 서"},
      {"xls/poi__TestUnicode.xls", FileStatus::kOk, "Der große"},
      {"xls/tika__testEXCEL_protected_passtika.xls", FileStatus::kProtected, ""},
      {"msg/tika__testMSG.msg", FileStatus::kOk, "From: Jukka Zitting <jukka.zitting@gmail.com>"},
      {"msg/tika__testMSG_att_doc.msg", FileStatus::kOk, "Subject: test pièce jointe 1"},
  };
  for (const Expectation& x : expectations) {
    const fs::path path = *dir / fs::u8path(x.file);
    if (!fs::exists(path)) continue;
    const Outcome out = extract(path);
    BOOST_TEST_INFO(x.file);
    BOOST_TEST((out.status.status == x.status), fileStatusName(out.status.status)
                                                    << ": " << out.status.detail);
    if (*x.word != 0) BOOST_TEST(out.text.find(x.word) != std::string::npos);
  }
}

// Issue 12: every sample cut short, at seven points and inside its last sectors (where writers
// put the directory and the FAT), returns in time without crashing; a sample read whole as `ok`
// is never `ok` cut short of its sectors in use, and whether it still gives text cut in half is
// counted per format.
BOOST_AUTO_TEST_CASE(issue_12_samples_cut_short_return_in_time_and_never_say_ok) {
  const std::optional<fs::path> dir = test::corpusDir();
  if (!dir) JAMUL_SKIP_WITHOUT_DATA("JAMUL_SHARED_DIR/corpus not found");
  for (const char* format : {"hwp", "doc", "xls", "ppt", "msg"}) {
    std::size_t whole_ok = 0, halves_with_text = 0;
    std::error_code ec;
    for (const fs::directory_entry& e : fs::directory_iterator(*dir / format, ec)) {
      if (!e.is_regular_file()) continue;
      const std::string bytes = test::readFile(e.path());
      const std::string name = e.path().filename().string();
      const bool ok = extractBytes(bytes, name).status.isOk();
      whole_ok += ok ? 1 : 0;
      // A cut that takes only free sectors from the end, or zeros (which stand in for missing
      // bytes), leaves the document whole.
      Result<ole::CompoundFile> file = ole::CompoundFile::open(bytes);
      const std::size_t used =
          file ? std::min<std::size_t>(file->usedSize(), bytes.size()) : bytes.size();
      const std::size_t needed = bytes.find_last_not_of('\0', used - 1) + 1;
      std::vector<std::size_t> cuts;
      for (std::size_t k = 1; k < 8; ++k) cuts.push_back(bytes.size() * k / 8);
      for (const std::size_t back : {1u, 100u, 700u})
        if (bytes.size() > back) cuts.push_back(bytes.size() - back);
      for (const std::size_t cut : cuts) {
        const auto start = std::chrono::steady_clock::now();
        const Outcome out = extractBytes(bytes.substr(0, cut), name);
        const auto elapsed = std::chrono::steady_clock::now() - start;
        BOOST_TEST_INFO(name << " cut at " << cut << " of " << bytes.size());
        BOOST_TEST(elapsed < std::chrono::seconds(15));
        BOOST_TEST(out.part_first);
        if (out.status.status != FileStatus::kOk) BOOST_TEST(!out.status.detail.empty());
        if (ok && cut < needed)
          BOOST_TEST(!out.status.isOk(), name << " cut at " << cut << " says ok");
        if (ok && cut == bytes.size() * 4 / 8 &&
            out.text.find_first_not_of(" \t\n") != std::string::npos)
          ++halves_with_text;
      }
    }
    BOOST_TEST_MESSAGE(format << ": " << whole_ok << " samples read whole as ok; "
                              << halves_with_text << " of them give text cut in half");
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::scanner::extract
