// SPDX-License-Identifier: Apache-2.0
// Tests of extractPdf() on PDFs written object by object here (ISO 32000-1 §7.5: header, body,
// cross-reference table with 20-byte entries, trailer), with synthetic PII.
#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <string>
#include <vector>

#include "extract/document_extractor.h"
#include "extract/extractors.h"
#include "support/collecting_sink.h"
#include "support/extraction.h"
#include "support/pdf_writer.h"

namespace jamul::scanner::extract {
namespace {

using testing::CollectingSink;

using testing::buildPdf;
using testing::pdfWithPages;

const std::string kPage1 =
    "BT /F1 12 Tf 72 720 Td (RRN 900101-1234568) Tj 0 -40 Td (second line) Tj ET";
const std::string kPage2 = "BT /F1 12 Tf 72 720 Td (phone 010-2000-0000) Tj ET";

ExtractStatus run(const std::string& bytes, CollectingSink& sink, ExtractLimits limits = {}) {
  ExtractContext ctx = testing::dispatchingContext(limits);
  return extractPdf({bytes, "t.pdf"}, sink, ctx);
}

BOOST_AUTO_TEST_SUITE(pdf_extractor)

BOOST_AUTO_TEST_CASE(text_comes_out_one_part_per_page_one_line_per_text_line) {
  CollectingSink sink;
  const std::string pdf = pdfWithPages({kPage1, kPage2});
  const ExtractStatus st = run(pdf, sink);
  BOOST_TEST(st.isOk(), st.detail);
  BOOST_TEST(!sink.appended_before_part);
  BOOST_REQUIRE_EQUAL(sink.parts.size(), 2u);
  BOOST_TEST(sink.parts[0].location == "page 1");
  BOOST_TEST((sink.parts[0].kind == PartKind::kParagraphs));
  BOOST_TEST(sink.parts[0].text == "RRN 900101-1234568\nsecond line\n");
  BOOST_TEST(sink.parts[1].location == "page 2");
  BOOST_TEST(sink.parts[1].text == "phone 010-2000-0000\n");

  // The dispatcher routes it here by signature.
  CollectingSink via_dispatch;
  ExtractContext ctx = testing::dispatchingContext();
  BOOST_TEST(extractDocument({pdf, "noname"}, via_dispatch, ctx).isOk());
  BOOST_TEST(via_dispatch.allText().find("900101-1234568") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(pages_without_text_are_image_only) {
  CollectingSink sink;
  const ExtractStatus st = run(pdfWithPages({"", "0 0 m 100 100 l S"}), sink);
  BOOST_TEST((st.status == FileStatus::kUnsupported));
  BOOST_TEST(st.detail.rfind("image_only", 0) == 0, st.detail);
  BOOST_TEST(sink.parts.empty());
}

BOOST_AUTO_TEST_CASE(a_blank_page_among_text_pages_is_skipped) {
  CollectingSink sink;
  BOOST_TEST(run(pdfWithPages({kPage1, "", kPage2}), sink).isOk());
  BOOST_REQUIRE_EQUAL(sink.parts.size(), 2u);
  BOOST_TEST(sink.parts[1].location == "page 3");
}

BOOST_AUTO_TEST_CASE(a_user_password_makes_it_protected) {
  // Standard security handler R2 (ISO 32000-1 §7.6.3.3): /U does not match the key of the empty
  // user password, so the file cannot be opened without one.
  const std::string u(64, 'A');
  const std::string o(64, 'B');
  const std::string pdf = pdfWithPages(
      {kPage1},
      "/Encrypt 6 0 R /ID [<00112233445566778899AABBCCDDEEFF> <00112233445566778899AABBCCDDEEFF>] ",
      {"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <" + o + "> /U <" + u + "> >>"});
  CollectingSink sink;
  const ExtractStatus st = run(pdf, sink);
  BOOST_TEST((st.status == FileStatus::kProtected), st.detail);
  BOOST_TEST(st.detail == "password-protected PDF");
  BOOST_TEST(sink.parts.empty());
}

BOOST_AUTO_TEST_CASE(garbage_and_empty_input_are_corrupt) {
  for (const std::string& bytes :
       {std::string("%PDF-1.7\n\x01\x02garbage\xFF\xFE no objects at all"), std::string("%PDF-"),
        std::string()}) {
    CollectingSink sink;
    const ExtractStatus st = run(bytes, sink);
    BOOST_TEST((st.status == FileStatus::kCorrupt), st.detail);
    BOOST_TEST(sink.parts.empty());
  }
}

BOOST_AUTO_TEST_CASE(truncated_files_never_crash_and_keep_what_was_read) {
  const std::string pdf = pdfWithPages({kPage1, kPage2});
  for (std::size_t cut = 0; cut < pdf.size(); cut += 7) {
    CollectingSink sink;
    const ExtractStatus st = run(pdf.substr(0, cut), sink);
    BOOST_TEST(!sink.appended_before_part);
    // Poppler reconstructs a lost xref table; either it finds text or it says why not.
    if (!st.isOk())
      BOOST_TEST((st.status == FileStatus::kCorrupt || st.status == FileStatus::kUnsupported),
                 "cut " << cut << ": " << st.detail);
    BOOST_TEST(st.detail.find("900101") == std::string::npos);
  }
  // Poppler rebuilds a damaged xref table by scanning for objects, but it needs a trailer to find
  // the catalog: a file cut before it is corrupt.
  CollectingSink sink;
  const ExtractStatus st = run(pdf.substr(0, pdf.find("trailer")), sink);
  BOOST_TEST((st.status == FileStatus::kCorrupt), st.detail);
  // A wrong startxref offset is repaired.
  std::string moved = pdf;
  moved.replace(moved.rfind("startxref\n") + 10, 1, "1");
  CollectingSink repaired;
  run(moved, repaired);
  BOOST_TEST(repaired.allText().find("900101-1234568") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_page_tree_cycle_does_not_hang) {
  // The page tree node lists itself as its own kid.
  const std::string pdf = buildPdf({"<< /Type /Catalog /Pages 2 0 R >>",
                                    "<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
                                    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"});
  CollectingSink sink;
  const ExtractStatus st = run(pdf, sink);
  BOOST_TEST(!st.isOk());
  BOOST_TEST(sink.parts.empty());
}

BOOST_AUTO_TEST_CASE(a_bad_deflate_stream_is_no_crash) {
  const std::string bad = "x\x9C\x01\x02\x03 not deflate";
  const std::string pdf =
      buildPdf({"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
                "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R >>",
                "<< /Length " + std::to_string(bad.size()) + " /Filter /FlateDecode >>\nstream\n" +
                    bad + "\nendstream"});
  CollectingSink sink;
  const ExtractStatus st = run(pdf, sink);
  BOOST_TEST((st.status == FileStatus::kUnsupported), st.detail);  // no text could be decoded
  BOOST_TEST(sink.parts.empty());
}

BOOST_AUTO_TEST_CASE(a_spent_time_budget_stops_before_reading) {
  ExtractLimits limits;
  limits.time_budget = std::chrono::milliseconds(0);
  CollectingSink sink;
  const ExtractStatus st = run(pdfWithPages({kPage1}), sink, limits);
  BOOST_TEST((st.status == FileStatus::kTooLarge));
  BOOST_TEST(sink.parts.empty());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::scanner::extract
