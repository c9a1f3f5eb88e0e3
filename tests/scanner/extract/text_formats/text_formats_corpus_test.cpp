// SPDX-License-Identifier: Apache-2.0
// Robustness of extractRtf(), extractMarkup() and extractEml() over the shared corpus (rtf/,
// txt/*.html|*.xml, eml/ including .mbox): every file returns in time without crashing, and
// known-good files yield words one can read in them. With JAMUL_EXTRACT_DUMP_DIR set, each file's
// text is written there as <file>.txt.
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>

#include "extract/document_extractor.h"
#include "extract/extractors.h"
#include "support/collecting_sink.h"
#include "support/extraction.h"
#include "support/skip.h"
#include "support/temp_dir.h"

namespace jamul::scanner::extract {
namespace {

namespace fs = std::filesystem;
using testing::CollectingSink;

BOOST_AUTO_TEST_SUITE(text_formats_corpus)

BOOST_AUTO_TEST_CASE(every_corpus_file_returns_in_time_and_good_ones_yield_text) {
  const std::optional<fs::path> corpus_dir = test::corpusDir();
  if (!corpus_dir) JAMUL_SKIP_WITHOUT_DATA("JAMUL_SHARED_DIR/corpus missing");
  const fs::path corpus = *corpus_dir;
  const char* dump = std::getenv("JAMUL_EXTRACT_DUMP_DIR");  // <file>.txt per file, for people
  const std::map<std::string, std::string> expected_words = {
      {"tika__testRTF.rtf", "Test"},
      {"tika__testRTFHexEscapeInsideWord.rtf", "ESPÍRITO"},
      {"tika__testRTFUnicodeGothic.rtf", "𐌲𐌿𐍄𐌹𐍃𐌺"},
      {"tika__testRTFTableCellSeparation.rtf", "\t"},
      {"chardet___chromium_windows-949_with_no_encoding_specified.html", "다"},
      {"chardet__critique.or.kr.xml", "타인의 고통"},
      {"tika__testThunderbirdEml.eml", "Dear Vladimir"},
      {"tika__testRFC822_multipart_attachments.eml", "Test TXTB File"},
      {"tika__testRTFIgnoredControlWord.rtf", "The quick brown fox jumps over the lazy dog"},
  };
  int files = 0;
  for (const char* folder : {"rtf", "txt", "eml"}) {
    if (!fs::is_directory(corpus / folder)) continue;
    for (const fs::directory_entry& entry : fs::directory_iterator(corpus / folder)) {
      const std::string name = entry.path().filename().string();
      const std::string ext = entry.path().extension().string();
      const bool ours = std::string(folder) != "txt" || ext == ".html" || ext == ".xml";
      if (!entry.is_regular_file() || !ours) continue;
      const std::string bytes = test::readFile(entry.path());
      ++files;
      ExtractLimits limits;
      limits.time_budget = std::chrono::seconds(10);
      ExtractContext ctx = testing::dispatchingContext(limits);
      CollectingSink sink;
      const auto start = std::chrono::steady_clock::now();
      const Document doc{bytes, name};
      const std::string f = folder;
      const ExtractStatus st = f == "rtf"   ? extractRtf(doc, sink, ctx)
                               : f == "eml" ? extractEml(doc, sink, ctx)
                                            : extractMarkup(doc, sink, ctx);
      const auto elapsed = std::chrono::steady_clock::now() - start;
      BOOST_TEST_MESSAGE(name << ": status " << static_cast<int>(st.status) << " '" << st.detail
                              << "', " << sink.parts.size() << " parts, " << sink.allText().size()
                              << " bytes");
      BOOST_TEST(elapsed < std::chrono::seconds(15), name);
      BOOST_TEST(!sink.appended_before_part, name);
      if (const auto it = expected_words.find(name); it != expected_words.end()) {
        BOOST_TEST(sink.allText().find(it->second) != std::string::npos, name);
      }
      if (dump != nullptr) {
        std::ofstream out(fs::path(dump) / (name + ".txt"), std::ios::binary);
        out << sink.allText();
      }
    }
  }
  BOOST_TEST(files > 0);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::scanner::extract
