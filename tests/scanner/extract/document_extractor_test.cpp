// SPDX-License-Identifier: Apache-2.0
#include "extract/document_extractor.h"

#include <boost/test/unit_test.hpp>
#include <string>

#include "support/collecting_sink.h"
#include "support/extraction.h"

namespace jamul::scanner::extract {
namespace {

using testing::CollectingSink;

BOOST_AUTO_TEST_SUITE(document_extractor)

BOOST_AUTO_TEST_CASE(documents_are_recognised_by_signature_not_name) {
  BOOST_TEST(documentKindName(documentKind(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest", 12))) ==
             "ole2");
  BOOST_TEST(documentKindName(documentKind("PK\x03\x04....")) == "zip");
  BOOST_TEST(documentKindName(documentKind("PK\x05\x06")) == "zip");  // an empty archive
  BOOST_TEST(documentKindName(documentKind("%PDF-1.7\n")) == "pdf");
  BOOST_TEST(documentKindName(documentKind("junk before\n%PDF-1.4\n")) == "pdf");
  BOOST_TEST(documentKindName(documentKind("{\\rtf1\\ansi\\ansicpg949 ...")) == "rtf");
  BOOST_TEST(documentKindName(documentKind("\xEF\xBB\xBF  <!DOCTYPE html><html>")) == "markup");
  BOOST_TEST(documentKindName(documentKind("<?xml version=\"1.0\"?><a/>")) == "markup");
  BOOST_TEST(documentKindName(documentKind("From: a@example.com\r\nTo: b@example.com\r\n"
                                           "Subject: hi\r\n\r\nbody")) == "eml");
  // One header-like line is not mail; prose with a colon is not mail.
  BOOST_TEST(documentKindName(documentKind("Subject: 회의록\n\n내용")) == "text");
  BOOST_TEST(documentKindName(documentKind("참고: 회의는 3시\n")) == "text");
  BOOST_TEST(documentKindName(documentKind("plain text")) == "text");
  BOOST_TEST(documentKindName(documentKind("HWP Document File V3.00 \x1A\x01\x02")) == "ole2");
  BOOST_TEST(documentKindName(documentKind("From alice@example.com Mon Jan  1 00:00:00 2024\n"
                                           "From: alice@example.com\nSubject: x\n\nbody")) == "eml");
  BOOST_TEST(documentKindName(documentKind("From the start, this was prose.\nMore prose.")) == "text");
  BOOST_TEST(documentKindName(documentKind("\x89PNG\r\n\x1A\n....")) == "image");
  BOOST_TEST(documentKindName(documentKind("\xFF\xD8\xFF\xE0..JFIF")) == "image");
}

BOOST_AUTO_TEST_CASE(text_members_are_decoded_and_csv_becomes_a_table) {
  CollectingSink sink;
  ExtractContext ctx = testing::dispatchingContext();
  const std::string csv = "성명,주민등록번호\n홍길동,900101-1234568\n";
  const ExtractStatus st = extractDocument({csv, "dir/명단.csv"}, sink, ctx);
  BOOST_TEST(st.isOk());
  BOOST_REQUIRE_EQUAL(sink.parts.size(), 1u);
  BOOST_TEST((sink.parts[0].kind == PartKind::kCsv));
  BOOST_TEST(sink.parts[0].text == csv);

  CollectingSink utf16;
  const std::string le("\xFF\xFE" "A\0B\0", 6);
  BOOST_TEST(extractDocument({le, "a.txt"}, utf16, ctx).isOk());
  BOOST_REQUIRE_EQUAL(utf16.parts.size(), 1u);
  BOOST_TEST((utf16.parts[0].kind == PartKind::kLines));
  BOOST_TEST(utf16.parts[0].text == "AB");
}

BOOST_AUTO_TEST_CASE(binary_and_encrypted_members_say_so) {
  CollectingSink sink;
  ExtractContext ctx = testing::dispatchingContext();
  const std::string elf("\x7F" "ELF\x02\x01\x01\0\0\0\0\0", 12);
  BOOST_TEST((extractDocument({elf, "a.bin"}, sink, ctx).status == FileStatus::kUnsupported));
  const std::string age = "age-encryption.org/v1\n-> X25519 abc\n";
  BOOST_TEST((extractDocument({age, "a.age"}, sink, ctx).status == FileStatus::kProtected));
  BOOST_TEST(sink.parts.empty());
}

BOOST_AUTO_TEST_CASE(nested_documents_get_prefixed_locations_and_a_depth_limit) {
  ExtractLimits limits;
  limits.max_depth = 1;
  ExtractContext ctx = testing::dispatchingContext(limits);
  CollectingSink sink;
  BOOST_TEST(ctx.nested("a.zip!/b.txt", {"hello", "b.txt"}, sink).isOk());
  BOOST_REQUIRE_EQUAL(sink.parts.size(), 1u);
  BOOST_TEST(sink.parts[0].location == "a.zip!/b.txt");
  BOOST_TEST(ctx.depth() == 0);
  // A document nested one level deeper than allowed is not read.
  ExtractContext deep(limits, [&](const Document& d, TextSink& s, ExtractContext& c) {
    return c.nested("inner", d, s);
  });
  CollectingSink deep_sink;
  BOOST_TEST((deep.nested("outer", {"text", "t"}, deep_sink).status == FileStatus::kTooLarge));
  BOOST_TEST(deep_sink.parts.empty());
}

BOOST_AUTO_TEST_CASE(budgets_are_counted) {
  ExtractLimits limits;
  limits.max_entries = 2;
  limits.max_expanded_bytes = 100;
  ExtractContext ctx = testing::dispatchingContext(limits);
  BOOST_TEST(ctx.chargeEntry());
  BOOST_TEST(ctx.chargeEntry());
  BOOST_TEST(!ctx.chargeEntry());
  BOOST_TEST(ctx.chargeExpanded(60));
  BOOST_TEST(!ctx.chargeExpanded(60));
  limits.time_budget = std::chrono::milliseconds(0);
  BOOST_TEST(testing::dispatchingContext(limits).expired());
}

BOOST_AUTO_TEST_CASE(the_worst_status_wins_but_unsupported_members_do_not_degrade) {
  ExtractStatus s = ExtractStatus::ok();
  foldStatus(s, ExtractStatus::unsupported("png data"));
  BOOST_TEST(s.isOk());
  foldStatus(s, ExtractStatus::protectedDoc("encrypted entry"));
  foldStatus(s, ExtractStatus::corrupt("bad deflate"));
  foldStatus(s, ExtractStatus::protectedDoc("another"));
  BOOST_TEST((s.status == FileStatus::kCorrupt));
  BOOST_TEST(s.detail == "bad deflate");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::scanner::extract
