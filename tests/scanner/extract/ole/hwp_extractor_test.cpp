// SPDX-License-Identifier: Apache-2.0
#include "extract/ole/hwp_extractor.h"

#include <boost/test/unit_test.hpp>
#include <string>

#include "extract/document_extractor.h"
#include "extract/extractors.h"
#include "hwp_test_document.h"
#include "salvage_test_values.h"
#include "support/checked_extraction.h"
#include "support/collecting_sink.h"

namespace jamul::scanner::extract {
namespace {

using testing::CollectingSink;
using testing::countFound;
namespace h = testing::hwp;

using Run = testing::Extraction;

const testing::CheckedExtractorUnderTest run{extractDocument, "t.hwp"};

// Section 0: a paragraph with an inline tab and an extended control (a table) whose parameters
// hold bytes that would read as text, then the table's cell paragraphs at deeper levels, then an
// empty paragraph and one with a line break and a field.
std::string section0() {
  std::string s = h::paragraph(h::utf16("성명: 홍길동") + h::control(9, "\x41\0\x42\0") +
                               h::utf16("주민등록번호 900101-1234568") + h::control(11, "tbl "));
  s += h::record(h::kCtrlHeader, 1, "lbt " + std::string(40, '\0'));
  s += h::record(h::kListHeader, 2, std::string(30, '\0'));
  s += h::paragraph(h::utf16("셀 전화 010-2000-0000"), 2);
  s += h::paragraph(h::utf16("두 번째 셀"), 2);
  s += h::record(h::kParaHeader, 0, std::string(22, '\0'));  // an empty paragraph: no PARA_TEXT
  s += h::paragraph(h::utf16("첫 줄") + h::unit(10) + h::utf16("둘째 줄") + h::control(3, "%clk") +
                    h::utf16("누름틀") + h::control(4, "\0\0\0\0") + h::unit(30) + h::utf16("끝"));
  return s;
}

BOOST_AUTO_TEST_SUITE(ole_hwp_extractor)

BOOST_AUTO_TEST_CASE(compressed_sections_give_one_line_per_paragraph_in_reading_order) {
  const std::string second = h::paragraph(h::utf16("Section two text"));
  Run r = run(h::document({section0(), second}));
  BOOST_TEST(r.status.isOk(), r.status.detail);
  BOOST_REQUIRE_EQUAL(r.sink.parts.size(), 2u);
  BOOST_TEST(r.sink.parts[0].location == "section 1");
  BOOST_TEST((r.sink.parts[0].kind == PartKind::kParagraphs));
  BOOST_TEST(r.sink.parts[0].text ==
             "성명: 홍길동\t주민등록번호 900101-1234568\n"
             "셀 전화 010-2000-0000\n"
             "두 번째 셀\n"
             "\n"
             "첫 줄\n둘째 줄누름틀 끝\n");
  BOOST_TEST(r.sink.parts[1].location == "section 2");
  BOOST_TEST(r.sink.parts[1].text == "Section two text\n");
}

// Issue 13: a register's rows come out one line each, cells joined by tabs at their column, so a
// column's header stays the first line's cell however far down a value is.
BOOST_AUTO_TEST_CASE(issue_13_table_rows_are_lines_with_tabbed_cells) {
  std::string s = h::paragraph(h::utf16("명단"));
  s += h::paragraph(h::control(11, "tbl "));
  s += h::record(h::kCtrlHeader, 1, "lbt " + std::string(40, '\0'));
  s += h::tableRecord(2, 3, 3);
  const char* cells[3][3] = {{"성명", "주민등록번호", "계좌번호"},
                             {"홍길동", "900101-1234568", "110-436-387740"},
                             {"김철수", "", "3333-11-5280860"}};
  for (std::uint16_t r = 0; r < 3; ++r) {
    for (std::uint16_t c = 0; c < 3; ++c) {
      if (r == 2 && c == 1) continue;  // merged away: no cell, its column's tab stays
      s += h::cellHeader(2, c, r);
      s += h::paragraph(h::utf16(cells[r][c]), 2);
      if (r == 1 && c == 0) s += h::paragraph(h::utf16("(대표)"), 2);  // a second paragraph
    }
  }
  s += h::paragraph(h::utf16("끝"));
  Run r = run(h::document({s}));
  BOOST_TEST(r.status.isOk(), r.status.detail);
  BOOST_REQUIRE_EQUAL(r.sink.parts.size(), 1u);
  BOOST_TEST(r.sink.parts[0].text ==
             "명단\n"
             "\n"
             "성명\t주민등록번호\t계좌번호\n"
             "홍길동 (대표)\t900101-1234568\t110-436-387740\n"
             "김철수\t\t3333-11-5280860\n"
             "끝\n");
}

BOOST_AUTO_TEST_CASE(uncompressed_documents_and_long_records_are_read) {
  // A record over 4094 bytes uses the extended size field.
  std::string long_text;
  for (int i = 0; i < 300; ++i) long_text += "긴 문단 ";
  Run r = run(h::document({h::paragraph(h::utf16(long_text) + h::utf16("900101-1234568"))}, 0));
  BOOST_TEST(r.status.isOk(), r.status.detail);
  BOOST_REQUIRE_EQUAL(r.sink.parts.size(), 1u);
  BOOST_TEST(r.sink.parts[0].text == long_text + "900101-1234568\n");
}

BOOST_AUTO_TEST_CASE(sections_are_read_in_numeric_order) {
  std::vector<std::string> sections;
  for (int i = 0; i < 12; ++i) sections.push_back(h::paragraph(h::utf16("s" + std::to_string(i))));
  Run r = run(h::document(sections));
  BOOST_REQUIRE_EQUAL(r.sink.parts.size(), 12u);
  BOOST_TEST(r.sink.parts[2].text == "s2\n");
  BOOST_TEST(r.sink.parts[10].location == "section 11");
  BOOST_TEST(r.sink.parts[10].text == "s10\n");
}

BOOST_AUTO_TEST_CASE(password_and_distribution_documents_are_protected) {
  const std::string body = h::paragraph(h::utf16("900101-1234568"));
  Run pw = run(h::document({body}, h::kCompressed | h::kPassword));
  BOOST_TEST((pw.status.status == FileStatus::kProtected));
  BOOST_TEST(pw.status.detail == "password-protected HWP");
  BOOST_TEST(pw.sink.parts.empty());
  Run dist = run(h::document({body}, h::kCompressed | h::kDistribution));
  BOOST_TEST((dist.status.status == FileStatus::kProtected));
  BOOST_TEST(dist.status.detail == "HWP distribution document (배포용)");
  BOOST_TEST(dist.sink.parts.empty());
}

BOOST_AUTO_TEST_CASE(hwp3_and_unknown_compound_files_are_unsupported) {
  testing::CfbBuilder b;
  b.add("FileHeader", h::fileHeader(0, 0x03000000));
  Run v3 = run(b.build());
  BOOST_TEST((v3.status.status == FileStatus::kUnsupported));
  BOOST_TEST(v3.status.detail == "HWP 3 format");
  CollectingSink sink;
  ExtractContext ctx = testing::dispatchingContext();
  const std::string legacy = std::string("HWP Document File V3.00 \x1A\x01\x02\x03\x04\x05", 30);
  BOOST_TEST(extractOle({legacy, "old.hwp"}, sink, ctx).detail == "HWP 3 format");
  testing::CfbBuilder other;
  other.add("Something", "else");
  Run unknown = run(other.build());
  BOOST_TEST((unknown.status.status == FileStatus::kUnsupported));
  BOOST_TEST(unknown.status.detail == "ole2 file of unknown kind");
}

BOOST_AUTO_TEST_CASE(truncated_deflate_keeps_text_and_reports_corrupt) {
  std::string body;
  for (int i = 0; i < 200; ++i)
    body += h::paragraph(h::utf16("문단 " + std::to_string(i) + " 900101-1234568"));
  std::string compressed = h::deflateRaw(body);
  compressed.resize(compressed.size() * 2 / 3);
  testing::CfbBuilder b;
  b.add("FileHeader", h::fileHeader(h::kCompressed));
  b.add("BodyText/Section0", compressed);
  Run r = run(b.build());
  BOOST_TEST((r.status.status == FileStatus::kCorrupt));
  BOOST_TEST(r.status.detail.find("truncated BodyText/Section0") != std::string::npos,
             r.status.detail);
  BOOST_REQUIRE_EQUAL(r.sink.parts.size(), 1u);
  BOOST_TEST(r.sink.parts[0].text.find("문단 0 900101-1234568\n") == 0u);
}

BOOST_AUTO_TEST_CASE(bad_deflate_falls_back_to_the_preview_and_stays_corrupt) {
  testing::CfbBuilder b;
  b.add("FileHeader", h::fileHeader(h::kCompressed));
  b.add("BodyText/Section0", std::string(600, '\xFF'));
  b.add("PrvText", h::utf16("미리보기 010-2000-0000\r\n둘째 줄\r\n"));
  Run r = run(b.build());
  BOOST_TEST((r.status.status == FileStatus::kCorrupt));
  BOOST_TEST(r.status.detail.find("bad deflate data in BodyText/Section0") == 0u, r.status.detail);
  BOOST_TEST(r.status.detail.find("preview text only") != std::string::npos);
  const testing::CollectedPart* preview = r.sink.part("preview");
  BOOST_REQUIRE(preview != nullptr);
  BOOST_TEST(preview->text == "미리보기 010-2000-0000\n둘째 줄\n");
  // Without a BodyText storage at all.
  testing::CfbBuilder none;
  none.add("FileHeader", h::fileHeader(h::kCompressed));
  none.add("PrvText", h::utf16("요약"));
  Run n = run(none.build());
  BOOST_TEST((n.status.status == FileStatus::kCorrupt));
  BOOST_TEST(n.sink.allText() == "요약\n\n");
}

BOOST_AUTO_TEST_CASE(records_claiming_more_bytes_than_present_stop_cleanly) {
  std::string body = h::paragraph(h::utf16("앞 문단"));
  body += h::record(h::kParaHeader, 0, std::string(22, '\0'));
  std::string liar = h::record(h::kParaText, 1, h::utf16("잘린 문단"));
  liar[0] = '\x43';
  liar[3] = '\xFF';  // size 0xFFF: an extended size follows, read from the text itself
  body += liar;
  Run r = run(h::document({body}));
  BOOST_TEST((r.status.status == FileStatus::kCorrupt));
  BOOST_TEST(r.sink.parts.at(0).text.find("앞 문단\n") == 0u);
  // A control cut short at the end of the record, lone surrogates: no garbage, no overrun.
  std::string out;
  ole::appendHwpText(h::utf16("가") + h::unit(11) + h::unit('x'), out);
  ole::appendHwpText(h::unit(0xD800) + h::utf16("A") + h::unit(0xDC00), out);
  ole::appendHwpText(std::string("\x41", 1), out);
  BOOST_TEST(out ==
             "가\xEF\xBF\xBD"
             "A\xEF\xBF\xBD");
}

BOOST_AUTO_TEST_CASE(decompression_bombs_hit_the_member_limit) {
  std::string body;
  const std::string para = h::paragraph(h::utf16("반복 반복 반복 반복"));
  while (body.size() < (4u << 20)) body += para;
  ExtractLimits limits;
  limits.max_member_bytes = 1 << 20;
  Run r = run(h::document({body}), limits);
  BOOST_TEST((r.status.status == FileStatus::kTooLarge));
  BOOST_TEST(r.status.detail.find("BodyText/Section0") != std::string::npos, r.status.detail);
  BOOST_TEST(r.sink.parts.at(0).text.find("반복 반복") == 0u);  // what was read still counts
  ExtractLimits ratio;
  ratio.max_ratio = 5;
  Run rr = run(h::document({body}), ratio);
  BOOST_TEST((rr.status.status == FileStatus::kTooLarge));
  BOOST_TEST(rr.status.detail.find("ratio") != std::string::npos, rr.status.detail);
}

// --- issue 12: damaged documents with readable personal data ------------------------------------

// Where the pieces of a document built by h::hancomDocument() lie in the file.
struct Landmarks {
  std::size_t section_begin, section_end;  // the (stored) BodyText/Section0 stream
  std::size_t directory;                   // the first directory entry
  std::size_t fat;                         // the first FAT sector
};

Landmarks landmarks(const std::string& file, const std::string& stored_section,
                    const testing::CfbBuilder::Layout& layout) {
  const std::size_t at = file.find(stored_section);
  BOOST_REQUIRE(at != std::string::npos);
  return {at, at + stored_section.size(), layout.dirEntry(0), layout.offset(layout.first_fat)};
}

BOOST_AUTO_TEST_CASE(issue_12_a_cut_hwp_keeps_the_text_of_what_is_left) {
  const std::vector<std::string> rrns = testing::syntheticRrns(148);
  const std::string section = h::registerSection(rrns);
  for (const std::uint32_t flags : {h::kCompressed, 0u}) {
    for (const std::uint32_t sector_size : {512u, 4096u}) {
      const std::string what = std::string(flags ? "compressed" : "uncompressed") + ", " +
                               std::to_string(sector_size) + "-byte sectors";
      testing::CfbBuilder::Layout layout;
      const std::string hwp = h::hancomDocument({section}, flags, sector_size, &layout);
      const Landmarks at = landmarks(hwp, flags ? h::deflateRaw(section) : section, layout);
      BOOST_REQUIRE(at.section_end < at.directory);

      // Whole, it reads as ever.
      Run whole = run(hwp);
      BOOST_TEST(whole.status.isOk(), what << ": " << whole.status.detail);
      BOOST_REQUIRE_EQUAL(whole.sink.parts.size(), 1u);
      BOOST_TEST(whole.sink.parts[0].location == "section 1");
      BOOST_TEST(countFound(whole.sink.parts[0].text, rrns) == 148u);

      struct Cut {
        const char* where;
        std::size_t at;
      };
      const Cut cuts[] = {{"in half", hwp.size() / 2},
                          {"inside the section", (at.section_begin + at.section_end) / 2},
                          {"right after the section", at.section_end},
                          {"inside the directory", at.directory + 200},
                          {"inside the FAT", at.fat + 100},
                          {"before the last byte", hwp.size() - 1}};
      for (const Cut& cut : cuts) {
        const std::string label = what + ", cut " + cut.where;
        Run r = run(hwp.substr(0, cut.at));
        BOOST_TEST((r.status.status == FileStatus::kCorrupt), label << ": " << r.status.detail);
        BOOST_TEST(countFound(r.status.detail, rrns) == 0u, label << ": " << r.status.detail);
        const std::size_t found = countFound(r.sink.allText(), rrns);
        if (cut.at >= at.section_end) {
          BOOST_TEST(found == 148u, label << ": " << found << " of 148");
        } else {
          BOOST_TEST(found >= 30u, label << ": " << found << " of 148");
          BOOST_TEST(found < 148u, label << ": " << found << " of 148");
        }
        // The directory gone, the text comes from the carved section and says so.
        if (cut.at < at.directory + 128) {
          BOOST_TEST(r.status.detail.find("BodyText section") != std::string::npos,
                     label << ": " << r.status.detail);
          BOOST_REQUIRE(!r.sink.parts.empty());
          BOOST_TEST(r.sink.parts[0].location == "salvaged section 1", label);
          BOOST_TEST(r.sink.parts[0].text.starts_with("1. 주민등록번호 " + rrns[0] + "\n"), label);
        }
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(issue_12_a_section_whose_chain_is_cut_is_read_as_far_as_it_goes) {
  // The directory and FAT first (as some writers lay them out): the file opens, and Section0's
  // chain runs past the end of the bytes.
  const std::vector<std::string> rrns = testing::syntheticRrns(400);
  const std::string section = h::registerSection(rrns);
  for (const std::uint32_t flags : {h::kCompressed, 0u}) {
    const std::string hwp = h::document({section, h::paragraph(h::utf16("둘째 구역"))}, flags);
    const std::string stored = flags ? h::deflateRaw(section) : section;
    BOOST_REQUIRE(stored.size() >= 4096u);  // in sectors of its own, after the mini stream
    const std::size_t begin = hwp.find(stored);
    BOOST_REQUIRE(begin != std::string::npos);
    Run r = run(hwp.substr(0, begin + stored.size() / 2));
    BOOST_TEST((r.status.status == FileStatus::kCorrupt), r.status.detail);
    BOOST_TEST(r.status.detail.find("Section0") != std::string::npos, r.status.detail);
    BOOST_REQUIRE(!r.sink.parts.empty());
    BOOST_TEST(r.sink.parts[0].location == "section 1");
    const std::size_t found = countFound(r.sink.parts[0].text, rrns);
    BOOST_TEST(found >= 100u, found);
    BOOST_TEST(found < 400u, found);
    // The second section lies in the mini stream, before the cut: it is read whole.
    BOOST_TEST(r.sink.allText().find("둘째 구역\n") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(issue_12_a_cut_protected_hwp_stays_protected) {
  const std::string section = h::registerSection(testing::syntheticRrns(148));
  for (const std::uint32_t flags : {h::kPassword, h::kDistribution}) {
    const std::string hwp = h::hancomDocument({section}, h::kCompressed | flags);
    const Run whole = run(hwp);
    for (const std::size_t cut : {hwp.size() / 2, hwp.size() - 600, hwp.size() - 1}) {
      Run r = run(hwp.substr(0, cut));
      BOOST_TEST((r.status.status == FileStatus::kProtected), cut << ": " << r.status.detail);
      BOOST_TEST(r.status.detail == whole.status.detail);
      BOOST_TEST(r.sink.parts.empty());
    }
  }
}

BOOST_AUTO_TEST_CASE(issue_12_a_cut_hwp_without_its_file_header_is_still_carved) {
  // The FileHeader unreadable too (here: its signature damaged): both ways of storage are tried.
  const std::vector<std::string> rrns = testing::syntheticRrns(40);
  for (const std::uint32_t flags : {h::kCompressed, 0u}) {
    testing::CfbBuilder::Layout layout;
    std::string hwp = h::hancomDocument({h::registerSection(rrns)}, flags, 512, &layout);
    hwp[hwp.find("HWP Document File")] = 'X';
    CollectingSink sink;
    ExtractContext ctx = testing::dispatchingContext();
    const ExtractStatus st = extractOle({hwp.substr(0, layout.dirEntry(0)), "t.hwp"}, sink, ctx);
    BOOST_TEST((st.status == FileStatus::kCorrupt), st.detail);
    BOOST_TEST(ctx.format() == "hwp");
    BOOST_TEST(countFound(sink.allText(), rrns) == 40u);
  }
}

BOOST_AUTO_TEST_CASE(issue_12_whole_documents_read_the_same_in_either_layout) {
  // Salvage is only for what cannot be read: a whole document gives the same parts however its
  // sectors are laid out, and no salvaged part.
  const std::vector<std::string> sections = {section0(), h::paragraph(h::utf16("둘째"))};
  for (const std::uint32_t flags : {h::kCompressed, 0u}) {
    Run plain = run(h::document(sections, flags));
    for (const std::uint32_t sector_size : {512u, 4096u}) {
      Run hancom = run(h::hancomDocument(sections, flags, sector_size));
      BOOST_TEST(hancom.status.isOk(), hancom.status.detail);
      BOOST_REQUIRE_EQUAL(hancom.sink.parts.size(), plain.sink.parts.size());
      for (std::size_t i = 0; i < plain.sink.parts.size(); ++i) {
        BOOST_TEST(hancom.sink.parts[i].location == plain.sink.parts[i].location);
        BOOST_TEST(hancom.sink.parts[i].text == plain.sink.parts[i].text);
      }
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::scanner::extract
