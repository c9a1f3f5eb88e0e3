// SPDX-License-Identifier: Apache-2.0
#include "extract/ole/doc_extractor.h"

#include <boost/test/unit_test.hpp>
#include <string>

#include "extract/document_extractor.h"
#include "extract/extractors.h"
#include "office_test_document.h"
#include "salvage_test_values.h"
#include "support/checked_extraction.h"
#include "support/collecting_sink.h"

namespace jamul::scanner::extract {
namespace {

namespace o = testing::office;
namespace d = testing::office::doc;

using Run = testing::Extraction;

const testing::CheckedExtractorUnderTest run{extractDocument, "t.doc"};

BOOST_AUTO_TEST_SUITE(ole_doc_extractor)

BOOST_AUTO_TEST_CASE(pieces_in_both_encodings_give_one_line_per_paragraph) {
  const d::Built built = d::build({
      {"Name: Hong\rRRN 900101-", true},
      {"1234568\r주민등록번호 확인\x0B둘째 줄\r", false},
      {"Tel 010-2000-0000\r", true},
  });
  Run r = run(d::file(built));
  BOOST_TEST(r.status.isOk(), r.status.detail);
  BOOST_TEST(r.format == "doc");
  BOOST_REQUIRE_EQUAL(r.sink.parts.size(), 1u);
  BOOST_TEST(r.sink.parts[0].location == "body");
  BOOST_TEST((r.sink.parts[0].kind == PartKind::kParagraphs));
  BOOST_TEST(r.sink.parts[0].text ==
             "Name: Hong\nRRN 900101-1234568\n주민등록번호 확인\n둘째 줄\nTel 010-2000-0000\n");
}

BOOST_AUTO_TEST_CASE(cp1252_pieces_map_the_windows_range) {
  Run r = run(d::file(d::build({{"\x93quoted\x94 \x80 caf\xE9\r", true}})));
  BOOST_TEST(r.sink.parts.at(0).text == "\u201Cquoted\u201D \u20AC caf\u00E9\n");
}

BOOST_AUTO_TEST_CASE(tables_fields_and_controls_are_mapped) {
  // A 2x2 table (cell marks, row marks), a HYPERLINK field whose code is dropped and result kept,
  // a nested field, a picture anchor, a non-breaking hyphen and a page break.
  const std::string text =
      "성명\x07전화\x07\x07"
      "홍길동\x07"
      "010-2000-0000\x07\x07"
      "\x13 HYPERLINK \"mailto:x@y\" \x14hong@example.com\x15 end\r"
      "\x13 IF \x13 PAGE \x14"
      "1\x15 \x14outer\x15\r"
      "\x01pic 900101\x1E"
      "1234568\x0Cnext page\r";
  Run r = run(d::file(d::build({{text, false}})));
  BOOST_TEST(r.status.isOk(), r.status.detail);
  BOOST_TEST(r.sink.parts.at(0).text ==
             "성명\t전화\t\n홍길동\t010-2000-0000\t\nhong@example.com end\nouter\n"
             "pic 900101-1234568\nnext page\n");
}

BOOST_AUTO_TEST_CASE(the_fib_names_the_table_stream) {
  // fWhichTblStm clear: the Clx is in 0Table; a decoy 1Table holds garbage.
  const d::Built built = d::build({{"in 0Table 900101-1234568\r", true}}, 0);
  testing::CfbBuilder b;
  b.add("WordDocument", built.word_document);
  b.add("0Table", built.table);
  b.add("1Table", std::string(64, '\xFF'));
  Run r = run(b.build());
  BOOST_TEST(r.status.isOk(), r.status.detail);
  BOOST_TEST(r.sink.parts.at(0).text == "in 0Table 900101-1234568\n");
  // The named stream missing.
  testing::CfbBuilder missing;
  missing.add("WordDocument", built.word_document);
  missing.add("1Table", built.table);
  Run m = run(missing.build());
  BOOST_TEST((m.status.status == FileStatus::kCorrupt));
  // Issue 12: the text lying in WordDocument is read all the same.
  BOOST_TEST(m.status.detail == "DOC without its table stream; text salvaged from the raw bytes");
  BOOST_TEST(m.sink.allText().find("in 0Table 900101-1234568\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(encrypted_documents_are_protected) {
  const std::uint16_t flags = d::kWhichTable | d::kEncrypted;
  Run r = run(d::file(d::build({{"secret 900101-1234568\r", true}}, flags), flags));
  BOOST_TEST((r.status.status == FileStatus::kProtected));
  BOOST_TEST(r.status.detail == "password-protected DOC");
  BOOST_TEST(r.sink.allText().find("900101") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(lying_piece_tables_are_corrupt_and_bounded) {
  // A piece longer than the stream: what is there is read, the status says corrupt.
  Run past = run(d::file(d::build({{"010-2000-0000\r", true}}, d::kWhichTable, {0, 0x7FFFFFFF})));
  BOOST_TEST((past.status.status == FileStatus::kCorrupt));
  BOOST_TEST(past.status.detail == "DOC piece past the WordDocument stream");
  BOOST_TEST(past.sink.allText().find("010-2000-0000") != std::string::npos);
  // Character positions going backwards.
  Run back =
      run(d::file(d::build({{"first\r", true}, {"second\r", true}}, d::kWhichTable, {0, 6, 3})));
  BOOST_TEST((back.status.status == FileStatus::kCorrupt));
  BOOST_TEST(back.status.detail == "DOC piece table out of order");
  BOOST_TEST(back.sink.allText().find("first") != std::string::npos);
  // fcClx past the table stream.
  d::Built built = d::build({{"x\r", true}});
  o::put32(built.word_document, 32 + 2 + 28 + 2 + 88 + 2 + 33 * 8, 0x7FFFFFF0);
  Run clx = run(d::file(built));
  BOOST_TEST((clx.status.status == FileStatus::kCorrupt));
  // Not a Word FIB at all.
  testing::CfbBuilder b;
  b.add("WordDocument", std::string(600, 'A'));
  b.add("1Table", std::string(64, '\0'));
  BOOST_TEST((run(b.build()).status.status == FileStatus::kCorrupt));
}

BOOST_AUTO_TEST_CASE(text_past_the_member_limit_is_too_large) {
  ExtractLimits limits;
  limits.max_member_bytes = 100000;
  Run r = run(d::file(d::build({{std::string(300000, 'a') + "\r", true}})), limits);
  BOOST_TEST((r.status.status == FileStatus::kTooLarge));
}

// Streams cut short or garbled: every run returns in time with bounded text and a clean detail
// (checkedBrokenRun), and a stream cut short is never read as whole.
BOOST_AUTO_TEST_CASE(malformed_streams_never_crash) {
  const d::Built built = d::build({{"Name 900101-1234568\r", true}, {"전화\r", false}});
  const std::string& word = built.word_document;
  const std::string& table = built.table;
  const auto doc = [](std::string_view word_document, std::string_view table_stream,
                      const std::string& what) {
    return testing::checkedBrokenRun(
        [&](TextSink& sink, ExtractContext& ctx) {
          return ole::docText(word_document, table_stream, sink, ctx);
        },
        word_document.size() + table_stream.size(), "900101", what);
  };
  const testing::Extraction whole = doc(word, table, "whole");
  BOOST_TEST_REQUIRE(whole.status.isOk(), whole.status.detail);
  for (std::size_t cut = 0; cut < word.size(); cut += 7) {
    const std::string at = " cut at " + std::to_string(cut);
    const testing::Extraction short_word = doc(word.substr(0, cut), table, "WordDocument" + at);
    BOOST_TEST(!short_word.status.isOk(), "WordDocument" << at);
    BOOST_TEST(short_word.sink.allText().size() <= whole.sink.allText().size(),
               "WordDocument" << at);
    const std::size_t table_cut = cut % table.size();
    const testing::Extraction short_table =
        doc(word, table.substr(0, table_cut), "table stream cut at " + std::to_string(table_cut));
    BOOST_TEST(!short_table.status.isOk(), "table stream cut at " << table_cut);
    std::string flipped = table;
    flipped[table_cut] = static_cast<char>(~flipped[table_cut]);
    (void)doc(word, flipped, "table stream byte " + std::to_string(table_cut) + " flipped");
  }
}

// Issue 12: a Word file cut short, its directory lost (Word writes it last) or its WordDocument
// stream's chain broken, still gives the text lying in it; the status says corrupt.
BOOST_AUTO_TEST_CASE(issue_12_a_cut_doc_keeps_the_text_of_what_is_left) {
  const std::vector<std::string> rrns = testing::syntheticRrns(148);
  // A register as Word 97 stores it: the Korean half in a Unicode piece, the rest in a cp1252 one.
  std::string unicode, ansi;
  for (std::size_t i = 0; i < rrns.size(); ++i) {
    const std::string line =
        std::to_string(i + 1) + (i < 74 ? ". 주민등록번호 " : ". RRN ") + rrns[i];
    (i < 74 ? unicode : ansi) += line + "\r";
  }
  const d::Built built = d::build({{unicode, false}, {ansi, true}});
  for (const bool metadata_last : {true, false}) {
    testing::CfbBuilder b;
    b.metadata_last = metadata_last;
    b.add("WordDocument", built.word_document);
    b.add("1Table", built.table);
    testing::CfbBuilder::Layout layout;
    const std::string doc = b.build(&layout);
    const std::size_t begin = doc.find(built.word_document);
    const std::size_t end = begin + built.word_document.size();
    BOOST_REQUIRE(begin != std::string::npos);
    Run whole = run(doc);
    BOOST_TEST(whole.status.isOk(), whole.status.detail);
    BOOST_TEST(testing::countFound(whole.sink.allText(), rrns) == 148u);

    std::vector<std::size_t> cuts = {doc.size() / 2, (begin + end) / 2};
    if (metadata_last) cuts.push_back(layout.dirEntry(0) + 100);
    for (const std::size_t cut : cuts) {
      const std::string what = std::string(metadata_last ? "directory last" : "directory first") +
                               ", cut at " + std::to_string(cut) + " of " +
                               std::to_string(doc.size());
      Run r = run(doc.substr(0, cut));
      BOOST_TEST((r.status.status == FileStatus::kCorrupt), what << ": " << r.status.detail);
      BOOST_TEST(r.status.detail.find("text salvaged from the raw bytes") != std::string::npos,
                 what << ": " << r.status.detail);
      BOOST_TEST(testing::countFound(r.status.detail, rrns) == 0u);
      BOOST_REQUIRE(r.sink.part("salvaged text") != nullptr);
      const std::size_t found = testing::countFound(r.sink.allText(), rrns);
      if (cut >= end) {
        BOOST_TEST(found == 148u, what << ": " << found);
      } else {
        BOOST_TEST(found >= 20u, what << ": " << found);
        BOOST_TEST(found < 148u, what << ": " << found);
      }
      // Labels stay on the line of their number.
      BOOST_TEST(r.sink.allText().find("1. 주민등록번호 " + rrns[0] + "\n") != std::string::npos,
                 what);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::scanner::extract
